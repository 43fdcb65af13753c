// The input schema shared by the scaffolder action and the CLI's values file.
// It is written against zod's v3 API because the scaffolder converts action
// schemas with zod-to-json-schema, which reads v3 schemas; the same object
// therefore serves as the action's JSON Schema and as the CLI's parser.
import { z } from 'zod/v3';
import {
  DEFAULT_MODELEXPRESS_IMAGE,
  DEFAULT_MODELEXPRESS_RESOURCES,
  DEFAULT_WARMUP_SCHEDULE,
  MAX_NAME_LENGTH,
} from './defaults';
import { QUANTITY_PATTERN, QUANTITY_WITH_UNIT_PATTERN } from './quantity';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const RATIO = /^(0(\.[0-9]+)?|1(\.0+)?)$/;
// Hugging Face repository ids: `[org/]name`, letters, digits, `.`, `_`, `-`.
const MODEL_ID =
  /^([A-Za-z0-9][A-Za-z0-9._-]{0,95}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
// Five cron fields, or one of the macros Kubernetes CronJobs accept.
const CRON =
  /^((@(yearly|annually|monthly|weekly|daily|midnight|hourly))|(\S+\s+){4}\S+)$/;
const ABSOLUTE_PATH = /^\/[^\0]*$/;
const OWNER_REF =
  /^([a-zA-Z][a-zA-Z0-9]*:)?([a-z0-9][a-z0-9._-]*\/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const HOSTNAME_OR_IP =
  /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9a-fA-F:]+\]$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/;
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const dnsSubdomain = () =>
  z
    .string()
    .max(253)
    .regex(
      DNS_1123_SUBDOMAIN,
      'must be a DNS-1123 subdomain (a Kubernetes object name)',
    );

const secretKeyRef = () =>
  z
    .object({
      name: dnsSubdomain().describe('Secret name, in the cache namespace'),
      key: z.string().max(253).regex(SECRET_KEY, 'must be a valid Secret key'),
    })
    .strict();

const credentialsSecret = () =>
  z
    .object({
      name: dnsSubdomain().describe('Secret name, in the cache namespace'),
      accessKeyKey: z
        .string()
        .max(253)
        .regex(SECRET_KEY, 'must be a valid Secret key'),
      secretKeyKey: z
        .string()
        .max(253)
        .regex(SECRET_KEY, 'must be a valid Secret key'),
    })
    .strict();

const quantity = (what: string) =>
  z
    .string({
      invalid_type_error: `${what} must be a quoted Kubernetes quantity such as "2Gi"`,
    })
    .regex(
      QUANTITY_PATTERN,
      `${what} must be a Kubernetes quantity such as "500m", "2Gi" or "1"`,
    );

const resourceList = () =>
  z
    .object({
      cpu: quantity('cpu').optional(),
      memory: quantity('memory').optional(),
      'ephemeral-storage': quantity('ephemeral-storage').optional(),
    })
    .strict();

const resources = () =>
  z
    .object({
      requests: resourceList().optional(),
      limits: resourceList().optional(),
    })
    .strict();

const ratio = (what: string) =>
  z
    .string({
      invalid_type_error: `${what} must be a quoted decimal string such as "0.95"`,
    })
    .regex(
      RATIO,
      `${what} must be a decimal between 0 and 1 written as a string, such as "0.95"`,
    );

/** One level of the runtime's `tieredstore`. */
export const tierSchema = z
  .object({
    medium: z.enum(['MEM', 'SSD', 'HDD']).describe('Fluid `mediumtype`'),
    path: z
      .string()
      .min(1)
      .describe(
        'Cache directory on the node (Alluxio: comma-separated list; JuiceFS: colon-separated list)',
      ),
    quota: z
      .string({
        invalid_type_error:
          'quota must be a quoted Kubernetes quantity with a unit, such as "2Gi" (a bare number means bytes)',
      })
      .regex(
        QUANTITY_WITH_UNIT_PATTERN,
        'quota must be a Kubernetes quantity with a unit, such as "2Gi" or "500Mi" ("2GB" and bare numbers are not quantities Fluid reads as intended)',
      ),
    high: ratio('high')
      .optional()
      .describe('Alluxio high watermark; ignored by JuiceFS'),
    low: ratio('low')
      .optional()
      .describe('Alluxio low watermark; JuiceFS: free-space-ratio'),
  })
  .strict();

const juicefsBackend = z
  .object({
    type: z.literal('juicefs'),
    metaurlSecret: secretKeyRef()
      .optional()
      .describe(
        'Secret key holding the JuiceFS CE metadata engine URL (redis://, mysql://, postgres://)',
      ),
    storage: z
      .string()
      .regex(
        /^[a-z0-9]+$/,
        'must be a JuiceFS storage type such as minio or s3',
      )
      .optional(),
    bucket: z
      .string()
      .regex(
        HTTP_URL,
        'must be an http(s) URL such as https://s3.us-east-1.amazonaws.com/my-bucket',
      )
      .optional(),
    credentialsSecret: credentialsSecret().optional(),
    subPath: z
      .string()
      .regex(
        ABSOLUTE_PATH,
        'must be an absolute path inside the JuiceFS volume, such as "/"',
      )
      .refine(p => !p.split('/').includes('..'), 'must not contain ".."')
      .default('/'),
    bundled: z
      .boolean()
      .default(false)
      .describe(
        'Also generate an in-cluster Redis (metadata) and MinIO (objects)',
      ),
    bundledStorage: z
      .object({
        objectStoreSize: quantity('objectStoreSize').default('50Gi'),
        metadataSize: quantity('metadataSize').default('1Gi'),
        storageClassName: dnsSubdomain().optional(),
        minioImage: z.string().min(1).optional(),
        redisImage: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const alluxioNfsBackend = z
  .object({
    type: z.literal('alluxio-nfs'),
    server: z
      .string()
      .regex(HOSTNAME_OR_IP, 'must be an NFS server host name or IP address'),
    path: z
      .string()
      .regex(ABSOLUTE_PATH, 'must be the absolute path of the NFS export'),
    capacity: quantity('capacity').default('100Gi'),
    mountOptions: z.array(z.string().min(1)).optional(),
  })
  .strict();

const alluxioHostPathBackend = z
  .object({
    type: z.literal('alluxio-hostpath'),
    path: z
      .string()
      .regex(ABSOLUTE_PATH, 'must be an absolute host directory')
      .default('/var/lib/model-cache'),
    nodeSelector: z
      .record(z.string().min(1), z.string())
      .refine(
        labels => Object.keys(labels).length > 0,
        'must name at least one node label: the host directory exists only on those nodes',
      )
      .describe(
        'Labels of the nodes that hold the directory; the cache runs only there',
      ),
  })
  .strict();

const alluxioS3Backend = z
  .object({
    type: z.literal('alluxio-s3'),
    bucket: z
      .string()
      .regex(
        S3_BUCKET,
        'must be an S3 bucket name (3-63 lower-case letters, digits, "." and "-")',
      ),
    prefix: z
      .string()
      .regex(
        /^[^/].*[^/]$|^[^/]$/,
        'must be a key prefix without leading or trailing "/"',
      )
      .optional(),
    endpoint: z
      .string()
      .regex(
        HTTP_URL,
        'must be an http(s) URL such as https://s3.us-east-1.amazonaws.com',
      ),
    region: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a region name such as us-east-1'),
    credentialsSecret: credentialsSecret(),
    pathStyleAccess: z
      .boolean()
      .default(false)
      .describe(
        'Path-style bucket URLs, needed by MinIO and most non-AWS stores',
      ),
  })
  .strict();

/** The storage behind the cache; `type` picks the Fluid runtime. */
export const backendSchema = z.discriminatedUnion('type', [
  juicefsBackend,
  alluxioNfsBackend,
  alluxioHostPathBackend,
  alluxioS3Backend,
]);

/** The whole input of the generator, as the action and the CLI accept it. */
export const modelCacheInputSchema = z
  .object({
    name: z
      .string()
      .max(
        MAX_NAME_LENGTH,
        `must be at most ${MAX_NAME_LENGTH} characters, so that every derived name fits (the warm-up CronJob "<name>-warmup-loader-job" must stay within 52)`,
      )
      .regex(
        DNS_1035_LABEL,
        'must be a DNS-1035 label: lower-case letters, digits and "-", starting with a letter',
      )
      .describe(
        'Name of the Dataset, the runtime, the catalog Component and the prefix of every object',
      ),
    namespace: z
      .string()
      .max(63)
      .regex(
        DNS_1123_LABEL,
        'must be a DNS-1123 label: lower-case letters, digits and "-"',
      )
      .describe('Kubernetes namespace of every namespaced object'),
    owner: z
      .string()
      .regex(
        OWNER_REF,
        'must be a catalog entity reference such as group:default/ml-platform',
      )
      .optional()
      .describe('Catalog owner of the generated Component'),
    description: z.string().max(1000).optional(),
    backend: backendSchema,
    cache: z
      .object({
        replicas: z
          .number()
          .int()
          .min(
            1,
            'must be at least 1: with 0 workers nothing is cached and a DataLoad has nothing to warm',
          )
          .default(1),
        tiers: z
          .array(tierSchema)
          .optional()
          .describe("Cache tiers; empty or absent: the backend's default"),
        workerResources: resources().optional(),
        placement: z.enum(['Exclusive', 'Shared']).default('Exclusive'),
      })
      .strict()
      .default({}),
    modelExpress: z
      .object({
        image: z
          .string()
          .regex(
            /^[^\s:@]+(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/,
            'must be an image reference such as nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.1',
          )
          .default(DEFAULT_MODELEXPRESS_IMAGE),
        replicas: z.number().int().min(1).default(1),
        metadataBackend: z.enum(['kubernetes', 'redis']).default('kubernetes'),
        redisUrl: z
          .string()
          .optional()
          .describe(
            'redis:// URL without a password (use redisUrlSecret for one with a password)',
          ),
        redisUrlSecret: secretKeyRef().optional(),
        resources: resources().default(DEFAULT_MODELEXPRESS_RESOURCES),
        logLevel: z
          .enum(['trace', 'debug', 'info', 'warn', 'error'])
          .default('info'),
        hfTokenSecret: secretKeyRef().optional(),
      })
      .strict()
      .default({}),
    models: z
      .array(
        z
          .string()
          .regex(
            MODEL_ID,
            'must be a Hugging Face model id such as meta-llama/Llama-3.1-8B-Instruct',
          )
          .refine(
            id => !id.includes('--') && !id.includes('..'),
            'must not contain "--" or ".."',
          ),
      )
      .default([])
      .describe('Hugging Face models to download and warm in the cache'),
    warmupSchedule: z
      .string()
      .regex(CRON, 'must be a cron schedule such as "0 * * * *"')
      .default(DEFAULT_WARMUP_SCHEDULE)
      .describe(
        'When the DataLoad re-warms the models (Fluid DataLoad policy Cron)',
      ),
  })
  .strict();

/** The input as a user writes it (defaults may be left out). */
export type ModelCacheInput = z.input<typeof modelCacheInputSchema>;
/** The input after zod applied its defaults. */
export type ParsedModelCacheInput = z.output<typeof modelCacheInputSchema>;
/** One level of `cache.tiers`. */
export type Tier = z.output<typeof tierSchema>;
/** The `backend` section after defaults. */
export type Backend = z.output<typeof backendSchema>;
/** The backend types, in the order the form offers them. */
export const BACKEND_TYPES = [
  'juicefs',
  'alluxio-nfs',
  'alluxio-hostpath',
  'alluxio-s3',
] as const;
/** One of {@link BACKEND_TYPES}. */
export type BackendType = (typeof BACKEND_TYPES)[number];
/** Kubernetes resource requests and limits. */
export type Resources = z.output<ReturnType<typeof resources>>;

// The ModelExpress server that serves models from the Fluid volume, its
// Service, its RBAC for the Kubernetes registry, and the Job that fetches the
// models to preload.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { CACHE_MOUNT_PATH, MODELEXPRESS_GRPC_PORT } from '../defaults';
import { ModelCacheValues } from '../validate';
import {
  fluidRoot,
  isAlluxio,
  metadata,
  objectNames,
  selector,
  labels,
} from './common';

const COMPONENT = 'modelexpress';
const CLI = '/app/modelexpress-cli';
// A download of a large model streams for a long time; the CLI's default
// request timeout (30 s) would cut it off.
const DOWNLOAD_TIMEOUT_SECONDS = '21600';

/** Where ModelExpress keeps its Hugging Face cache, inside its pod. */
export function cacheDirectory(values: ModelCacheValues): string {
  return `${CACHE_MOUNT_PATH}${fluidRoot(values)}`;
}

function secretEnv(
  name: string,
  secret: { name: string; key: string },
): IEnvVar {
  return {
    name,
    valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } },
  };
}

function serverEnv(values: ModelCacheValues): IEnvVar[] {
  const mx = values.modelExpress;
  // Names from modelexpress_common/src/envs.rs; SERVER_PORT and LOG_LEVEL
  // (the old guide's) are not read by any current server.
  const env: IEnvVar[] = [
    {
      name: 'MODEL_EXPRESS_SERVER_PORT',
      value: String(MODELEXPRESS_GRPC_PORT),
    },
    { name: 'MODEL_EXPRESS_LOG_LEVEL', value: mx.logLevel },
    // The download directory. HF_HUB_CACHE does not set it.
    { name: 'MODEL_EXPRESS_CACHE_DIRECTORY', value: cacheDirectory(values) },
    { name: 'MX_METADATA_BACKEND', value: mx.metadataBackend },
  ];
  if (mx.metadataBackend === 'kubernetes') {
    const fieldRef = { fieldRef: { fieldPath: 'metadata.namespace' } };
    env.push(
      { name: 'POD_NAMESPACE', valueFrom: fieldRef },
      { name: 'MX_METADATA_NAMESPACE', valueFrom: fieldRef },
    );
  } else if (mx.redisUrlSecret) {
    env.push(secretEnv('REDIS_URL', mx.redisUrlSecret));
  } else {
    env.push({ name: 'REDIS_URL', value: mx.redisUrl! });
  }
  if (isAlluxio(values)) {
    // Alluxio's volume is read-only here: serve what the under storage
    // holds, never download through the mount, and leave eviction to Alluxio.
    env.push(
      { name: 'HF_HUB_OFFLINE', value: '1' },
      { name: 'MODEL_EXPRESS_CACHE_EVICTION_ENABLED', value: 'false' },
    );
  } else if (mx.hfTokenSecret) {
    env.push(secretEnv('HF_TOKEN', mx.hfTokenSecret));
  }
  return env;
}

const grpcPort = { port: MODELEXPRESS_GRPC_PORT };

/** The ModelExpress Deployment, with the Fluid PVC as its cache. */
export function deployment(values: ModelCacheValues): IDeployment {
  const mx = values.modelExpress;
  const names = objectNames(values);
  const readOnly = isAlluxio(values);
  const kubernetesRegistry = mx.metadataBackend === 'kubernetes';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(values, names.modelExpress, COMPONENT),
    spec: {
      replicas: mx.replicas,
      selector: { matchLabels: selector(values, COMPONENT) },
      template: {
        metadata: { labels: labels(values, COMPONENT) },
        spec: {
          ...(kubernetesRegistry
            ? { serviceAccountName: names.modelExpress }
            : { automountServiceAccountToken: false }),
          containers: [
            {
              name: 'modelexpress-server',
              image: mx.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [
                {
                  name: 'grpc',
                  containerPort: MODELEXPRESS_GRPC_PORT,
                  protocol: 'TCP',
                },
              ],
              env: serverEnv(values),
              resources: mx.resources,
              volumeMounts: [
                {
                  name: 'model-cache',
                  mountPath: CACHE_MOUNT_PATH,
                  ...(readOnly ? { readOnly } : {}),
                },
              ],
              // The server is gRPC-only and has no HTTP /health. The port opens
              // only after the registry backend connected, so allow time.
              startupProbe: {
                tcpSocket: grpcPort,
                periodSeconds: 5,
                failureThreshold: 60,
              },
              livenessProbe: {
                tcpSocket: grpcPort,
                periodSeconds: 10,
                failureThreshold: 3,
              },
              // grpc.health.v1 with the empty service, which tonic-health
              // reports as SERVING.
              readinessProbe: { grpc: grpcPort, periodSeconds: 10 },
            },
          ],
          volumes: [
            {
              name: 'model-cache',
              // Fluid creates this PVC, named after the Dataset, once bound.
              persistentVolumeClaim: {
                claimName: names.dataset,
                ...(readOnly ? { readOnly } : {}),
              },
            },
          ],
        },
      },
    },
  };
}

/** The ClusterIP Service on the gRPC port. */
export function service(values: ModelCacheValues): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(values, objectNames(values).modelExpress, COMPONENT),
    spec: {
      type: 'ClusterIP',
      selector: selector(values, COMPONENT),
      ports: [
        {
          name: 'grpc',
          port: MODELEXPRESS_GRPC_PORT,
          targetPort: 'grpc',
          protocol: 'TCP',
          appProtocol: 'grpc',
        },
      ],
    },
  };
}

/**
 * ServiceAccount, Role and RoleBinding for `MX_METADATA_BACKEND=kubernetes`.
 * The rules are those of ModelExpress's Helm chart (helm/templates/rbac.yaml
 * at v0.5.1): its registry (modelcacheentries) and P2P metadata
 * (modelmetadatas, tensor-descriptor ConfigMaps) share the backend setting.
 */
export function rbac(
  values: ModelCacheValues,
): [IServiceAccount, IRole, IRoleBinding] {
  const name = objectNames(values).modelExpress;
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(values, name, COMPONENT),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(values, name, COMPONENT),
      rules: [
        {
          apiGroups: ['modelexpress.nvidia.com'],
          resources: [
            'modelcacheentries',
            'modelcacheentries/status',
            'modelmetadatas',
            'modelmetadatas/status',
          ],
          verbs,
        },
        { apiGroups: [''], resources: ['configmaps'], verbs },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(values, name, COMPONENT),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: values.namespace }],
    },
  ];
}

const UNDER_STORAGE_PATH = '/under-storage';

/** Whether the repository has a prefetch Job (not for alluxio-s3). */
export function hasPrefetchJob(values: ModelCacheValues): boolean {
  return values.models.length > 0 && values.backend.type !== 'alluxio-s3';
}

/**
 * Whether anything downloads from Hugging Face, and so reads the token: the
 * server with JuiceFS, the prefetch Job with Alluxio.
 */
export function usesHfToken(values: ModelCacheValues): boolean {
  return (
    Boolean(values.modelExpress.hfTokenSecret) &&
    (!isAlluxio(values) || hasPrefetchJob(values))
  );
}

function underStorageVolume(values: ModelCacheValues): IVolume {
  const backend = values.backend;
  if (backend.type === 'alluxio-nfs') {
    return {
      name: 'under-storage',
      persistentVolumeClaim: { claimName: objectNames(values).nfsClaim },
    };
  }
  if (backend.type === 'alluxio-hostpath') {
    return {
      name: 'under-storage',
      hostPath: { path: backend.path, type: 'DirectoryOrCreate' },
    };
  }
  throw new Error(`no writable under storage for ${backend.type}`);
}

/**
 * The Job that downloads `models`. With JuiceFS it asks the server to
 * download (server-only), which writes into the Fluid volume. With Alluxio
 * it downloads directly into the under storage, which Alluxio then caches.
 * There is none for alluxio-s3: the README says how to upload instead.
 */
export function prefetchJob(values: ModelCacheValues): IJob {
  const mx = values.modelExpress;
  const names = objectNames(values);
  const alluxio = isAlluxio(values);
  const endpoint = `http://${names.modelExpress}.${values.namespace}.svc.cluster.local:${MODELEXPRESS_GRPC_PORT}`;
  const download = alluxio
    ? `${CLI} --cache-path ${UNDER_STORAGE_PATH} --timeout ${DOWNLOAD_TIMEOUT_SECONDS} model download --strategy direct "$model"`
    : `${CLI} --endpoint ${endpoint} --timeout ${DOWNLOAD_TIMEOUT_SECONDS} model download --strategy server-only "$model"`;
  const env: IEnvVar[] = alluxio
    ? [{ name: 'MODEL_EXPRESS_CACHE_DIRECTORY', value: UNDER_STORAGE_PATH }]
    : [];
  if (alluxio && mx.hfTokenSecret)
    env.push(secretEnv('HF_TOKEN', mx.hfTokenSecret));
  const backend = values.backend;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(values, names.prefetch, 'prefetch'),
    spec: {
      backoffLimit: 10,
      template: {
        metadata: { labels: labels(values, 'prefetch') },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          ...(backend.type === 'alluxio-hostpath'
            ? { nodeSelector: backend.nodeSelector }
            : {}),
          containers: [
            {
              name: 'prefetch',
              image: mx.image,
              command: [
                '/bin/sh',
                '-c',
                `set -e; for model in "$@"; do ${download}; done`,
                'prefetch',
              ],
              args: values.models,
              ...(env.length ? { env } : {}),
              ...(alluxio
                ? {
                    volumeMounts: [
                      { name: 'under-storage', mountPath: UNDER_STORAGE_PATH },
                    ],
                  }
                : {}),
            },
          ],
          ...(alluxio ? { volumes: [underStorageVolume(values)] } : {}),
        },
      },
    },
  };
}

// The Fluid objects: Dataset, its runtime (same name, same namespace: that is
// how Fluid binds them) and the warm-up DataLoad.
import { ALLUXIO_MOUNT_NAME } from '../defaults';
import { Resources } from '../schema';
import { ModelCacheValues } from '../validate';
import {
  fluidRoot,
  isAlluxio,
  Manifest,
  metadata,
  modelDirectory,
  objectNames,
} from './common';

const FLUID_API = 'data.fluid.io/v1alpha1';

interface EncryptOption {
  name: string;
  valueFrom: { secretKeyRef: { name: string; key: string } };
}

const encryptOption = (
  name: string,
  secret: string,
  key: string,
): EncryptOption => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

function juicefsMount(values: ModelCacheValues) {
  const backend = values.backend;
  if (backend.type !== 'juicefs') throw new Error('not a JuiceFS backend');
  const names = objectNames(values);
  // JuiceFS accepts only juicefs:///<subdir> (ParseSubPathFromMountPoint).
  const mountPoint = `juicefs:///${backend.subPath.replace(/^\/+/, '')}`;
  if (backend.bundled) {
    const host = `${names.minio}.${values.namespace}.svc.cluster.local`;
    return {
      name: ALLUXIO_MOUNT_NAME,
      mountPoint,
      options: { storage: 'minio', bucket: `http://${host}:9000/juicefs` },
      // metaurl must sit in mounts[0].encryptOptions: that is where Fluid
      // looks to choose the Community Edition.
      encryptOptions: [
        encryptOption('metaurl', names.bundledSecret, 'metaurl'),
        encryptOption('access-key', names.bundledSecret, 'access-key'),
        encryptOption('secret-key', names.bundledSecret, 'secret-key'),
      ],
    };
  }
  const encryptOptions = [
    encryptOption(
      'metaurl',
      backend.metaurlSecret!.name,
      backend.metaurlSecret!.key,
    ),
  ];
  if (backend.credentialsSecret) {
    const { name, accessKeyKey, secretKeyKey } = backend.credentialsSecret;
    encryptOptions.push(
      encryptOption('access-key', name, accessKeyKey),
      encryptOption('secret-key', name, secretKeyKey),
    );
  }
  return {
    name: ALLUXIO_MOUNT_NAME,
    mountPoint,
    ...(backend.storage && backend.bucket
      ? { options: { storage: backend.storage, bucket: backend.bucket } }
      : {}),
    encryptOptions,
  };
}

function alluxioMount(values: ModelCacheValues) {
  const backend = values.backend;
  switch (backend.type) {
    case 'alluxio-nfs':
      // Alluxio has no NFS under storage: mount the export as a PVC.
      return {
        name: ALLUXIO_MOUNT_NAME,
        mountPoint: `pvc://${objectNames(values).nfsClaim}`,
      };
    case 'alluxio-hostpath':
      return {
        name: ALLUXIO_MOUNT_NAME,
        mountPoint: `local://${backend.path}`,
      };
    case 'alluxio-s3': {
      const key = backend.prefix ? `/${backend.prefix}` : '';
      const options: Record<string, string> = {
        'alluxio.underfs.s3.endpoint': backend.endpoint,
        'alluxio.underfs.s3.endpoint.region': backend.region,
      };
      if (backend.pathStyleAccess) {
        options['alluxio.underfs.s3.disable.dns.buckets'] = 'true';
      }
      const { name, accessKeyKey, secretKeyKey } = backend.credentialsSecret;
      return {
        name: ALLUXIO_MOUNT_NAME,
        mountPoint: `s3://${backend.bucket}${key}`,
        options,
        encryptOptions: [
          encryptOption('aws.accessKeyId', name, accessKeyKey),
          encryptOption('aws.secretKey', name, secretKeyKey),
        ],
      };
    }
    default:
      throw new Error(`not an Alluxio backend: ${backend.type}`);
  }
}

/** The Dataset: where the models live and who may mount them how. */
export function dataset(values: ModelCacheValues): Manifest {
  const backend = values.backend;
  const spec: Record<string, unknown> = {
    // JuiceFS is POSIX, so ModelExpress downloads straight into it. Alluxio
    // FUSE writes files once and sequentially, which Hugging Face's parallel
    // ranged downloads are not: there the volume is a read cache.
    accessModes: [isAlluxio(values) ? 'ReadOnlyMany' : 'ReadWriteMany'],
    placement: values.cache.placement,
    mounts: [isAlluxio(values) ? alluxioMount(values) : juicefsMount(values)],
  };
  if (backend.type === 'alluxio-hostpath') {
    // The host directory exists only on these nodes; Fluid applies the
    // Dataset's nodeAffinity to the Alluxio master and workers.
    spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          {
            matchExpressions: Object.keys(backend.nodeSelector)
              .sort()
              .map(key => ({
                key,
                operator: 'In',
                values: [backend.nodeSelector[key]],
              })),
          },
        ],
      },
    };
  }
  return {
    apiVersion: FLUID_API,
    kind: 'Dataset',
    metadata: metadata(values, values.name, 'dataset'),
    spec,
  };
}

function resourcesOrNothing(resources: Resources | undefined) {
  return resources && (resources.requests || resources.limits)
    ? { worker: { resources } }
    : {};
}

/** The runtime, bound to the Dataset by having its name and namespace. */
export function runtime(values: ModelCacheValues): Manifest {
  const alluxio = isAlluxio(values);
  const levels = values.cache.tiers.map(tier => ({
    mediumtype: tier.medium,
    path: tier.path,
    quota: tier.quota,
    ...(tier.high !== undefined ? { high: tier.high } : {}),
    ...(tier.low !== undefined ? { low: tier.low } : {}),
  }));
  const spec: Record<string, unknown> = {
    replicas: values.cache.replicas,
    tieredstore: { levels },
    ...resourcesOrNothing(values.cache.workerResources),
  };
  if (alluxio && values.backend.type !== 'alluxio-s3') {
    // The prefetch Job writes models into the under storage behind Alluxio's
    // back; Alluxio checks the under storage for new files at most this often.
    spec.properties = { 'alluxio.user.file.metadata.sync.interval': '2min' };
  }
  return {
    apiVersion: FLUID_API,
    kind: alluxio ? 'AlluxioRuntime' : 'JuiceFSRuntime',
    metadata: metadata(values, values.name, alluxio ? 'alluxio' : 'juicefs'),
    spec,
  };
}

/**
 * The DataLoad that warms the models into the cache. It runs on a schedule
 * (policy Cron): Fluid's loaders fail while a path does not exist yet, and
 * the models appear only once the prefetch has downloaded them.
 */
export function dataLoad(values: ModelCacheValues): Manifest {
  const root = fluidRoot(values);
  return {
    apiVersion: FLUID_API,
    kind: 'DataLoad',
    metadata: metadata(values, objectNames(values).warmup, 'dataload'),
    spec: {
      dataset: { name: values.name, namespace: values.namespace },
      loadMetadata: true,
      policy: 'Cron',
      schedule: values.warmupSchedule,
      target: values.models.map(model => ({
        path: `${root}/${modelDirectory(model)}`,
        // Cache replicas per block, an Alluxio notion; JuiceFS has none.
        ...(isAlluxio(values) ? { replicas: 1 } : {}),
      })),
    },
  };
}

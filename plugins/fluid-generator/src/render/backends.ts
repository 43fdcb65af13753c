// Objects a backend needs besides the Dataset and runtime: the NFS volume
// behind alluxio-nfs, and the in-cluster Redis and MinIO of bundled JuiceFS.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import { DEFAULT_MINIO_IMAGE, DEFAULT_REDIS_IMAGE } from '../defaults';
import { ModelCacheValues } from '../validate';
import { labels, metadata, objectNames, selector } from './common';

/**
 * A static NFS PersistentVolume and its claim. Alluxio has no NFS under
 * storage, so the Dataset mounts this claim (`pvc://`) instead of `nfs://`.
 */
export function nfsVolume(
  values: ModelCacheValues,
): [IPersistentVolume, IPersistentVolumeClaim] {
  const backend = values.backend;
  if (backend.type !== 'alluxio-nfs') throw new Error('not alluxio-nfs');
  const names = objectNames(values);
  // ReadWriteMany: Alluxio reads it, the prefetch Job writes models into it.
  const accessModes: 'ReadWriteMany'[] = ['ReadWriteMany'];
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: names.nfsVolume, labels: labels(values, 'nfs') },
      spec: {
        capacity: { storage: backend.capacity },
        accessModes,
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: '',
        ...(backend.mountOptions ? { mountOptions: backend.mountOptions } : {}),
        nfs: { server: backend.server, path: backend.path },
        // Reserve the volume for this claim only.
        claimRef: { namespace: values.namespace, name: names.nfsClaim },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: metadata(values, names.nfsClaim, 'nfs'),
      spec: {
        accessModes,
        storageClassName: '',
        volumeName: names.nfsVolume,
        resources: { requests: { storage: backend.capacity } },
      },
    },
  ];
}

interface BundledService {
  name: string;
  component: string;
  image: string;
  port: number;
  size: string;
  storageClassName?: string;
  args: string[];
  env?: NonNullable<
    NonNullable<IDeployment['spec']>['template']['spec']
  >['containers'][number]['env'];
  probe:
    | { tcpSocket: { port: number } }
    | { httpGet: { path: string; port: number } };
}

function bundledService(
  values: ModelCacheValues,
  options: BundledService,
): [IPersistentVolumeClaim, IDeployment, IService] {
  const { name, component, port } = options;
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: metadata(values, name, component),
      spec: {
        accessModes: ['ReadWriteOnce'],
        ...(options.storageClassName
          ? { storageClassName: options.storageClassName }
          : {}),
        resources: { requests: { storage: options.size } },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(values, name, component),
      spec: {
        replicas: 1,
        // One writer on a ReadWriteOnce volume: stop the old pod first.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector(values, component) },
        template: {
          metadata: { labels: labels(values, component) },
          spec: {
            automountServiceAccountToken: false,
            containers: [
              {
                name: component,
                image: options.image,
                args: options.args,
                ...(options.env ? { env: options.env } : {}),
                ports: [
                  { name: component, containerPort: port, protocol: 'TCP' },
                ],
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
                readinessProbe: { ...options.probe, periodSeconds: 10 },
                livenessProbe: {
                  ...options.probe,
                  periodSeconds: 20,
                  failureThreshold: 6,
                },
              },
            ],
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: name } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(values, name, component),
      spec: {
        type: 'ClusterIP',
        selector: selector(values, component),
        ports: [
          { name: component, port, targetPort: component, protocol: 'TCP' },
        ],
      },
    },
  ];
}

/**
 * JuiceFS Community Edition always needs a metadata engine and an object
 * store. `bundled: true` runs both in the namespace (as Fluid's own JuiceFS
 * end-to-end test does), so nothing outside the cluster is needed.
 */
export function bundledJuiceFs(values: ModelCacheValues) {
  const backend = values.backend;
  if (backend.type !== 'juicefs' || !backend.bundled) {
    throw new Error('not a bundled JuiceFS backend');
  }
  const names = objectNames(values);
  const storage = backend.bundledStorage ?? {
    objectStoreSize: '50Gi',
    metadataSize: '1Gi',
  };
  const credentials = (key: string) => ({
    valueFrom: { secretKeyRef: { name: names.bundledSecret, key } },
  });
  const redis = bundledService(values, {
    name: names.redis,
    component: 'redis',
    image: storage.redisImage ?? DEFAULT_REDIS_IMAGE,
    port: 6379,
    size: storage.metadataSize,
    storageClassName: storage.storageClassName,
    // JuiceFS keeps all metadata here: persist every write, never evict.
    args: [
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      '/data',
    ],
    probe: { tcpSocket: { port: 6379 } },
  });
  const minio = bundledService(values, {
    name: names.minio,
    component: 'minio',
    image: storage.minioImage ?? DEFAULT_MINIO_IMAGE,
    port: 9000,
    size: storage.objectStoreSize,
    storageClassName: storage.storageClassName,
    args: ['server', '/data'],
    // JuiceFS signs in with the same keys (access-key/secret-key).
    env: [
      { name: 'MINIO_ROOT_USER', ...credentials('access-key') },
      { name: 'MINIO_ROOT_PASSWORD', ...credentials('secret-key') },
    ],
    probe: { httpGet: { path: '/minio/health/live', port: 9000 } },
  });
  return { redis, minio };
}

// Facts about the chosen backend that the README and the TechDocs pages share.
import { DEFAULT_MODELEXPRESS_IMAGE } from '../defaults';
import { ModelCacheValues } from '../validate';
import { isAlluxio, objectNames } from './common';
import { cacheDirectory } from './modelexpress';

/** What the docs need to know about the backend, in words and commands. */
export interface BackendFacts {
  title: string;
  runtimeKind: 'AlluxioRuntime' | 'JuiceFSRuntime';
  /** `kubectl get` resource name of the runtime. */
  runtimeResource: 'alluxioruntime' | 'juicefsruntime';
  controller: string;
  /** One paragraph: where the data lives and how it gets cached. */
  summary: string;
  /** Steps before `kubectl apply -k deploy`, in Markdown. */
  prepare: string[];
  /** How models get into the cache. */
  prefetch: string;
  /** Pods of the runtime, for logs. */
  pods: string;
}

export function backendFacts(values: ModelCacheValues): BackendFacts {
  const backend = values.backend;
  const names = objectNames(values);
  const ns = values.namespace;
  const alluxio = isAlluxio(values);
  const common = {
    runtimeKind: alluxio
      ? ('AlluxioRuntime' as const)
      : ('JuiceFSRuntime' as const),
    runtimeResource: alluxio
      ? ('alluxioruntime' as const)
      : ('juicefsruntime' as const),
    controller: alluxio
      ? 'alluxioruntime-controller'
      : 'juicefsruntime-controller',
    pods: alluxio
      ? `\`${values.name}-master-0\`, \`${values.name}-worker-N\` and \`${values.name}-fuse-*\``
      : `\`${values.name}-worker-N\` and \`${values.name}-fuse-*\` (JuiceFS has no master)`,
  };
  const alluxioPrefetch = `The Job \`${
    names.prefetch
  }\` downloads the models straight into the under storage with \`modelexpress-cli --strategy direct\`; Alluxio notices new files within two minutes (\`alluxio.user.file.metadata.sync.interval\`) and the DataLoad \`${
    names.warmup
  }\` then loads them into the cache tiers. ModelExpress serves them from \`${cacheDirectory(
    values,
  )}\` with \`HF_HUB_OFFLINE=1\`: Alluxio FUSE writes files only once and sequentially, which Hugging Face's parallel ranged downloads are not, so nothing downloads through the Fluid volume.`;
  switch (backend.type) {
    case 'juicefs':
      return {
        ...common,
        title: backend.bundled
          ? 'JuiceFS with in-cluster Redis and MinIO'
          : 'JuiceFS',
        summary: backend.bundled
          ? `JuiceFS Community Edition keeps file metadata in the Redis \`${names.redis}\` and file data in the MinIO \`${names.minio}\`, both in namespace \`${ns}\`, so nothing outside the cluster is needed. Fluid's JuiceFSRuntime caches the data on the worker nodes (tier \`${values.cache.tiers[0].path}\`).`
          : `JuiceFS Community Edition keeps file metadata in the engine named by the Secret \`${
              backend.metaurlSecret!.name
            }\` and file data in ${
              backend.bucket
                ? `\`${backend.bucket}\` (${backend.storage})`
                : 'the object store the volume was formatted with'
            }. Fluid's JuiceFSRuntime caches the data on the worker nodes (tier \`${
              values.cache.tiers[0].path
            }\`).`,
        prepare: backend.bundled
          ? [
              `The PersistentVolumeClaims \`${names.redis}\` and \`${
                names.minio
              }\` need a default StorageClass${
                backend.bundledStorage?.storageClassName
                  ? ` (or \`${backend.bundledStorage.storageClassName}\`)`
                  : ''
              }.`,
            ]
          : [
              'The metadata engine and the object store must be reachable from the nodes that run the JuiceFS worker and FUSE pods.',
            ],
        prefetch: `The Job \`${
          names.prefetch
        }\` asks the ModelExpress server to download each model (\`modelexpress-cli --strategy server-only\`); the server writes them through JuiceFS into \`${cacheDirectory(
          values,
        )}\`, and the DataLoad \`${
          names.warmup
        }\` warms them into the cache (\`juicefs warmup\`).`,
      };
    case 'alluxio-nfs':
      return {
        ...common,
        title: 'Alluxio over NFS',
        summary: `The models live on the NFS export \`${backend.server}:${backend.path}\`, mounted through the PersistentVolume \`${names.nfsVolume}\` and the claim \`${names.nfsClaim}\`. Fluid's AlluxioRuntime mounts that claim (\`pvc://${names.nfsClaim}\`) and caches it in memory and on SSD. Alluxio has no NFS under storage, so \`nfs://\` is not an option.`,
        prepare: [
          `Every node must be able to mount NFS (the \`nfs-common\` or \`nfs-utils\` package), and the export must allow writes from the cluster: the prefetch Job writes into it.`,
        ],
        prefetch: alluxioPrefetch,
      };
    case 'alluxio-hostpath':
      return {
        ...common,
        title: 'Alluxio over a host directory',
        summary: `The models live in the host directory \`${
          backend.path
        }\` (\`local://${
          backend.path
        }\`) of the nodes labelled ${Object.entries(backend.nodeSelector)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(
            ', ',
          )}. The Dataset's nodeAffinity keeps the Alluxio master and workers on those nodes. Fluid calls host directories "not a recommended way" because the directory is outside Kubernetes' control: keep it identical on every selected node (one node, or a shared mount on each).`,
        prepare: [
          `Label the nodes that hold \`${backend.path}\`: ${Object.entries(
            backend.nodeSelector,
          )
            .map(([k, v]) => `\`kubectl label node <node> ${k}=${v}\``)
            .join(', ')}.`,
        ],
        prefetch: alluxioPrefetch,
      };
    case 'alluxio-s3':
    default:
      return {
        ...common,
        title: 'Alluxio over S3',
        summary: `The models live in \`s3://${
          backend.type === 'alluxio-s3'
            ? `${backend.bucket}${backend.prefix ? `/${backend.prefix}` : ''}`
            : ''
        }\`. Fluid's AlluxioRuntime mounts the bucket as its under storage and caches it in memory and on SSD.`,
        prepare: [
          'Upload each model to the bucket in the Hugging Face cache layout before you deploy (see "Preloading models" below): ModelExpress serves from the cache only, and Alluxio cannot write the parallel downloads of the Hugging Face client.',
        ],
        prefetch: `There is no prefetch Job: nothing in the cluster can write to S3 through Alluxio FUSE. Upload each model as \`models--<org>--<name>/\` (with \`refs/\` and \`snapshots/\`) under the bucket prefix, for example \`hf download <org>/<name> --cache-dir ./hub\` then \`aws s3 sync ./hub/models--<org>--<name> s3://<bucket>/<prefix>/models--<org>--<name> --exclude "blobs/*"\` (the sync follows the snapshot symlinks). The DataLoad \`${names.warmup}\` then loads them into the cache tiers (\`loadMetadata\` makes Alluxio see new objects).`,
      };
  }
}

/** The image line for the docs, saying when it is not the tested pin. */
export function imageNote(values: ModelCacheValues): string {
  return values.modelExpress.image === DEFAULT_MODELEXPRESS_IMAGE
    ? `\`${
        values.modelExpress.image
      }\` (pinned: the newest ModelExpress release, which keeps its registry in ${
        values.modelExpress.metadataBackend === 'redis'
          ? 'Redis'
          : 'ModelCacheEntry objects'
      })`
    : `\`${values.modelExpress.image}\` (chosen at generation; 0.4.0 or newer is needed for \`MX_METADATA_BACKEND\`)`;
}

import { Document } from 'yaml';
import { ALLUXIO_MOUNT_NAME } from '../defaults';
import { ModelCacheValues } from '../validate';

/** Any Kubernetes object the generator writes. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

/** The names of everything the generator derives from `name`. */
export function objectNames(values: ModelCacheValues) {
  const { name, namespace } = values;
  return {
    /** Dataset, runtime, and the PVC that Fluid creates for the Dataset. */
    dataset: name,
    modelExpress: `${name}-modelexpress`,
    nfsClaim: `${name}-nfs`,
    // PersistentVolumes are cluster-scoped: include the namespace.
    nfsVolume: `${namespace}-${name}-nfs`,
    redis: `${name}-redis`,
    minio: `${name}-minio`,
    bundledSecret: `${name}-juicefs`,
    warmup: `${name}-warmup`,
    prefetch: `${name}-prefetch`,
  };
}

/** The two labels that select the pods of one component. */
export function selector(
  values: ModelCacheValues,
  component: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/instance': values.name,
  };
}

/**
 * The labels of every object. `backstage.io/kubernetes-id` is how the
 * Kubernetes plugin (and the Fluid plugin) find the objects of the entity.
 */
export function labels(
  values: ModelCacheValues,
  component: string,
): Record<string, string> {
  return {
    ...selector(values, component),
    'app.kubernetes.io/part-of': 'fluid-model-cache',
    'backstage.io/kubernetes-id': values.name,
  };
}

/** Namespaced object metadata. */
export function metadata(
  values: ModelCacheValues,
  name: string,
  component: string,
) {
  return {
    name,
    namespace: values.namespace,
    labels: labels(values, component),
  };
}

export const isAlluxio = (values: ModelCacheValues) =>
  values.backend.type !== 'juicefs';

/**
 * The Fluid path where the backend's files appear. JuiceFS shows the
 * `juicefs:///<subPath>` content at the root; Alluxio mounts a native
 * (`pvc://`, `local://`) or single mount under `/<mount name>`
 * (UFSPathBuilder.GenUFSPathInUnifiedNamespace in Fluid).
 */
export function fluidRoot(values: ModelCacheValues): string {
  return isAlluxio(values) ? `/${ALLUXIO_MOUNT_NAME}` : '';
}

/** The directory of one model in the Hugging Face cache layout. */
export function modelDirectory(model: string): string {
  return `models--${model.split('/').join('--')}`;
}

/** YAML of one or more objects, `---`-separated, with a header comment. */
export function toYaml(objects: unknown[], header?: string): string {
  return objects
    .map((object, index) => {
      const doc = new Document(object, { aliasDuplicateObjects: false });
      if (index === 0 && header) {
        doc.commentBefore = header
          .split('\n')
          .map(line => (line ? ` ${line}` : ''))
          .join('\n');
      }
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

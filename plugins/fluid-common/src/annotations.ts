import type { Entity } from '@backstage/catalog-model';

/**
 * Links an entity to Fluid datasets: `[<cluster>:]<namespace>/<name>`,
 * comma-separated for several. Without a cluster, every cluster is searched.
 *
 * @public
 */
export const FLUID_DATASET_ANNOTATION = 'fluid.io/dataset';

/**
 * The Kubernetes plugin's annotation: objects labelled
 * `backstage.io/kubernetes-id=<value>` belong to the entity.
 *
 * @public
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * The Kubernetes plugin's annotation that limits the label lookup to one
 * namespace.
 *
 * @public
 */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/**
 * The label on Kubernetes objects that {@link KUBERNETES_ID_ANNOTATION} matches.
 *
 * @public
 */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * One dataset named by the `fluid.io/dataset` annotation.
 *
 * @public
 */
export interface DatasetSelector {
  /** Absent: the dataset may be in any cluster. */
  cluster?: string;
  namespace: string;
  name: string;
}

/**
 * How an entity finds its datasets.
 *
 * @public
 */
export interface EntityDatasetLinks {
  /** Datasets named by `fluid.io/dataset`. */
  datasets: DatasetSelector[];
  /** Datasets labelled `backstage.io/kubernetes-id=<kubernetesId>`. */
  kubernetesId?: string;
  /** Limits the kubernetes-id lookup to this namespace. */
  kubernetesNamespace?: string;
}

// DNS-1123 labels (namespaces) and DNS-1035 labels (Fluid dataset names);
// cluster names as Backstage config allows them.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DATASET = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CLUSTER = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Parses a `fluid.io/dataset` value. Throws an Error that names the bad entry
 * and says what is wrong with it.
 *
 * @public
 */
export function parseDatasetAnnotation(value: string): DatasetSelector[] {
  const entries = value
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new Error(
      `${FLUID_DATASET_ANNOTATION} is empty; expected [<cluster>:]<namespace>/<name>`,
    );
  }
  return entries.map(entry => {
    const match = entry.match(/^(?:([^:/]+):)?([^:/]+)\/([^:/]+)$/);
    if (!match) {
      throw new Error(
        `${FLUID_DATASET_ANNOTATION} entry "${entry}" is not [<cluster>:]<namespace>/<name>`,
      );
    }
    const [, cluster, namespace, name] = match;
    if (cluster !== undefined && !CLUSTER.test(cluster)) {
      throw new Error(
        `${FLUID_DATASET_ANNOTATION} entry "${entry}": "${cluster}" is not a valid cluster name`,
      );
    }
    if (namespace.length > 63 || !NAMESPACE.test(namespace)) {
      throw new Error(
        `${FLUID_DATASET_ANNOTATION} entry "${entry}": "${namespace}" is not a valid namespace (a DNS-1123 label)`,
      );
    }
    if (name.length > 63 || !DATASET.test(name)) {
      throw new Error(
        `${FLUID_DATASET_ANNOTATION} entry "${entry}": "${name}" is not a valid dataset name (a DNS-1035 label)`,
      );
    }
    return cluster === undefined
      ? { namespace, name }
      : { cluster, namespace, name };
  });
}

/**
 * How the entity links to datasets; throws (naming the annotation) when
 * `fluid.io/dataset` is malformed.
 *
 * @public
 */
export function getEntityDatasetLinks(entity: Entity): EntityDatasetLinks {
  const annotations = entity.metadata.annotations ?? {};
  const links: EntityDatasetLinks = {
    datasets: annotations[FLUID_DATASET_ANNOTATION]
      ? parseDatasetAnnotation(annotations[FLUID_DATASET_ANNOTATION])
      : [],
  };
  const id = annotations[KUBERNETES_ID_ANNOTATION]?.trim();
  if (id) {
    links.kubernetesId = id;
    const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim();
    if (namespace) links.kubernetesNamespace = namespace;
  }
  return links;
}

/**
 * True when the entity has an annotation that links it to Fluid datasets
 * (`fluid.io/dataset` or `backstage.io/kubernetes-id`).
 *
 * @public
 */
export function isFluidAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[FLUID_DATASET_ANNOTATION]?.trim() ||
      annotations[KUBERNETES_ID_ANNOTATION]?.trim(),
  );
}

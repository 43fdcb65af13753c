import type {
  ClusterError,
  DatasetSummary,
  HealthStatus,
} from '@internal/plugin-fluid-common';
import { statusRank } from './HealthStatusLabel';

const ORDER: HealthStatus[] = ['unhealthy', 'degraded', 'unknown', 'healthy'];

/** `1 unhealthy, 2 healthy`: the counts per status, worst first. */
export function countByStatus(datasets: DatasetSummary[]): string {
  return ORDER.map(status => ({
    status,
    count: datasets.filter(d => d.health.status === status).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => `${count} ${status}`)
    .join(', ');
}

/** `2 datasets`, `1 dataset` */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Worst status first, then cluster, namespace and name. */
export function compareWorstFirst(a: DatasetSummary, b: DatasetSummary) {
  return (
    statusRank[a.health.status] - statusRank[b.health.status] ||
    a.cluster.localeCompare(b.cluster) ||
    a.namespace.localeCompare(b.namespace) ||
    a.name.localeCompare(b.name)
  );
}

/** The datasets of one cluster, and the cluster's error if it failed. */
export interface ClusterGroup {
  cluster: string;
  datasets: DatasetSummary[];
  error?: ClusterError;
}

/**
 * Groups datasets by cluster: failed clusters first, then by the worst
 * dataset status, then by name. Each group's datasets are worst first.
 */
export function groupByCluster(
  datasets: DatasetSummary[],
  errors: ClusterError[],
): ClusterGroup[] {
  const groups = new Map<string, ClusterGroup>();
  const group = (cluster: string) => {
    let found = groups.get(cluster);
    if (!found) {
      found = { cluster, datasets: [] };
      groups.set(cluster, found);
    }
    return found;
  };
  for (const error of errors) group(error.cluster).error = error;
  for (const dataset of datasets) group(dataset.cluster).datasets.push(dataset);
  const worst = (g: ClusterGroup) =>
    g.error
      ? -1
      : Math.min(4, ...g.datasets.map(d => statusRank[d.health.status]));
  return [...groups.values()]
    .map(g => ({ ...g, datasets: [...g.datasets].sort(compareWorstFirst) }))
    .sort((a, b) => worst(a) - worst(b) || a.cluster.localeCompare(b.cluster));
}

import { WarningPanel } from '@backstage/core-components';
import type { ClusterError, ClusterState } from '@internal/plugin-fluid-common';
import { formatRelative, formatTime } from './format';

/** "since 10:32 (3 minutes ago)", or nothing when the time is unknown. */
function since(iso: string | null | undefined, now: Date): string {
  return iso ? ` since ${formatTime(iso)} (${formatRelative(iso, now)})` : '';
}

/** One sentence per failed cluster: what failed, since when, last synced. */
export function clusterErrorTitle(
  error: ClusterError,
  cluster: ClusterState | undefined,
  now: Date = new Date(),
): string {
  const synced = cluster?.lastSyncedAt
    ? `last synced ${formatTime(cluster.lastSyncedAt)} (${formatRelative(
        cluster.lastSyncedAt,
        now,
      )})`
    : 'never synced';
  return `Cluster ${error.cluster} unreachable${since(
    cluster?.lastError?.at,
    now,
  )}: ${error.message}; ${synced}`;
}

/**
 * The clusters that could not be read, each in its own panel, shown open.
 * The data of every other cluster is shown beside them.
 */
export function ClusterErrors(props: {
  errors: ClusterError[];
  clusters?: ClusterState[];
}) {
  const now = new Date();
  return (
    <>
      {props.errors.map(error => (
        <WarningPanel
          key={error.cluster}
          severity="error"
          defaultExpanded
          title={clusterErrorTitle(
            error,
            props.clusters?.find(c => c.name === error.cluster),
            now,
          )}
          message="Datasets of this cluster are rated unknown until it syncs again; the other clusters are current."
        />
      ))}
    </>
  );
}

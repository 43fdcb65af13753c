import { EmptyState } from '@backstage/core-components';
import type { ClusterState, HealthStatus } from '@internal/plugin-fluid-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import { useRefreshIntervalMs } from '../../hooks/useRefreshInterval';
import { ClusterErrors } from '../ClusterErrors';
import { HealthStatusLabel } from '../HealthStatusLabel';
import { PolledView } from '../PolledView';
import { SimpleTable } from '../SimpleTable';
import { formatRelative, formatTime } from '../format';
import { countByStatus, plural } from '../summary';
import {
  FILTER_STATUSES,
  FleetFilters,
  type FleetFilter,
} from './FleetFilters';
import { FleetTable } from './FleetTable';
import { useFleet, type Fleet } from './useFleet';

const clusterStates: Record<ClusterState['state'], [HealthStatus, string]> = {
  synced: ['healthy', 'Synced'],
  syncing: ['unknown', 'Syncing'],
  error: ['unhealthy', 'Error'],
};

function ClustersTable(props: { clusters: ClusterState[] }) {
  return (
    <SimpleTable
      title="Clusters"
      columns={[
        'Cluster',
        'State',
        'Last synced',
        'Datasets',
        'Runtime kinds',
        'Last error',
      ]}
      rows={props.clusters.map(c => {
        const [status, word] = clusterStates[c.state];
        return {
          key: c.name,
          cells: [
            c.title ? `${c.title} (${c.name})` : c.name,
            <HealthStatusLabel status={status}>{word}</HealthStatusLabel>,
            <span title={formatTime(c.lastSyncedAt)}>
              {formatRelative(c.lastSyncedAt)}
            </span>,
            c.datasets,
            c.runtimeKinds.join(', ') || '–',
            c.lastError
              ? `${c.lastError.message} (${formatRelative(c.lastError.at)})`
              : '–',
          ],
        };
      })}
      empty="The Fluid backend has no clusters configured (kubernetes.clusterLocatorMethods or fluid.kubeconfig)."
    />
  );
}

/** Reads the filter from the URL (`?cluster=&namespace=&status=a,b`). */
function useFilter(): [FleetFilter, (filter: FleetFilter) => void] {
  const [params, setParams] = useSearchParams();
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is HealthStatus =>
      (FILTER_STATUSES as string[]).includes(s),
    );
  const filter = {
    cluster: params.get('cluster') ?? '',
    namespace: params.get('namespace') ?? '',
    statuses,
  };
  const setFilter = (next: FleetFilter) => {
    const search = new URLSearchParams();
    if (next.cluster) search.set('cluster', next.cluster);
    if (next.namespace) search.set('namespace', next.namespace);
    if (next.statuses.length) search.set('status', next.statuses.join(','));
    setParams(search, { replace: true });
  };
  return [filter, setFilter];
}

const unique = (values: string[]) => [...new Set(values)].sort();

function FleetView(props: { fleet: Fleet }) {
  const { fleet } = props;
  const [filter, setFilter] = useFilter();
  if (fleet.datasets.length === 0 && fleet.errors.length === 0) {
    return (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="No Fluid datasets in any cluster"
            description={
              fleet.clusters.length === 0
                ? 'The Fluid backend has no clusters configured.'
                : `Watched: ${fleet.clusters.map(c => c.name).join(', ')}.`
            }
          />
        </Grid>
        <Grid item xs={12}>
          <ClustersTable clusters={fleet.clusters} />
        </Grid>
      </Grid>
    );
  }
  const matching = fleet.datasets.filter(
    d =>
      (!filter.cluster || d.cluster === filter.cluster) &&
      (!filter.namespace || d.namespace === filter.namespace) &&
      (filter.statuses.length === 0 ||
        filter.statuses.includes(d.health.status)),
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body1">
          {`${plural(fleet.datasets.length, 'dataset')} in ${plural(
            fleet.clusters.length,
            'cluster',
          )}: ${countByStatus(fleet.datasets) || 'none'}`}
        </Typography>
      </Grid>
      {fleet.errors.length > 0 && (
        <Grid item xs={12}>
          <ClusterErrors errors={fleet.errors} clusters={fleet.clusters} />
        </Grid>
      )}
      <Grid item xs={12}>
        <FleetFilters
          filter={filter}
          onChange={setFilter}
          clusters={unique([
            ...fleet.clusters.map(c => c.name),
            ...fleet.datasets.map(d => d.cluster),
          ])}
          namespaces={unique(fleet.datasets.map(d => d.namespace))}
        />
        <FleetTable datasets={matching} total={fleet.datasets.length} />
      </Grid>
      <Grid item xs={12}>
        <ClustersTable clusters={fleet.clusters} />
      </Grid>
    </Grid>
  );
}

/**
 * The fleet: every Fluid dataset in every cluster with its health, sortable
 * and filterable by cluster, namespace and status, and the clusters' states.
 */
export function FluidFleetContent() {
  const intervalMs = useRefreshIntervalMs();
  const polled = useFleet(intervalMs);
  return (
    <PolledView polled={polled} intervalMs={intervalMs}>
      {fleet => <FleetView fleet={fleet} />}
    </PolledView>
  );
}

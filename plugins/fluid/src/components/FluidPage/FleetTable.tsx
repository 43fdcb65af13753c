import {
  SubvalueCell,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type { DatasetSummary } from '@internal/plugin-fluid-common';
import { HealthStatusLabel, statusRank } from '../HealthStatusLabel';
import {
  formatBytes,
  formatCount,
  formatPercent,
  formatRelative,
  formatTime,
} from '../format';

function fill(d: DatasetSummary): number {
  const { cachedBytes, capacityBytes } = d.cache;
  return cachedBytes !== null && capacityBytes
    ? cachedBytes / capacityBytes
    : -1;
}

/** The reason that decided the status, in the backend's words. */
function mainReason(d: DatasetSummary): string {
  const reason = d.health.reasons.find(r => r.status === d.health.status);
  return reason ? reason.message.replace(/`/g, '') : '';
}

const byNumber =
  (value: (d: DatasetSummary) => number | null) =>
  (a: DatasetSummary, b: DatasetSummary) =>
    (value(a) ?? -1) - (value(b) ?? -1);

const columns: TableColumn<DatasetSummary>[] = [
  {
    title: 'Status',
    field: 'health.status',
    render: d => <HealthStatusLabel status={d.health.status} />,
    customSort: (a, b) =>
      statusRank[a.health.status] - statusRank[b.health.status],
    defaultSort: 'asc',
  },
  { title: 'Cluster', field: 'cluster' },
  { title: 'Namespace', field: 'namespace' },
  {
    title: 'Dataset',
    field: 'name',
    highlight: true,
    // Under the name: the reason that decided the status, else what it is.
    render: d => (
      <SubvalueCell
        value={d.name}
        subvalue={
          mainReason(d) ||
          `${d.phase || 'New'} · ${d.runtime?.kind ?? 'no runtime'}`
        }
      />
    ),
  },
  {
    title: 'Cached / capacity',
    render: d => (
      <SubvalueCell
        value={`${formatBytes(d.cache.cachedBytes)} / ${formatBytes(
          d.cache.capacityBytes,
        )}`}
        subvalue={`${formatPercent(d.cache.cachedFraction)} of the source`}
      />
    ),
    customSort: byNumber(fill),
  },
  {
    title: 'Hit ratio',
    render: d => formatPercent(d.cache.hitRatio),
    customSort: byNumber(d => d.cache.hitRatio),
  },
  {
    title: 'Workers',
    render: d =>
      formatCount(d.runtime?.workersReady, d.runtime?.workersDesired),
    sorting: false,
  },
  {
    title: 'Synced',
    render: d => (
      <span title={formatTime(d.lastSyncedAt)}>
        {formatRelative(d.lastSyncedAt)}
      </span>
    ),
    customSort: (a, b) =>
      (a.lastSyncedAt ?? '').localeCompare(b.lastSyncedAt ?? ''),
  },
];

/** Every matching dataset; every column but two sorts. */
export function FleetTable(props: {
  datasets: DatasetSummary[];
  total: number;
}) {
  return (
    <Table<DatasetSummary>
      title={`Datasets (${props.datasets.length} of ${props.total})`}
      columns={columns}
      data={props.datasets}
      options={{
        paging: props.datasets.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        search: true,
        padding: 'dense',
      }}
      emptyContent={
        <div style={{ padding: 16 }}>No dataset matches the filters.</div>
      }
    />
  );
}

import type {
  DatasetSummary,
  HealthStatus,
  RuntimePhase,
} from '@internal/plugin-fluid-common';
import { HealthStatusLabel } from '../HealthStatusLabel';
import { SimpleTable } from '../SimpleTable';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatRelative,
  formatTime,
} from '../format';

const runtimePhases: Record<RuntimePhase, [HealthStatus, string]> = {
  Ready: ['healthy', 'Ready'],
  PartialReady: ['degraded', 'Partially ready'],
  NotReady: ['unhealthy', 'Not ready'],
  '': ['unknown', 'Setting up'],
};

function RuntimePhaseLabel(props: { phase: RuntimePhase | null }) {
  if (props.phase === null) return <>–</>;
  const [status, word] = runtimePhases[props.phase] ?? ['unknown', props.phase];
  return <HealthStatusLabel status={status}>{word}</HealthStatusLabel>;
}

/** Master, workers and FUSE of the runtime: phase and ready/desired. */
export function RuntimeTable(props: { dataset: DatasetSummary }) {
  const { runtime } = props.dataset;
  const rows = runtime
    ? [
        {
          key: 'master',
          cells: [
            'Master',
            <RuntimePhaseLabel phase={runtime.masterPhase} />,
            formatCount(runtime.mastersReady, runtime.mastersDesired),
          ],
        },
        {
          key: 'worker',
          cells: [
            'Workers',
            <RuntimePhaseLabel phase={runtime.workerPhase} />,
            formatCount(runtime.workersReady, runtime.workersDesired),
          ],
        },
        {
          key: 'fuse',
          cells: [
            'FUSE',
            <RuntimePhaseLabel phase={runtime.fusePhase} />,
            formatCount(runtime.fusesReady, runtime.fusesDesired),
          ],
        },
      ]
    : [];
  return (
    <SimpleTable
      title={runtime ? `Runtime (${runtime.kind})` : 'Runtime'}
      columns={['Component', 'Phase', 'Ready / desired']}
      rows={rows}
      empty="No runtime of this name is visible in the cluster."
    />
  );
}

function serverReadiness(desired: number, available: number) {
  if (desired === 0) {
    return (
      <HealthStatusLabel status="unknown">Scaled to zero</HealthStatusLabel>
    );
  }
  if (available === 0) {
    return (
      <HealthStatusLabel status="unhealthy">Unavailable</HealthStatusLabel>
    );
  }
  if (available < desired) {
    return (
      <HealthStatusLabel status="degraded">
        Partially available
      </HealthStatusLabel>
    );
  }
  return <HealthStatusLabel status="healthy">Ready</HealthStatusLabel>;
}

/** The model-server Deployments that read the cache. */
export function ModelServersTable(props: { dataset: DatasetSummary }) {
  return (
    <SimpleTable
      title="Model servers"
      columns={['Deployment', 'Readiness', 'Available / desired']}
      rows={props.dataset.modelServers.map(server => ({
        key: server.name,
        cells: [
          server.name,
          serverReadiness(server.replicasDesired, server.replicasAvailable),
          formatCount(server.replicasAvailable, server.replicasDesired),
        ],
      }))}
      empty="No model-server Deployment is linked to this dataset."
    />
  );
}

/** The tiered store: medium, path, quota and watermarks per level. */
export function TiersTable(props: { dataset: DatasetSummary }) {
  return (
    <SimpleTable
      title="Tiers"
      columns={['Medium', 'Path', 'Quota', 'Watermarks (high / low)']}
      rows={props.dataset.cache.tiers.map((tier, index) => ({
        key: `${index}:${tier.medium}:${tier.path}`,
        cells: [
          tier.medium,
          tier.path,
          tier.quota ?? '–',
          tier.high === null && tier.low === null
            ? '–'
            : `${formatPercent(tier.high)} / ${formatPercent(tier.low)}`,
        ],
      }))}
      empty="The runtime declares no tiered store."
    />
  );
}

const modelPhases: Record<string, HealthStatus> = {
  Downloaded: 'healthy',
  Downloading: 'unknown',
  Error: 'unhealthy',
};

/** ModelExpress `ModelCacheEntry` objects: which models the cache holds. */
export function ModelsTable(props: { dataset: DatasetSummary }) {
  const now = new Date();
  return (
    <SimpleTable
      title="Models"
      columns={['Model', 'Provider', 'Phase', 'Last used']}
      rows={props.dataset.models.map(model => ({
        key: model.name,
        cells: [
          model.modelName,
          model.provider ?? '–',
          <HealthStatusLabel status={modelPhases[model.phase] ?? 'unknown'}>
            {(model.phase || 'New') +
              (model.message ? `: ${model.message}` : '')}
          </HealthStatusLabel>,
          model.lastUsedAt ? (
            <span title={formatTime(model.lastUsedAt)}>
              {formatRelative(model.lastUsedAt, now)}
            </span>
          ) : (
            'never'
          ),
        ],
      }))}
      empty="No ModelCacheEntry in this namespace."
    />
  );
}

const loadPhases: Record<string, HealthStatus> = {
  Complete: 'healthy',
  Failed: 'unhealthy',
  Executing: 'unknown',
  Pending: 'unknown',
};

/** DataLoads that preload the dataset. */
export function DataLoadsTable(props: { dataset: DatasetSummary }) {
  return (
    <SimpleTable
      title="DataLoads"
      columns={['DataLoad', 'Phase', 'Policy', 'Duration', 'Created']}
      rows={props.dataset.dataLoads.map(load => ({
        key: load.name,
        cells: [
          load.name,
          <HealthStatusLabel status={loadPhases[load.phase] ?? 'unknown'}>
            {load.phase || 'New'}
          </HealthStatusLabel>,
          load.policy ?? '–',
          formatDuration(load.durationSeconds),
          formatTime(load.createdAt),
        ],
      }))}
      empty="No DataLoad targets this dataset."
    />
  );
}

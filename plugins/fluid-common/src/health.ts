// Cache health rules (documented in docs/health.md). They read the facts the
// backend keeps per dataset and never a cluster, so they are pure and shared by
// the backend (which serves the verdict) and anything that wants to explain it.
//
// Fluid facts behind the rules (../shared/notes/fluid.md §4, §6, §11):
// - Dataset phase `Failed` is set only when a health check itself errors;
//   workers that are not ready still show `Bound`, so runtime phases matter.
// - The Ready condition is unreliable (it reads False after a mount update).
// - fusePhase is always Ready and fuse counts stay 0 until a pod uses the
//   volume: fuses say nothing about health.
// - JuiceFS has no master and ignores the tieredstore `high` watermark.
import type {
  CacheSummary,
  DataLoadSummary,
  DatasetHealth,
  DatasetRef,
  HealthReason,
  HealthStatus,
  ModelServerSummary,
  RuntimeSummary,
} from './types';

/**
 * What the rules need to know about one dataset.
 *
 * @public
 */
export interface HealthInput {
  ref: DatasetRef;
  phase: string;
  /** When the dataset was first seen in its current phase (or created). */
  phaseSince: string | null;
  runtime: RuntimeSummary | null;
  cache: CacheSummary;
  dataLoads: DataLoadSummary[];
  modelServers: ModelServerSummary[];
  /** When the dataset's cluster last had a complete, current picture. */
  lastSyncedAt: string | null;
}

/**
 * Tunable limits of the rules; every one is configurable in the backend.
 *
 * @public
 */
export interface HealthThresholds {
  /** A dataset may stay unbound this long before it counts as unhealthy. */
  notBoundGraceSeconds: number;
  /** Data older than this is not trusted: the verdict becomes `unknown`. */
  staleAfterSeconds: number;
  /** Below this hit ratio a full cache is thrashing. */
  minHitRatio: number;
  /** Cache fullness that counts as full when the top tier has no `high`. */
  cacheFullFraction: number;
}

/**
 * The defaults of {@link HealthThresholds}.
 *
 * @public
 */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = Object.freeze({
  notBoundGraceSeconds: 300,
  staleAfterSeconds: 180,
  minHitRatio: 0.5,
  cacheFullFraction: 0.95,
});

const SEVERITY: Record<HealthStatus, number> = {
  healthy: 0,
  unknown: 1,
  degraded: 2,
  unhealthy: 3,
};

/**
 * The worst of several statuses (`unhealthy` > `degraded` > `unknown` >
 * `healthy`); `unknown` when there are none.
 *
 * @public
 */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus | undefined;
  for (const status of statuses) {
    if (!worst || SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst ?? 'unknown';
}

const UNBOUND_PHASES = new Set(['', 'NotBound', 'Pending']);
const RUNTIMES_WITHOUT_MASTER = new Set(['JuiceFSRuntime', 'ThinRuntime']);

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function minutes(seconds: number): string {
  return seconds < 120
    ? `${Math.round(seconds)} s`
    : `${Math.round(seconds / 60)} min`;
}

function describeRuntime(ref: DatasetRef, runtime: RuntimeSummary): string {
  return `kubectl describe ${runtime.kind.toLowerCase()} ${ref.name} -n ${
    ref.namespace
  }`;
}

function runtimeReasons(
  ref: DatasetRef,
  runtime: RuntimeSummary,
): HealthReason[] {
  const reasons: HealthReason[] = [];
  const describe = describeRuntime(ref, runtime);
  const hasMaster =
    !RUNTIMES_WITHOUT_MASTER.has(runtime.kind) && runtime.mastersDesired !== 0;
  if (hasMaster && runtime.masterPhase === 'NotReady') {
    reasons.push({
      code: 'MASTER_NOT_READY',
      status: 'unhealthy',
      message: `The ${runtime.kind} master is not ready, so the cache cannot serve; see \`${describe}\` and the master pod's logs.`,
    });
  } else if (hasMaster && runtime.masterPhase === 'PartialReady') {
    reasons.push({
      code: 'MASTER_PARTIALLY_READY',
      status: 'degraded',
      message: `Only ${runtime.mastersReady ?? '?'} of ${
        runtime.mastersDesired ?? '?'
      } ${runtime.kind} masters are ready; see \`${describe}\`.`,
    });
  }

  const ready = runtime.workersReady ?? 0;
  const desired = runtime.workersDesired ?? 0;
  if (runtime.workerPhase === 'NotReady') {
    reasons.push({
      code: 'WORKERS_NOT_READY',
      status: 'unhealthy',
      message: `No cache worker is ready (${ready} of ${desired}); reads go to the data source or fail. See \`${describe}\` and the worker pods' events.`,
    });
  } else if (runtime.workerPhase === 'PartialReady') {
    reasons.push({
      code: 'WORKERS_PARTIALLY_READY',
      status: 'degraded',
      message: `Only ${ready} of ${desired} cache workers are ready, so the cache holds less than planned; see \`${describe}\`.`,
    });
  } else if (desired > 0 && ready < desired) {
    reasons.push({
      code: 'WORKERS_BELOW_DESIRED',
      status: 'degraded',
      message: `${ready} of ${desired} cache workers are ready; see \`${describe}\`.`,
    });
  }
  return reasons;
}

function cacheReasons(
  cache: CacheSummary,
  thresholds: HealthThresholds,
  runtimeKind: string | undefined,
): HealthReason[] {
  const { cachedBytes, capacityBytes, hitRatio } = cache;
  if (cachedBytes === null || !capacityBytes) return [];
  // JuiceFS ignores `high`; everywhere else the top tier's high watermark is
  // where eviction starts.
  const topHigh =
    runtimeKind === 'JuiceFSRuntime' ? null : cache.tiers[0]?.high ?? null;
  const fullAt = topHigh ?? thresholds.cacheFullFraction;
  const used = cachedBytes / capacityBytes;
  if (used < fullAt) return [];

  const reasons: HealthReason[] = [
    {
      code: 'CACHE_FULL',
      status: 'degraded',
      message: `The cache is ${percent(
        used,
      )} full (eviction starts at ${percent(
        fullAt,
      )}); new data evicts cached weights. Raise the tier quota or add workers.`,
    },
  ];
  if (hitRatio !== null && hitRatio < thresholds.minHitRatio) {
    reasons.push({
      code: 'LOW_HIT_RATIO_WHILE_FULL',
      status: 'degraded',
      message: `Only ${percent(
        hitRatio,
      )} of reads hit the cache while it is full: it is too small for the working set and thrashes. Give it more capacity.`,
    });
  }
  return reasons;
}

function dataLoadReasons(
  ref: DatasetRef,
  dataLoads: DataLoadSummary[],
): HealthReason[] {
  return dataLoads
    .filter(load => load.phase === 'Failed')
    .map(load => ({
      code: 'DATALOAD_FAILED' as const,
      status: 'degraded' as const,
      message: `DataLoad ${load.name} failed, so the models it preloads are not cached; see \`kubectl describe dataload ${load.name} -n ${ref.namespace}\` and the ${load.name}-loader-job logs.`,
    }));
}

function modelServerReasons(
  ref: DatasetRef,
  servers: ModelServerSummary[],
): HealthReason[] {
  return servers
    .filter(
      server => server.replicasDesired > 0 && server.replicasAvailable === 0,
    )
    .map(server => ({
      code: 'MODEL_SERVER_UNAVAILABLE' as const,
      status: 'unhealthy' as const,
      message: `Model server ${server.name} has no available replica (0 of ${server.replicasDesired}); see \`kubectl describe deployment ${server.name} -n ${ref.namespace}\`.`,
    }));
}

function rateFreshDataset(
  input: HealthInput,
  now: number,
  thresholds: HealthThresholds,
): HealthReason[] {
  const { ref, phase } = input;
  if (phase === 'Failed') {
    return [
      {
        code: 'DATASET_FAILED',
        status: 'unhealthy',
        message: `Fluid marked the dataset Failed: its runtime's health check errors. See \`kubectl describe dataset ${ref.name} -n ${ref.namespace}\`.`,
      },
    ];
  }
  if (UNBOUND_PHASES.has(phase)) {
    const since = input.phaseSince ? Date.parse(input.phaseSince) : NaN;
    const waited = Number.isNaN(since) ? Infinity : (now - since) / 1000;
    if (waited <= thresholds.notBoundGraceSeconds) {
      return [
        {
          code: 'DATASET_BINDING',
          status: 'unknown',
          message: `The dataset is waiting for its runtime to bind (for ${minutes(
            waited,
          )}).`,
        },
      ];
    }
    return [
      {
        code: 'DATASET_NOT_BOUND',
        status: 'unhealthy',
        message: `The dataset has not bound to a runtime${
          Number.isFinite(waited) ? ` for ${minutes(waited)}` : ''
        }. A runtime must have the dataset's name (${ref.name}) in namespace ${
          ref.namespace
        }; see \`kubectl get fluid -n ${ref.namespace}\`.`,
      },
    ];
  }

  const reasons: HealthReason[] = [];
  if (input.runtime) {
    reasons.push(...runtimeReasons(ref, input.runtime));
  } else {
    reasons.push({
      code: 'RUNTIME_MISSING',
      status: 'unknown',
      message: `The dataset is ${phase} but no runtime named ${ref.name} is visible in namespace ${ref.namespace}.`,
    });
  }
  reasons.push(...cacheReasons(input.cache, thresholds, input.runtime?.kind));
  reasons.push(...dataLoadReasons(ref, input.dataLoads));
  reasons.push(...modelServerReasons(ref, input.modelServers));
  return reasons;
}

/**
 * Rates one dataset. Without a recent sync of its cluster the answer is
 * `unknown`, never a stale `healthy`.
 *
 * @public
 */
export function rateDatasetHealth(
  input: HealthInput,
  options: { now?: Date; thresholds?: Partial<HealthThresholds> } = {},
): DatasetHealth {
  const now = (options.now ?? new Date()).getTime();
  const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds };
  const reasons = rateFreshDataset(input, now, thresholds);
  const fresh: DatasetHealth = {
    status: worstStatus(reasons.map(r => r.status)),
    reasons,
  };
  if (reasons.length === 0) fresh.status = 'healthy';

  const synced = input.lastSyncedAt ? Date.parse(input.lastSyncedAt) : NaN;
  const age = (now - synced) / 1000;
  if (Number.isNaN(synced) || age > thresholds.staleAfterSeconds) {
    return {
      status: 'unknown',
      reasons: [
        {
          code: 'CLUSTER_NOT_SYNCED',
          status: 'unknown',
          message: Number.isNaN(synced)
            ? `Cluster ${input.ref.cluster} has not synced yet.`
            : `Cluster ${input.ref.cluster} has not synced for ${minutes(
                age,
              )}; the last known status was ${fresh.status}.`,
        },
      ],
    };
  }
  return fresh;
}

// The shapes the Fluid backend serves over /api/fluid and the frontend reads.
// Numbers are numbers or null (unknown), never display strings: the backend
// parses Fluid's status strings once, with the functions in ./status.

/**
 * Health of one dataset's cache, worst first: `unhealthy` needs action now,
 * `degraded` works but not as designed, `unknown` cannot be judged (no fresh
 * data, or still binding), `healthy` is fine.
 *
 * @public
 */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

/**
 * Why a dataset has its health status, in words a service owner can act on.
 *
 * @public
 */
export interface HealthReason {
  /** Stable, machine-readable, e.g. `WORKERS_NOT_READY`. */
  code: HealthReasonCode;
  /** The status this reason leads to on its own. */
  status: HealthStatus;
  /** A sentence with the numbers and the next step. */
  message: string;
}

/**
 * Every reason code the health rules produce.
 *
 * @public
 */
export type HealthReasonCode =
  | 'CLUSTER_NOT_SYNCED'
  | 'DATASET_FAILED'
  | 'DATASET_NOT_BOUND'
  | 'DATASET_BINDING'
  | 'RUNTIME_MISSING'
  | 'MASTER_NOT_READY'
  | 'MASTER_PARTIALLY_READY'
  | 'WORKERS_NOT_READY'
  | 'WORKERS_PARTIALLY_READY'
  | 'WORKERS_BELOW_DESIRED'
  | 'CACHE_FULL'
  | 'LOW_HIT_RATIO_WHILE_FULL'
  | 'DATALOAD_FAILED'
  | 'MODEL_SERVER_UNAVAILABLE';

/**
 * The health verdict of one dataset.
 *
 * @public
 */
export interface DatasetHealth {
  status: HealthStatus;
  reasons: HealthReason[];
}

/**
 * Fluid runtime phase of a component (`status.masterPhase` etc.); `""` while
 * the runtime is being set up.
 *
 * @public
 */
export type RuntimePhase = '' | 'NotReady' | 'PartialReady' | 'Ready';

/**
 * The runtime bound to a dataset (same name, same namespace).
 *
 * @public
 */
export interface RuntimeSummary {
  /** The runtime kind, e.g. `AlluxioRuntime`, `JuiceFSRuntime`. */
  kind: string;
  masterPhase: RuntimePhase | null;
  workerPhase: RuntimePhase | null;
  fusePhase: RuntimePhase | null;
  mastersReady: number | null;
  mastersDesired: number | null;
  workersReady: number | null;
  workersDesired: number | null;
  fusesReady: number | null;
  fusesDesired: number | null;
}

/**
 * One level of the runtime's tiered store.
 *
 * @public
 */
export interface TierSummary {
  medium: string;
  path: string;
  /** The quota as written (a Kubernetes quantity), and in bytes. */
  quota: string | null;
  quotaBytes: number | null;
  high: number | null;
  low: number | null;
}

/**
 * Cache numbers of a dataset, parsed from its `status.cacheStates`.
 *
 * @public
 */
export interface CacheSummary {
  capacityBytes: number | null;
  cachedBytes: number | null;
  /** Cached share of the data source (Fluid's `cachedPercentage`), 0..1. */
  cachedFraction: number | null;
  ufsTotalBytes: number | null;
  fileCount: number | null;
  hitRatio: number | null;
  /** Alluxio only; JuiceFS does not report local/remote ratios. */
  localHitRatio: number | null;
  remoteHitRatio: number | null;
  throughputRatio: number | null;
  tiers: TierSummary[];
}

/**
 * A DataLoad that targets the dataset.
 *
 * @public
 */
export interface DataLoadSummary {
  name: string;
  /** `Pending`, `Executing`, `Complete`, `Failed`, or `""` when new. */
  phase: string;
  policy: string | null;
  durationSeconds: number | null;
  createdAt: string | null;
}

/**
 * A ModelExpress `ModelCacheEntry` in the dataset's namespace.
 *
 * @public
 */
export interface ModelCacheEntrySummary {
  name: string;
  modelName: string;
  provider: string | null;
  /** `Downloading`, `Downloaded`, `Error`, or `""`. */
  phase: string;
  lastUsedAt: string | null;
  message: string | null;
}

/**
 * A model-server Deployment linked to the dataset's entity.
 *
 * @public
 */
export interface ModelServerSummary {
  name: string;
  replicasDesired: number;
  replicasAvailable: number;
}

/**
 * Identifies a dataset across clusters.
 *
 * @public
 */
export interface DatasetRef {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Everything the plugin knows about one dataset.
 *
 * @public
 */
export interface DatasetSummary extends DatasetRef {
  /** `Bound`, `NotBound`, `Failed`, `Updating`, …, or `""` when new. */
  phase: string;
  runtime: RuntimeSummary | null;
  cache: CacheSummary;
  dataLoads: DataLoadSummary[];
  models: ModelCacheEntrySummary[];
  modelServers: ModelServerSummary[];
  health: DatasetHealth;
  /** When the dataset's cluster last had a complete, current picture. */
  lastSyncedAt: string | null;
}

/**
 * A cluster that could not be read, as data rather than a failed request.
 *
 * @public
 */
export interface ClusterError {
  cluster: string;
  message: string;
}

/**
 * `GET /v1/entity?entityRef=…`
 *
 * @public
 */
export interface EntityCacheResponse {
  entityRef: string;
  /** The worst status of the entity's datasets; `unknown` when it has none. */
  status: HealthStatus;
  datasets: DatasetSummary[];
  errors: ClusterError[];
}

/**
 * `GET /v1/datasets`
 *
 * @public
 */
export interface DatasetListResponse {
  items: DatasetSummary[];
  totalItems: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
  errors: ClusterError[];
}

/**
 * The sync state of one cluster (`GET /v1/clusters`); never credentials.
 *
 * @public
 */
export interface ClusterState {
  name: string;
  title: string | null;
  /** `syncing` until the first complete list of every watched type. */
  state: 'syncing' | 'synced' | 'error';
  lastSyncedAt: string | null;
  lastError: { message: string; at: string } | null;
  /** The Fluid runtime kinds the cluster serves. */
  runtimeKinds: string[];
  datasets: number;
}

/**
 * `GET /v1/clusters`
 *
 * @public
 */
export interface ClusterListResponse {
  items: ClusterState[];
}

/**
 * One stored sample of a dataset's cache numbers.
 *
 * @public
 */
export interface HistoryPoint {
  at: string;
  status: HealthStatus;
  cachedBytes: number | null;
  capacityBytes: number | null;
  cachedFraction: number | null;
  hitRatio: number | null;
}

/**
 * `GET /v1/datasets/:cluster/:namespace/:name/history`
 *
 * @public
 */
export interface DatasetHistoryResponse extends DatasetRef {
  from: string;
  to: string;
  points: HistoryPoint[];
}

import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterState,
  DatasetSummary,
  EntityCacheResponse,
  HealthReason,
  HealthStatus,
} from '@internal/plugin-fluid-common';

const GiB = 1024 ** 3;
const MINUTE = 60_000;

/** ISO time `minutes` before now. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

export const llamaChat: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'llama-chat',
    namespace: 'default',
    annotations: {
      'fluid.io/dataset': 'model-serving/llama-chat',
      'backstage.io/kubernetes-id': 'llama-chat',
      'backstage.io/kubernetes-namespace': 'model-serving',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'ml-platform' },
};

export const notLinked: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Plain_Service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'ml-platform' },
};

/** A healthy Alluxio dataset with a MEM + SSD tiered store. */
export function dataset(
  overrides: Partial<DatasetSummary> = {},
): DatasetSummary {
  return {
    cluster: 'sim-east',
    namespace: 'model-serving',
    name: 'llama-chat',
    phase: 'Bound',
    runtime: {
      kind: 'AlluxioRuntime',
      masterPhase: 'Ready',
      workerPhase: 'Ready',
      fusePhase: 'Ready',
      mastersReady: 1,
      mastersDesired: 1,
      workersReady: 2,
      workersDesired: 2,
      fusesReady: 3,
      fusesDesired: 3,
    },
    cache: {
      capacityBytes: 20 * GiB,
      cachedBytes: 15 * GiB,
      cachedFraction: 0.938,
      ufsTotalBytes: 16 * GiB,
      fileCount: 37,
      hitRatio: 0.921,
      localHitRatio: 0.8,
      remoteHitRatio: 0.121,
      throughputRatio: 0.95,
      tiers: [
        {
          medium: 'MEM',
          path: '/dev/shm',
          quota: '4Gi',
          quotaBytes: 4 * GiB,
          high: 0.95,
          low: 0.7,
        },
        {
          medium: 'SSD',
          path: '/mnt/ssd',
          quota: '16Gi',
          quotaBytes: 16 * GiB,
          high: null,
          low: null,
        },
      ],
    },
    dataLoads: [
      {
        name: 'llama-chat-warmup',
        phase: 'Complete',
        policy: 'Once',
        durationSeconds: 182,
        createdAt: minutesAgo(120),
      },
    ],
    models: [
      {
        name: 'llama-3-1-8b',
        modelName: 'meta-llama/Llama-3.1-8B-Instruct',
        provider: 'HuggingFace',
        phase: 'Downloaded',
        lastUsedAt: minutesAgo(5),
        message: null,
      },
    ],
    modelServers: [
      { name: 'llama-chat', replicasDesired: 2, replicasAvailable: 2 },
    ],
    health: { status: 'healthy', reasons: [] },
    lastSyncedAt: minutesAgo(0.2),
    ...overrides,
  };
}

function reason(
  code: HealthReason['code'],
  status: HealthStatus,
  message: string,
): HealthReason {
  return { code, status, message };
}

export const degradedDataset = dataset({
  cache: { ...dataset().cache, cachedBytes: 19.5 * 1024 ** 3, hitRatio: 0.41 },
  health: {
    status: 'degraded',
    reasons: [
      reason(
        'CACHE_FULL',
        'degraded',
        'The cache is 97.5% full (eviction starts at 95%); new data evicts cached weights. Raise the tier quota or add workers.',
      ),
      reason(
        'LOW_HIT_RATIO_WHILE_FULL',
        'degraded',
        'The hit ratio is 41% while the cache is full: it is too small for the working set.',
      ),
    ],
  },
});

export const unhealthyDataset = dataset({
  runtime: {
    ...dataset().runtime!,
    workerPhase: 'NotReady',
    workersReady: 0,
  },
  dataLoads: [
    {
      name: 'llama-chat-warmup',
      phase: 'Failed',
      policy: 'Once',
      durationSeconds: 40,
      createdAt: minutesAgo(30),
    },
  ],
  modelServers: [
    { name: 'llama-chat', replicasDesired: 2, replicasAvailable: 0 },
  ],
  health: {
    status: 'unhealthy',
    reasons: [
      reason(
        'DATALOAD_FAILED',
        'degraded',
        'DataLoad llama-chat-warmup failed: the models it preloads are not cached.',
      ),
      reason(
        'WORKERS_NOT_READY',
        'unhealthy',
        'No cache worker is ready (0 of 2); see `kubectl describe alluxioruntime llama-chat -n model-serving`.',
      ),
      reason(
        'MODEL_SERVER_UNAVAILABLE',
        'unhealthy',
        'Deployment llama-chat wants 2 replicas but has none available.',
      ),
    ],
  },
});

export const staleDataset = dataset({
  cluster: 'sim-west',
  cache: {
    ...dataset().cache,
    localHitRatio: null,
    remoteHitRatio: null,
    throughputRatio: null,
  },
  health: {
    status: 'unknown',
    reasons: [
      reason(
        'CLUSTER_NOT_SYNCED',
        'unknown',
        'Cluster sim-west has not synced for 12 minutes; the last known status was healthy.',
      ),
    ],
  },
  lastSyncedAt: minutesAgo(12),
});

export function entityResponse(
  datasets: DatasetSummary[],
  overrides: Partial<EntityCacheResponse> = {},
): EntityCacheResponse {
  const order: HealthStatus[] = ['unhealthy', 'degraded', 'unknown', 'healthy'];
  const status =
    order.find(s => datasets.some(d => d.health.status === s)) ?? 'unknown';
  return {
    entityRef: 'component:default/llama-chat',
    status,
    datasets,
    errors: [],
    ...overrides,
  };
}

export function cluster(overrides: Partial<ClusterState> = {}): ClusterState {
  return {
    name: 'sim-east',
    title: null,
    state: 'synced',
    lastSyncedAt: minutesAgo(0.2),
    lastError: null,
    runtimeKinds: ['AlluxioRuntime', 'JuiceFSRuntime'],
    datasets: 2,
    ...overrides,
  };
}

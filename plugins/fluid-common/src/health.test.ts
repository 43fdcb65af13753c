import {
  DEFAULT_HEALTH_THRESHOLDS,
  HealthInput,
  rateDatasetHealth,
  worstStatus,
} from './health';
import type { HealthReasonCode, HealthStatus } from './types';

const NOW = new Date('2026-11-29T12:00:00Z');
const GiB = 1024 ** 3;
const ago = (seconds: number) =>
  new Date(NOW.getTime() - seconds * 1000).toISOString();

/** A Bound Alluxio dataset with everything ready (the composed example). */
function healthy(): HealthInput {
  return {
    ref: { cluster: 'east', namespace: 'model-serving', name: 'llama-chat' },
    phase: 'Bound',
    phaseSince: ago(3600),
    runtime: {
      kind: 'AlluxioRuntime',
      masterPhase: 'Ready',
      workerPhase: 'Ready',
      fusePhase: 'Ready',
      mastersReady: 1,
      mastersDesired: 1,
      workersReady: 2,
      workersDesired: 2,
      fusesReady: 0,
      fusesDesired: 0,
    },
    cache: {
      capacityBytes: 4 * GiB,
      cachedBytes: 1.92 * GiB,
      cachedFraction: 1,
      ufsTotalBytes: 1.92 * GiB,
      fileCount: 37,
      hitRatio: 0.864,
      localHitRatio: 0.712,
      remoteHitRatio: 0.152,
      throughputRatio: 0.925,
      tiers: [
        {
          medium: 'MEM',
          path: '/dev/shm',
          quota: '2Gi',
          quotaBytes: 2 * GiB,
          high: 0.95,
          low: 0.7,
        },
      ],
    },
    dataLoads: [
      {
        name: 'llama-chat-warmup',
        phase: 'Complete',
        policy: 'Once',
        durationSeconds: 182,
        createdAt: ago(3000),
      },
    ],
    modelServers: [
      { name: 'llama-chat-mx', replicasDesired: 1, replicasAvailable: 1 },
    ],
    lastSyncedAt: ago(10),
  };
}

type Case = [
  string,
  (input: HealthInput) => void,
  HealthStatus,
  HealthReasonCode[],
];

const cases: Case[] = [
  ['everything ready', () => {}, 'healthy', []],
  [
    'fuse counts of 0 and fuse phase "" are normal',
    i => {
      i.runtime!.fusePhase = '';
      i.runtime!.fusesReady = 0;
    },
    'healthy',
    [],
  ],
  ['phase Failed', i => (i.phase = 'Failed'), 'unhealthy', ['DATASET_FAILED']],
  [
    'NotBound within the grace period',
    i => {
      i.phase = 'NotBound';
      i.phaseSince = ago(60);
    },
    'unknown',
    ['DATASET_BINDING'],
  ],
  [
    'NotBound past the grace period',
    i => {
      i.phase = 'NotBound';
      i.phaseSince = ago(DEFAULT_HEALTH_THRESHOLDS.notBoundGraceSeconds + 1);
    },
    'unhealthy',
    ['DATASET_NOT_BOUND'],
  ],
  [
    'brand new dataset (phase "") is binding',
    i => {
      i.phase = '';
      i.phaseSince = ago(5);
    },
    'unknown',
    ['DATASET_BINDING'],
  ],
  [
    'NotBound with no known start counts as past the grace period',
    i => {
      i.phase = 'NotBound';
      i.phaseSince = null;
    },
    'unhealthy',
    ['DATASET_NOT_BOUND'],
  ],
  [
    'worker phase NotReady',
    i => {
      i.runtime!.workerPhase = 'NotReady';
      i.runtime!.workersReady = 0;
    },
    'unhealthy',
    ['WORKERS_NOT_READY'],
  ],
  [
    'worker phase PartialReady',
    i => {
      i.runtime!.workerPhase = 'PartialReady';
      i.runtime!.workersReady = 1;
    },
    'degraded',
    ['WORKERS_PARTIALLY_READY'],
  ],
  [
    'ready workers below desired while the phase still says Ready',
    i => (i.runtime!.workersReady = 1),
    'degraded',
    ['WORKERS_BELOW_DESIRED'],
  ],
  [
    'master NotReady',
    i => (i.runtime!.masterPhase = 'NotReady'),
    'unhealthy',
    ['MASTER_NOT_READY'],
  ],
  [
    'JuiceFS has no master: its empty master phase is fine',
    i => {
      i.runtime!.kind = 'JuiceFSRuntime';
      i.runtime!.masterPhase = '';
      i.runtime!.mastersDesired = 0;
      i.runtime!.mastersReady = 0;
      i.cache.localHitRatio = null;
      i.cache.remoteHitRatio = null;
    },
    'healthy',
    [],
  ],
  [
    'cache used at the top tier high watermark',
    i => (i.cache.cachedBytes = 0.95 * 4 * GiB),
    'degraded',
    ['CACHE_FULL'],
  ],
  [
    'cache full with a low hit ratio',
    i => {
      i.cache.cachedBytes = 4 * GiB;
      i.cache.hitRatio = 0.2;
    },
    'degraded',
    ['CACHE_FULL', 'LOW_HIT_RATIO_WHILE_FULL'],
  ],
  [
    'low hit ratio while the cache is not full is fine (still warming)',
    i => (i.cache.hitRatio = 0.1),
    'healthy',
    [],
  ],
  [
    'JuiceFS ignores high: full only at the configured fraction',
    i => {
      i.runtime!.kind = 'JuiceFSRuntime';
      i.cache.tiers[0].high = 0.5;
      i.cache.cachedBytes = 0.9 * 4 * GiB;
    },
    'healthy',
    [],
  ],
  [
    'unknown cache numbers ([Calculating]) say nothing',
    i => {
      i.cache.cachedBytes = null;
      i.cache.capacityBytes = null;
      i.cache.hitRatio = null;
    },
    'healthy',
    [],
  ],
  [
    'a failed DataLoad',
    i =>
      i.dataLoads.push({
        name: 'llama-chat-refresh',
        phase: 'Failed',
        policy: 'Once',
        durationSeconds: 12,
        createdAt: ago(100),
      }),
    'degraded',
    ['DATALOAD_FAILED'],
  ],
  [
    'model server without available replicas',
    i => (i.modelServers[0].replicasAvailable = 0),
    'unhealthy',
    ['MODEL_SERVER_UNAVAILABLE'],
  ],
  [
    'model server scaled to zero on purpose',
    i => {
      i.modelServers[0].replicasDesired = 0;
      i.modelServers[0].replicasAvailable = 0;
    },
    'healthy',
    [],
  ],
  [
    'bound but no runtime visible',
    i => (i.runtime = null),
    'unknown',
    ['RUNTIME_MISSING'],
  ],
  [
    'worst reason wins',
    i => {
      i.runtime!.workerPhase = 'PartialReady';
      i.modelServers[0].replicasAvailable = 0;
    },
    'unhealthy',
    ['WORKERS_PARTIALLY_READY', 'MODEL_SERVER_UNAVAILABLE'],
  ],
  [
    'cluster not synced for longer than the threshold: never a stale healthy',
    i =>
      (i.lastSyncedAt = ago(DEFAULT_HEALTH_THRESHOLDS.staleAfterSeconds + 1)),
    'unknown',
    ['CLUSTER_NOT_SYNCED'],
  ],
  [
    'cluster never synced',
    i => (i.lastSyncedAt = null),
    'unknown',
    ['CLUSTER_NOT_SYNCED'],
  ],
];

describe('rateDatasetHealth', () => {
  it.each(cases)('%s → %s', (_, mutate, status, codes) => {
    const input = healthy();
    mutate(input);
    const health = rateDatasetHealth(input, { now: NOW });
    expect(health.status).toBe(status);
    expect(health.reasons.map(r => r.code)).toEqual(codes);
    for (const reason of health.reasons) {
      expect(reason.message.length).toBeGreaterThan(20);
    }
  });

  it('names the runtime command to run in its reasons', () => {
    const input = healthy();
    input.runtime!.workerPhase = 'NotReady';
    const [reason] = rateDatasetHealth(input, { now: NOW }).reasons;
    expect(reason.message).toContain(
      'kubectl describe alluxioruntime llama-chat -n model-serving',
    );
  });

  it('keeps the last known status in the stale message', () => {
    const input = healthy();
    input.phase = 'Failed';
    input.lastSyncedAt = ago(600);
    const [reason] = rateDatasetHealth(input, { now: NOW }).reasons;
    expect(reason.message).toBe(
      'Cluster east has not synced for 10 min; the last known status was unhealthy.',
    );
  });

  it('takes configurable thresholds', () => {
    const input = healthy();
    input.phase = 'NotBound';
    input.phaseSince = ago(60);
    expect(
      rateDatasetHealth(input, {
        now: NOW,
        thresholds: { notBoundGraceSeconds: 30 },
      }).status,
    ).toBe('unhealthy');

    const full = healthy();
    full.runtime!.kind = 'JuiceFSRuntime';
    full.cache.cachedBytes = 0.9 * 4 * GiB;
    expect(
      rateDatasetHealth(full, {
        now: NOW,
        thresholds: { cacheFullFraction: 0.8 },
      }).status,
    ).toBe('degraded');

    const stale = healthy();
    stale.lastSyncedAt = ago(30);
    expect(
      rateDatasetHealth(stale, {
        now: NOW,
        thresholds: { staleAfterSeconds: 20 },
      }).status,
    ).toBe('unknown');
  });
});

describe('worstStatus', () => {
  it.each<[HealthStatus[], HealthStatus]>([
    [[], 'unknown'],
    [['healthy'], 'healthy'],
    [['healthy', 'unknown'], 'unknown'],
    [['unknown', 'degraded'], 'degraded'],
    [['degraded', 'unhealthy', 'healthy'], 'unhealthy'],
  ])('%j → %s', (statuses, worst) => {
    expect(worstStatus(statuses)).toBe(worst);
  });
});

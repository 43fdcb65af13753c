import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_HEALTH_THRESHOLDS } from '@internal/plugin-fluid-common';
import { FakeKubernetesClient } from '../testing/FakeKubernetesClient';
import {
  alluxioRuntime,
  dataLoad,
  dataset,
  deployment,
  eventually,
  modelCacheEntry,
  PATHS,
} from '../testing/objects';
import { FluidStore } from './FluidStore';

const settings = {
  pageSize: 100,
  timeoutSeconds: 60,
  initialBackoffMs: 5,
  maxBackoffMs: 20,
};

function twoClusters() {
  const east = new FakeKubernetesClient();
  const west = new FakeKubernetesClient();
  const clients: Record<string, FakeKubernetesClient> = { east, west };
  const store = new FluidStore({
    clusters: ['east', 'west'].map(name => ({
      name,
      title: `${name} (simulated)`,
      source: {
        type: 'config',
        server: `http://${name}`,
        skipTLSVerify: false,
      },
    })),
    createClient: async spec => clients[spec.name],
    settings,
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    logger: mockServices.logger.mock(),
  });
  return { east, west, store };
}

function seedLlama(client: FakeKubernetesClient) {
  client.put(
    PATHS.datasets,
    dataset('model-serving', 'llama-chat', { id: 'llama-chat' }),
  );
  client.put(PATHS.alluxio, alluxioRuntime('model-serving', 'llama-chat'));
  client.put(
    PATHS.dataloads,
    dataLoad('model-serving', 'llama-chat-warmup', 'llama-chat'),
  );
  client.put(PATHS.dataloads, dataLoad('model-serving', 'other-load', 'other'));
  client.put(
    PATHS.mxcache,
    modelCacheEntry(
      'model-serving',
      'llama-8b',
      'meta-llama/Llama-3.1-8B-Instruct',
    ),
  );
  client.put(
    PATHS.deployments,
    deployment('model-serving', 'llama-chat-mx', {
      id: 'llama-chat',
      claim: 'llama-chat',
    }),
  );
}

describe('FluidStore', () => {
  let store: FluidStore | undefined;
  afterEach(() => store?.stop());

  it('assembles a dataset from every watched type', async () => {
    const { east, west, store: s } = twoClusters();
    store = s;
    seedLlama(east);
    s.start();
    await eventually(() =>
      expect(s.clusters().map(c => c.state)).toEqual(['synced', 'synced']),
    );

    const llama = s.dataset('east', 'model-serving', 'llama-chat')!;
    expect(llama).toMatchObject({
      cluster: 'east',
      phase: 'Bound',
      runtime: {
        kind: 'AlluxioRuntime',
        workersReady: 2,
        workersDesired: 2,
        masterPhase: 'Ready',
      },
      cache: {
        capacityBytes: 4 * 1024 ** 3,
        hitRatio: 0.864,
        localHitRatio: 0.712,
        tiers: [
          {
            medium: 'MEM',
            quota: '2Gi',
            quotaBytes: 2 * 1024 ** 3,
            high: 0.95,
            low: 0.7,
          },
        ],
      },
      dataLoads: [
        { name: 'llama-chat-warmup', phase: 'Complete', durationSeconds: 182 },
      ],
      models: [
        { modelName: 'meta-llama/Llama-3.1-8B-Instruct', phase: 'Downloaded' },
      ],
      modelServers: [{ name: 'llama-chat-mx', replicasAvailable: 1 }],
      health: { status: 'healthy', reasons: [] },
    });
    expect(llama.lastSyncedAt).not.toBeNull();
    expect(s.clusters()).toEqual([
      expect.objectContaining({
        name: 'east',
        title: 'east (simulated)',
        runtimeKinds: ['AlluxioRuntime', 'JuiceFSRuntime'],
        datasets: 1,
        lastError: null,
      }),
      expect.objectContaining({ name: 'west', datasets: 0 }),
    ]);
    // Nothing about credentials leaves the store.
    expect(JSON.stringify(s.clusters())).not.toContain('http://east');
    expect(west.calls).toContain('discover data.fluid.io/v1alpha1');
  });

  it('finds an entity by annotation (with and without cluster) and by kubernetes-id', async () => {
    const { east, west, store: s } = twoClusters();
    store = s;
    seedLlama(east);
    seedLlama(west);
    west.put(PATHS.datasets, dataset('speech', 'whisper', { id: 'whisper' }));
    west.put(
      PATHS.datasets,
      dataset('other', 'whisper-copy', { id: 'whisper' }),
    );
    s.start();
    await eventually(() =>
      expect(s.clusters().every(c => c.state === 'synced')).toBe(true),
    );

    const names = (links: Parameters<FluidStore['entityDatasets']>[0]) =>
      s
        .entityDatasets(links)
        .datasets.map(d => `${d.cluster}:${d.namespace}/${d.name}`);

    expect(
      names({ datasets: [{ namespace: 'model-serving', name: 'llama-chat' }] }),
    ).toEqual([
      'east:model-serving/llama-chat',
      'west:model-serving/llama-chat',
    ]);
    expect(
      names({
        datasets: [
          { cluster: 'west', namespace: 'model-serving', name: 'llama-chat' },
        ],
      }),
    ).toEqual(['west:model-serving/llama-chat']);
    expect(names({ datasets: [], kubernetesId: 'whisper' })).toEqual([
      'west:other/whisper-copy',
      'west:speech/whisper',
    ]);
    expect(
      names({
        datasets: [],
        kubernetesId: 'whisper',
        kubernetesNamespace: 'speech',
      }),
    ).toEqual(['west:speech/whisper']);
    // Both links name the same dataset: it is listed once.
    expect(
      names({
        datasets: [{ namespace: 'model-serving', name: 'llama-chat' }],
        kubernetesId: 'llama-chat',
      }),
    ).toHaveLength(2);
  });

  it('follows changes: a dataset that fails turns unhealthy', async () => {
    const { east, store: s } = twoClusters();
    store = s;
    seedLlama(east);
    s.start();
    await eventually(() =>
      expect(
        s.dataset('east', 'model-serving', 'llama-chat')?.health.status,
      ).toBe('healthy'),
    );
    east.put(
      PATHS.datasets,
      dataset('model-serving', 'llama-chat', {
        id: 'llama-chat',
        phase: 'Failed',
      }),
    );
    await eventually(() =>
      expect(
        s.dataset('east', 'model-serving', 'llama-chat')?.health,
      ).toMatchObject({
        status: 'unhealthy',
        reasons: [{ code: 'DATASET_FAILED' }],
      }),
    );
    east.put(
      PATHS.alluxio,
      alluxioRuntime('model-serving', 'llama-chat', { workersReady: 1 }),
    );
    east.put(
      PATHS.datasets,
      dataset('model-serving', 'llama-chat', { id: 'llama-chat' }),
    );
    await eventually(() =>
      expect(
        s
          .dataset('east', 'model-serving', 'llama-chat')
          ?.health.reasons.map(r => r.code),
      ).toEqual(['WORKERS_PARTIALLY_READY']),
    );
  });

  it('keeps serving one cluster while the other is down, and lists the error', async () => {
    const { east, west, store: s } = twoClusters();
    store = s;
    seedLlama(east);
    seedLlama(west);
    west.failure = new Error('connect ECONNREFUSED 10.0.0.2:6443');
    s.start();
    await eventually(() => expect(s.clusters()[1].state).toBe('error'));

    const { datasets, errors } = s.entityDatasets({
      datasets: [{ namespace: 'model-serving', name: 'llama-chat' }],
    });
    expect(datasets.map(d => d.cluster)).toEqual(['east']);
    expect(errors).toEqual([
      { cluster: 'west', message: expect.stringContaining('ECONNREFUSED') },
    ]);
    // An entity pinned to the healthy cluster does not see the other's error.
    expect(
      s.entityDatasets({
        datasets: [
          { cluster: 'east', namespace: 'model-serving', name: 'llama-chat' },
        ],
      }).errors,
    ).toEqual([]);
  });

  it('says unknown, not healthy, when a synced cluster goes stale', async () => {
    const { east, store: s } = twoClusters();
    store = s;
    seedLlama(east);
    s.start();
    await eventually(() =>
      expect(
        s.dataset('east', 'model-serving', 'llama-chat')?.health.status,
      ).toBe('healthy'),
    );
    east.failure = new Error('connection reset by peer');
    east.dropWatches(new Error('connection reset by peer'));
    await eventually(() => expect(s.clusters()[0].state).toBe('error'));
    const later =
      Date.now() + (DEFAULT_HEALTH_THRESHOLDS.staleAfterSeconds + 1) * 1000;
    expect(
      s.dataset('east', 'model-serving', 'llama-chat', later)?.health,
    ).toMatchObject({
      status: 'unknown',
      reasons: [{ code: 'CLUSTER_NOT_SYNCED' }],
    });
  });

  it('reports a cluster without Fluid as an error', async () => {
    const { west, store: s } = twoClusters();
    store = s;
    west.resources = {};
    s.start();
    await eventually(() =>
      expect(s.clusters()[1]).toMatchObject({
        state: 'error',
        lastError: { message: expect.stringContaining('is Fluid installed?') },
      }),
    );
  });
});

import { startSimulator, Simulator } from '../simulator';
import { StoredObject } from '../store/store';
import { eventually } from '../__testUtils__';

jest.setTimeout(60_000);

const FLUID = 'data.fluid.io';

const objects = (namespace: string): StoredObject[] => [
  {
    apiVersion: `${FLUID}/v1alpha1`,
    kind: 'Dataset',
    metadata: { name: 'llama', namespace },
    spec: { mounts: [{ mountPoint: 's3://models/llama', name: 'llama' }] },
  },
  {
    apiVersion: `${FLUID}/v1alpha1`,
    kind: 'AlluxioRuntime',
    metadata: { name: 'llama', namespace },
    spec: {
      replicas: 2,
      tieredstore: {
        levels: [
          { mediumtype: 'MEM', path: '/dev/shm', quota: '2Gi' },
          { mediumtype: 'SSD', path: '/cache', quota: '6Gi' },
        ],
      },
    },
  },
  {
    apiVersion: `${FLUID}/v1alpha1`,
    kind: 'Dataset',
    metadata: { name: 'embed', namespace },
    spec: { mounts: [{ mountPoint: 'juicefs:///', name: 'minio' }] },
  },
  {
    apiVersion: `${FLUID}/v1alpha1`,
    kind: 'JuiceFSRuntime',
    metadata: { name: 'embed', namespace },
    spec: {
      replicas: 1,
      tieredstore: {
        levels: [{ mediumtype: 'SSD', path: '/cache', quota: '4Gi' }],
      },
    },
  },
  {
    apiVersion: `${FLUID}/v1alpha1`,
    kind: 'DataLoad',
    metadata: { name: 'llama-warmup', namespace },
    spec: { dataset: { name: 'llama', namespace } },
  },
  {
    apiVersion: 'modelexpress.nvidia.com/v1alpha1',
    kind: 'ModelCacheEntry',
    metadata: { name: 'llama-3-1-8b', namespace },
    spec: {
      modelName: 'meta-llama/Llama-3.1-8B-Instruct',
      provider: 'HuggingFace',
    },
  },
];

describe('simulated Fluid controller', () => {
  let simulator: Simulator;
  const get = (plural: string, name: string, group = FLUID) =>
    simulator.cluster.find(group, plural, 'models', name);
  const status = (plural: string, name: string, group = FLUID) =>
    get(plural, name, group)?.status;
  /** The controller's output must satisfy the CRD schema, like a real controller's. */
  const expectValid = (plural: string, name: string, group = FLUID) => {
    const type = simulator.cluster.registry.get(group, plural)!;
    expect(
      type.versions[0].validator!.validate(get(plural, name, group)!),
    ).toEqual([]);
  };

  beforeAll(async () => {
    simulator = await startSimulator({
      controller: { speed: 10 },
      objects: objects('models'),
    });
  });
  afterAll(() => simulator.stop());

  it('moves an Alluxio runtime through its phases and binds the Dataset', async () => {
    // Before the first workers are ready the Dataset is NotBound.
    expect(['NotBound', undefined]).toContain(
      status('datasets', 'llama')?.phase,
    );
    await eventually(() =>
      status('datasets', 'llama')?.phase === 'Bound' ? true : undefined,
    );
    const runtime = await eventually(() => {
      const s = status('alluxioruntimes', 'llama');
      return s?.workerNumberReady === 2 ? s : undefined;
    });
    expect(runtime).toMatchObject({
      valueFile: 'llama-alluxio-values',
      masterPhase: 'Ready',
      workerPhase: 'Ready',
      fusePhase: 'Ready',
      desiredWorkerNumberScheduled: 2,
      fuseNumberReady: 0,
      selector: 'app=alluxio,release=llama,role=alluxio-worker',
    });
    await eventually(() =>
      status('alluxioruntimes', 'llama')?.cacheStates?.cacheCapacity ===
      '16.00GiB'
        ? true
        : undefined,
    );
    expectValid('alluxioruntimes', 'llama');
    expectValid('datasets', 'llama');
    const dataset = status('datasets', 'llama')!;
    expect(dataset.hcfs.endpoint).toBe('alluxio://llama-master-0.models:19998');
    expect(dataset.runtimes).toEqual([
      {
        name: 'llama',
        namespace: 'models',
        category: 'Accelerate',
        type: 'alluxio',
      },
    ]);
    expect(
      get('alluxioruntimes', 'llama')!.metadata.ownerReferences[0],
    ).toMatchObject({ kind: 'Dataset', name: 'llama' });
    expect(
      simulator.cluster.find('', 'persistentvolumeclaims', 'models', 'llama')
        ?.status?.phase,
    ).toBe('Bound');
    expect(
      simulator.cluster.find('', 'persistentvolumes', undefined, 'models-llama')
        ?.spec.csi.driver,
    ).toBe('fuse.csi.fluid.io');
  });

  it('writes JuiceFS status without a master and without local/remote ratios', async () => {
    await eventually(() =>
      status('datasets', 'embed')?.phase === 'Bound' ? true : undefined,
    );
    const runtime = status('juicefsruntimes', 'embed')!;
    expect(runtime.masterPhase).toBe('');
    expect(runtime.desiredMasterNumberScheduled).toBe(0);
    expect(Object.keys(runtime.cacheStates).sort()).toEqual([
      'cacheCapacity',
      'cacheHitRatio',
      'cacheThroughputRatio',
      'cached',
      'cachedPercentage',
    ]);
    expect(runtime.cacheStates.cacheCapacity).toBe('4.00GiB');
    expect(status('datasets', 'embed')!.runtimes[0]).toMatchObject({
      type: 'juicefs',
      masterReplicas: 1,
    });
    expectValid('juicefsruntimes', 'embed');
  });

  it('runs a DataLoad to Complete and fills the cache', async () => {
    const phases = new Set<string>();
    const done = await eventually(() => {
      const s = status('dataloads', 'llama-warmup');
      if (s?.phase) phases.add(s.phase);
      return s?.phase === 'Complete' ? s : undefined;
    }, 20_000);
    expect(phases.has('Executing') || phases.has('Pending')).toBe(true);
    expect(done.duration).toMatch(/^(\d+m)?\d+s$/);
    expect(done.conditions[0]).toMatchObject({
      type: 'Complete',
      status: 'True',
    });
    expectValid('dataloads', 'llama-warmup');
    const cache = await eventually(() => {
      const s = status('datasets', 'llama');
      return s && s.cacheStates.cached !== '0.00B' && !s.operationRef
        ? s.cacheStates
        : undefined;
    });
    expect(cache.cached).toMatch(/^\d+\.\d{2}(B|KiB|MiB|GiB|TiB)$/);
    expect(cache.cacheHitRatio).toMatch(/^\d+\.\d%$/);
    expect(status('datasets', 'llama')!.ufsTotal).toMatch(/^\d+\.\d{2}GiB$/);
  });

  it('moves a ModelCacheEntry from Downloading to Downloaded', async () => {
    const entry = await eventually(() => {
      const s = status(
        'modelcacheentries',
        'llama-3-1-8b',
        'modelexpress.nvidia.com',
      );
      return s?.phase === 'Downloaded' ? s : undefined;
    });
    expect(entry.createdAt).toMatch(/Z$/);
    expectValid('modelcacheentries', 'llama-3-1-8b', 'modelexpress.nvidia.com');
  });

  it('degrades a runtime when a worker dies (scenario hook)', async () => {
    // Through the public scenario path: a second simulator with an event.
    const second = await startSimulator({
      controller: { speed: 10 },
      objects: objects('models'),
      events: [{ at: '1s', action: 'workerDown', dataset: 'models/llama' }],
    });
    try {
      await eventually(
        () => {
          const s = second.cluster.find(
            FLUID,
            'alluxioruntimes',
            'models',
            'llama',
          )?.status;
          return s?.workerPhase === 'PartialReady' && s.workerNumberReady === 1
            ? true
            : undefined;
        },
        20_000,
        'PartialReady',
      );
      const runtime = second.cluster.find(
        FLUID,
        'alluxioruntimes',
        'models',
        'llama',
      )!.status;
      expect(
        runtime.conditions.find(
          (c: { type: string }) => c.type === 'WorkersReady',
        ),
      ).toMatchObject({
        status: 'False',
        message: 'The workers are partially ready.',
      });
    } finally {
      await second.stop();
    }
  });

  it('leaves restored objects alone but removes Fluid finalizers on delete', async () => {
    const restored: StoredObject = {
      apiVersion: `${FLUID}/v1alpha1`,
      kind: 'Dataset',
      metadata: {
        name: 'restored',
        namespace: 'models',
        finalizers: ['fluid-dataset-controller-finalizer'],
      },
      spec: { mounts: [{ mountPoint: 's3://x/y', name: 'y' }] },
      status: { phase: 'Failed', conditions: [] },
    };
    simulator.load([restored]);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(status('datasets', 'restored')?.phase).toBe('Failed');
    const type = simulator.cluster.registry.get(FLUID, 'datasets')!;
    simulator.cluster.delete(type, 'models', 'restored');
    await eventually(
      () => (get('datasets', 'restored') ? undefined : true),
      5000,
      'the deletion',
    );
  });
});

import { Cluster } from './cluster';
import { bytesSize } from './controller/formats';
import { cacheStates, runtimeStatus } from './controller/fluidStatus';
import { timestamp } from './api/metadata';
import { StoredObject } from './store/store';

/** Synthetic scale: bound Datasets with ready runtimes across namespaces. */
export interface SyntheticOptions {
  /** Total number of Datasets (each with a same-named runtime). */
  datasets: number;
  /** Datasets per namespace (default 100). */
  perNamespace?: number;
  /** Namespace name prefix (default `synthetic`). */
  namespacePrefix?: string;
}

const GiB = 1024 ** 3;

/** The objects for dataset `index` (exported for the benchmark). */
export function syntheticObjects(
  index: number,
  namespace: string,
): StoredObject[] {
  const name = `dataset-${String(index).padStart(5, '0')}`;
  const engine = index % 3 === 2 ? 'juicefs' : 'alluxio';
  const kind = engine === 'juicefs' ? 'JuiceFSRuntime' : 'AlluxioRuntime';
  const replicas = 1 + (index % 3);
  const ufsBytes = (4 + (index % 40)) * GiB;
  const capacityBytes = replicas * 8 * GiB;
  const cached = Math.min(ufsBytes, capacityBytes) * ((index % 10) / 10);
  const hit = 0.4 + (index % 50) / 100;
  const states = cacheStates(engine, {
    capacityBytes,
    cachedBytes: cached,
    ufsBytes,
    hitRatio: hit,
    localShare: 0.8,
    throughputRatio: hit * 0.95,
  });
  const since = timestamp();
  const labels = {
    'backstage.io/kubernetes-id': name,
    'fluid.io/dataset-id': `${namespace}-${name}`,
  };
  const runtime: StoredObject = {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind,
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      tieredstore: {
        levels: [
          { mediumtype: 'MEM', path: '/dev/shm', quota: '8Gi', low: '0.1' },
        ],
      },
    },
  };
  runtime.status = runtimeStatus(runtime, engine, {
    masterReady: true,
    workersReady: replicas,
    fuses: index % 4 === 0 ? 1 : 0,
    setupDuration: '1m5s',
    mountTime: since,
    cacheStates: states,
    since,
  });
  const mountPoint =
    engine === 'juicefs' ? 'juicefs:///models' : `s3://models/${name}`;
  const dataset: StoredObject = {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name, namespace, labels },
    spec: { mounts: [{ mountPoint, name: 'models' }] },
    status: {
      phase: 'Bound',
      ufsTotal: bytesSize(ufsBytes),
      fileNum: String(10 + (index % 90)),
      cacheStates: states,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'DatasetReady',
          message: 'The ddc runtime is ready.',
          lastTransitionTime: since,
          lastUpdateTime: since,
        },
      ],
      mounts: [{ mountPoint, name: 'models' }],
      runtimes: [{ name, namespace, category: 'Accelerate', type: engine }],
    },
  };
  return [dataset, runtime];
}

export function addSyntheticDatasets(
  cluster: Cluster,
  options: SyntheticOptions,
): void {
  const perNamespace = options.perNamespace ?? 100;
  const prefix = options.namespacePrefix ?? 'synthetic';
  for (let index = 0; index < options.datasets; index++) {
    const namespace = `${prefix}-${String(
      Math.floor(index / perNamespace),
    ).padStart(3, '0')}`;
    for (const object of syntheticObjects(index, namespace))
      cluster.load(object);
  }
}

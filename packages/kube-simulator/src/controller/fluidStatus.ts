import { StoredObject } from '../store/store';
import { bytesSize, parseQuantity, percent } from './formats';

/**
 * The status objects Fluid's controllers write, as pure functions of the
 * simulated state. Field names, phases, condition reasons and messages follow
 * Fluid v1.0.8 (api/v1alpha1/status.go, pkg/ctrl/{master,worker,fuse}.go,
 * pkg/ddc/<engine>/{status,cache}.go, pkg/utils/dataset/volume/create.go); see
 * the notes in packages/crds/fluid/SOURCE.md.
 */

export const RUNTIME_KINDS: Record<string, string> = {
  AlluxioRuntime: 'alluxio',
  JuiceFSRuntime: 'juicefs',
  JindoRuntime: 'jindo',
  EFCRuntime: 'efc',
  GooseFSRuntime: 'goosefs',
  ThinRuntime: 'thin',
  VineyardRuntime: 'vineyard',
};

/** Engines without a master (`masterPhase: ""`, master counters 0). */
const MASTERLESS = new Set(['juicefs', 'thin']);

export function hasMaster(engine: string): boolean {
  return !MASTERLESS.has(engine);
}

/** Per-worker cache size: the sum of the tiers (JuiceFS uses only the first). */
export function quotaPerWorker(runtime: StoredObject, engine: string): number {
  const levels: Array<{ quota?: unknown; quotaList?: string }> =
    runtime.spec?.tieredstore?.levels ?? [];
  const used = engine === 'juicefs' ? levels.slice(0, 1) : levels;
  return used.reduce((sum, level) => {
    const quotas = level.quotaList
      ? level.quotaList.split(',')
      : [level.quota ?? 0];
    return sum + quotas.reduce((s: number, q) => s + parseQuantity(q), 0);
  }, 0);
}

/** `GetPhaseFromStatefulset`: Ready, PartialReady or NotReady. */
export function phaseOf(ready: number, desired: number): string {
  if (desired === 0 || ready >= desired) return 'Ready';
  return ready > 0 ? 'PartialReady' : 'NotReady';
}

export interface CacheNumbers {
  capacityBytes: number;
  cachedBytes: number;
  ufsBytes?: number;
  hitRatio: number;
  localShare: number;
  throughputRatio: number;
}

/** `status.cacheStates`; JuiceFS has no local/remote ratios. */
export function cacheStates(
  engine: string,
  numbers: CacheNumbers,
): Record<string, string> {
  const { capacityBytes, cachedBytes, ufsBytes, hitRatio, throughputRatio } =
    numbers;
  const states: Record<string, string> = {
    cacheCapacity: bytesSize(capacityBytes),
    cached: bytesSize(cachedBytes),
    cachedPercentage: percent(ufsBytes ? cachedBytes / ufsBytes : 0),
    cacheHitRatio: percent(hitRatio),
    cacheThroughputRatio: percent(throughputRatio),
  };
  if (engine !== 'juicefs') {
    states.localHitRatio = percent(hitRatio * numbers.localShare);
    states.remoteHitRatio = percent(hitRatio * (1 - numbers.localShare));
    states.localThroughputRatio = percent(throughputRatio * numbers.localShare);
    states.remoteThroughputRatio = percent(
      throughputRatio * (1 - numbers.localShare),
    );
  }
  return states;
}

const WORKER_MESSAGES: Record<string, string> = {
  Ready: 'The workers are ready.',
  PartialReady: 'The workers are partially ready.',
  NotReady: 'The workers are not ready.',
};

function masterPhase(engine: string, ready: boolean): string {
  if (!hasMaster(engine)) return '';
  return ready ? 'Ready' : 'NotReady';
}

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  since: string,
) {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    lastProbeTime: since,
    lastTransitionTime: since,
  };
}

export interface RuntimeNumbers {
  masterReady: boolean;
  workersReady: number;
  fuses: number;
  setupDuration?: string;
  mountTime?: string;
  cacheStates?: Record<string, string>;
  since: string;
}

export function runtimeStatus(
  runtime: StoredObject,
  engine: string,
  numbers: RuntimeNumbers,
): Record<string, unknown> {
  const name = runtime.metadata.name;
  const desired = Number(runtime.spec?.replicas ?? 0);
  const master = hasMaster(engine);
  const ready = Math.min(numbers.workersReady, desired);
  const workerPhase = phaseOf(ready, desired);
  const { since } = numbers;
  const conditions = [];
  if (master) {
    conditions.push(
      condition(
        'MasterInitialized',
        true,
        'Master is initialized',
        'The master is initialized.',
        since,
      ),
      condition(
        'MasterReady',
        numbers.masterReady,
        numbers.masterReady ? 'Master is ready' : 'Master is not ready',
        numbers.masterReady
          ? 'The master is ready.'
          : 'The master is not ready.',
        since,
      ),
    );
  }
  conditions.push(
    condition(
      'WorkersInitialized',
      true,
      'Workers are initialized',
      'The workers are initialized.',
      since,
    ),
    condition(
      'WorkersReady',
      workerPhase === 'Ready',
      workerPhase === 'Ready' ? 'Workers are ready' : 'Workers are not ready',
      WORKER_MESSAGES[workerPhase],
      since,
    ),
    condition(
      'FusesReady',
      true,
      'Fuses are ready',
      'The fuses are ready.',
      since,
    ),
  );
  return {
    valueFile: `${name}-${engine}-values`,
    masterPhase: masterPhase(engine, numbers.masterReady),
    workerPhase,
    fusePhase: 'Ready',
    fuseReason: 'Fuses are ready',
    desiredMasterNumberScheduled: master ? 1 : 0,
    currentMasterNumberScheduled: master ? 1 : 0,
    masterNumberReady: master && numbers.masterReady ? 1 : 0,
    desiredWorkerNumberScheduled: desired,
    currentWorkerNumberScheduled: desired,
    workerNumberReady: ready,
    workerNumberAvailable: ready,
    ...(desired > ready ? { workerNumberUnavailable: desired - ready } : {}),
    desiredFuseNumberScheduled: numbers.fuses,
    currentFuseNumberScheduled: numbers.fuses,
    fuseNumberReady: numbers.fuses,
    fuseNumberAvailable: numbers.fuses,
    ...(numbers.setupDuration ? { setupDuration: numbers.setupDuration } : {}),
    selector: `app=${engine},release=${name},role=${engine}-worker`,
    ...(numbers.mountTime && engine === 'alluxio'
      ? { mountTime: numbers.mountTime }
      : {}),
    ...(numbers.cacheStates ? { cacheStates: numbers.cacheStates } : {}),
    conditions,
  };
}

export function notBoundDatasetStatus(): Record<string, unknown> {
  return { phase: 'NotBound', conditions: [] };
}

export interface BoundDataset {
  engine: string;
  runtime: StoredObject;
  syncing: boolean;
  ufsBytes: number;
  fileNum: number;
  cacheStates: Record<string, string>;
  failed: boolean;
  since: string;
  operation?: string;
}

export function boundDatasetStatus(
  dataset: StoredObject,
  bound: BoundDataset,
): Record<string, unknown> {
  const { engine, runtime, since } = bound;
  const { name, namespace } = dataset.metadata;
  return {
    phase: bound.failed ? 'Failed' : 'Bound',
    ufsTotal: bound.syncing ? '[Calculating]' : bytesSize(bound.ufsBytes),
    fileNum: bound.syncing ? '[Calculating]' : String(bound.fileNum),
    cacheStates: bound.cacheStates,
    conditions: [
      {
        type: 'Ready',
        status: bound.failed ? 'False' : 'True',
        reason: bound.failed ? 'DatasetFailed' : 'DatasetReady',
        message: bound.failed
          ? 'The ddc runtime is not ready.'
          : 'The ddc runtime is ready.',
        lastTransitionTime: since,
        lastUpdateTime: since,
      },
    ],
    ...(engine === 'alluxio'
      ? {
          hcfs: {
            endpoint: `alluxio://${name}-master-0.${namespace}:19998`,
            underlayerFileSystemVersion: '3.3.0',
          },
        }
      : {}),
    mounts: dataset.spec?.mounts ?? [],
    runtimes: [
      {
        name: runtime.metadata.name,
        namespace,
        category: 'Accelerate',
        type: engine,
        ...(engine === 'juicefs'
          ? { masterReplicas: Number(runtime.spec?.replicas ?? 0) }
          : {}),
      },
    ],
    ...(bound.operation ? { operationRef: { DataLoad: bound.operation } } : {}),
  };
}

/** The PV and PVC Fluid creates for a bound Dataset. */
export function volumesFor(
  dataset: StoredObject,
  engine: string,
): StoredObject[] {
  const { name } = dataset.metadata;
  const namespace = dataset.metadata.namespace!;
  const accessModes = dataset.spec?.accessModes ?? ['ReadOnlyMany'];
  const storage =
    dataset.metadata.annotations?.['pvc.fluid.io/resources.requests.storage'] ??
    '100Pi';
  const labels = {
    [`fluid.io/s-${namespace}-${name}`]: 'true',
    'fluid.io/dataset-id': `${namespace}-${name}`,
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: `${namespace}-${name}`,
        labels,
        annotations: { CreatedBy: 'fluid' },
      },
      spec: {
        accessModes,
        capacity: { storage },
        csi: {
          driver: 'fuse.csi.fluid.io',
          volumeHandle: `${namespace}-${name}`,
          volumeAttributes: {
            fluid_path: `/runtime-mnt/${engine}/${namespace}/${name}/${engine}-fuse`,
            mount_type: engine === 'juicefs' ? 'JuiceFS' : 'fuse.alluxio-fuse',
            runtime_namespace: namespace,
            runtime_name: name,
          },
        },
        claimRef: { namespace, name },
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'fluid',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace, labels },
      spec: {
        accessModes,
        resources: { requests: { storage } },
        storageClassName: 'fluid',
        volumeMode: 'Filesystem',
        volumeName: `${namespace}-${name}`,
      },
      status: { phase: 'Bound', accessModes, capacity: { storage } },
    },
  ];
}

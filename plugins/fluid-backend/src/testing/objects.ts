import type { RawObject } from '../clusters/KubernetesClient';

// Builders of Fluid objects in the shapes and string formats Fluid writes
// (../shared/notes/fluid.md §4, §6, §8).

export const PATHS = {
  datasets: '/apis/data.fluid.io/v1alpha1/datasets',
  alluxio: '/apis/data.fluid.io/v1alpha1/alluxioruntimes',
  juicefs: '/apis/data.fluid.io/v1alpha1/juicefsruntimes',
  dataloads: '/apis/data.fluid.io/v1alpha1/dataloads',
  mxcache: '/apis/modelexpress.nvidia.com/v1alpha1/modelcacheentries',
  deployments: '/apis/apps/v1/deployments',
};

const ID = 'backstage.io/kubernetes-id';

export function dataset(
  namespace: string,
  name: string,
  options: {
    phase?: string;
    id?: string;
    createdAt?: string;
    cacheStates?: Record<string, string>;
  } = {},
): RawObject {
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'Dataset',
    metadata: {
      namespace,
      name,
      creationTimestamp: options.createdAt ?? '2026-11-29T10:00:00Z',
      labels: options.id ? { [ID]: options.id } : {},
    },
    spec: { mounts: [{ mountPoint: 'pvc://models', name }] },
    status: {
      phase: options.phase ?? 'Bound',
      ufsTotal: '1.92GiB',
      fileNum: '37',
      cacheStates: options.cacheStates ?? {
        cacheCapacity: '4.00GiB',
        cached: '1.92GiB',
        cachedPercentage: '100.0%',
        cacheHitRatio: '86.4%',
        localHitRatio: '71.2%',
        remoteHitRatio: '15.2%',
        cacheThroughputRatio: '92.5%',
      },
      runtimes: [{ name, namespace, category: 'Accelerate', type: 'alluxio' }],
      conditions: [],
    },
  };
}

// As Fluid derives it from the worker StatefulSet (pkg/ctrl/worker.go).
function workerPhase(ready: number, desired: number) {
  if (ready >= desired) return 'Ready';
  return ready > 0 ? 'PartialReady' : 'NotReady';
}

export function alluxioRuntime(
  namespace: string,
  name: string,
  options: {
    workersReady?: number;
    workersDesired?: number;
    workerPhase?: string;
  } = {},
): RawObject {
  const desired = options.workersDesired ?? 2;
  const ready = options.workersReady ?? desired;
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'AlluxioRuntime',
    metadata: { namespace, name },
    spec: {
      replicas: desired,
      tieredstore: {
        levels: [
          {
            mediumtype: 'MEM',
            path: '/dev/shm',
            quota: '2Gi',
            high: '0.95',
            low: '0.7',
          },
        ],
      },
    },
    status: {
      valueFile: `${name}-alluxio-values`,
      masterPhase: 'Ready',
      workerPhase: options.workerPhase ?? workerPhase(ready, desired),
      fusePhase: 'Ready',
      desiredMasterNumberScheduled: 1,
      currentMasterNumberScheduled: 1,
      masterNumberReady: 1,
      desiredWorkerNumberScheduled: desired,
      currentWorkerNumberScheduled: desired,
      workerNumberReady: ready,
      desiredFuseNumberScheduled: 0,
      currentFuseNumberScheduled: 0,
      fuseNumberReady: 0,
    },
  };
}

export function dataLoad(
  namespace: string,
  name: string,
  datasetName: string,
  phase = 'Complete',
): RawObject {
  return {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'DataLoad',
    metadata: { namespace, name, creationTimestamp: '2026-11-29T10:05:00Z' },
    spec: { dataset: { name: datasetName, namespace }, policy: 'Once' },
    status: {
      phase,
      duration: phase === 'Complete' ? '3m2s' : 'Unfinished',
      conditions: [],
    },
  };
}

export function modelCacheEntry(
  namespace: string,
  name: string,
  modelName: string,
  phase = 'Downloaded',
): RawObject {
  return {
    apiVersion: 'modelexpress.nvidia.com/v1alpha1',
    kind: 'ModelCacheEntry',
    metadata: { namespace, name },
    spec: { modelName, provider: 'HuggingFace' },
    status: { phase, lastUsedAt: '2026-11-29T11:00:00Z' },
  };
}

export function deployment(
  namespace: string,
  name: string,
  options: {
    id: string;
    claim?: string;
    available?: number;
    replicas?: number;
  },
): RawObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace, name, labels: { [ID]: options.id } },
    spec: {
      replicas: options.replicas ?? 1,
      template: {
        spec: {
          volumes: options.claim
            ? [
                {
                  name: 'model-cache',
                  persistentVolumeClaim: { claimName: options.claim },
                },
              ]
            : [],
        },
      },
    },
    status: { availableReplicas: options.available ?? 1 },
  };
}

/** Waits until `check` passes (the watchers work asynchronously). */
export async function eventually(
  check: () => void,
  timeoutMs = 2000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  }
}

// What the backend keeps of each watched object: the fields the API serves,
// parsed once. Whole objects (managedFields, spec templates, annotations) are
// dropped at the door, which is what keeps 10,000 datasets small in memory.
import {
  KUBERNETES_ID_LABEL,
  parseBytes,
  parseCount,
  parseGoDuration,
  parseQuantity,
  parseRatio,
  parseWatermark,
  RuntimePhase,
  RuntimeSummary,
  TierSummary,
} from '@internal/plugin-fluid-common';
import type { RawObject } from '../clusters/KubernetesClient';

/** A Dataset. */
export interface DatasetRecord {
  namespace: string;
  name: string;
  createdAt: string | null;
  kubernetesId?: string;
  phase: string;
  /** The runtime type Fluid bound, e.g. `alluxio` (status.runtimes[0].type). */
  runtimeType?: string;
  ufsTotalBytes: number | null;
  fileCount: number | null;
  capacityBytes: number | null;
  cachedBytes: number | null;
  cachedFraction: number | null;
  hitRatio: number | null;
  localHitRatio: number | null;
  remoteHitRatio: number | null;
  throughputRatio: number | null;
}

/** A Fluid runtime of any kind: what the API serves, plus where it is. */
export interface RuntimeRecord extends RuntimeSummary {
  namespace: string;
  name: string;
  tiers: TierSummary[];
}

/** A DataLoad. */
export interface DataLoadRecord {
  namespace: string;
  name: string;
  dataset: string;
  phase: string;
  policy: string | null;
  durationSeconds: number | null;
  createdAt: string | null;
}

/** A ModelExpress ModelCacheEntry. */
export interface ModelCacheEntryRecord {
  namespace: string;
  name: string;
  modelName: string;
  provider: string | null;
  phase: string;
  lastUsedAt: string | null;
  message: string | null;
  kubernetesId?: string;
}

/** A Deployment labelled backstage.io/kubernetes-id (a model server). */
export interface DeploymentRecord {
  namespace: string;
  name: string;
  kubernetesId?: string;
  /** PersistentVolumeClaims its pods mount: a Fluid PVC has the dataset's name. */
  claimNames: string[];
  replicasDesired: number;
  replicasAvailable: number;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const phase = (value: unknown): RuntimePhase | null =>
  value === '' ||
  value === 'NotReady' ||
  value === 'PartialReady' ||
  value === 'Ready'
    ? value
    : null;

function base(object: RawObject) {
  return {
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
  };
}

function kubernetesId(object: RawObject): { kubernetesId?: string } {
  const id = object.metadata?.labels?.[KUBERNETES_ID_LABEL];
  return id ? { kubernetesId: id } : {};
}

export function projectDataset(object: RawObject): DatasetRecord {
  const status = object.status ?? {};
  const states = status.cacheStates ?? {};
  return {
    ...base(object),
    ...kubernetesId(object),
    createdAt: object.metadata?.creationTimestamp ?? null,
    phase: str(status.phase) ?? '',
    runtimeType: str(status.runtimes?.[0]?.type) ?? undefined,
    ufsTotalBytes: parseBytes(status.ufsTotal),
    fileCount: parseCount(status.fileNum),
    capacityBytes: parseBytes(states.cacheCapacity),
    cachedBytes: parseBytes(states.cached),
    cachedFraction: parseRatio(states.cachedPercentage),
    hitRatio: parseRatio(states.cacheHitRatio),
    localHitRatio: parseRatio(states.localHitRatio),
    remoteHitRatio: parseRatio(states.remoteHitRatio),
    throughputRatio: parseRatio(states.cacheThroughputRatio),
  };
}

export function projectRuntime(object: RawObject, kind: string): RuntimeRecord {
  const status = object.status ?? {};
  const levels: any[] = object.spec?.tieredstore?.levels ?? [];
  return {
    ...base(object),
    kind,
    masterPhase: phase(status.masterPhase),
    workerPhase: phase(status.workerPhase),
    fusePhase: phase(status.fusePhase),
    mastersReady: num(status.masterNumberReady),
    mastersDesired: num(status.desiredMasterNumberScheduled),
    workersReady: num(status.workerNumberReady),
    workersDesired:
      num(status.desiredWorkerNumberScheduled) ?? num(object.spec?.replicas),
    fusesReady: num(status.fuseNumberReady),
    fusesDesired: num(status.desiredFuseNumberScheduled),
    tiers: levels.map(level => {
      const quota =
        typeof level?.quota === 'number'
          ? String(level.quota)
          : str(level?.quota);
      return {
        medium: str(level?.mediumtype) ?? '',
        path: str(level?.path) ?? '',
        quota,
        quotaBytes: parseQuantity(level?.quota),
        high: parseWatermark(level?.high),
        low: parseWatermark(level?.low),
      };
    }),
  };
}

export function projectDataLoad(object: RawObject): DataLoadRecord | undefined {
  const dataset = str(object.spec?.dataset?.name);
  if (!dataset) return undefined;
  return {
    ...base(object),
    dataset,
    phase: str(object.status?.phase) ?? '',
    policy: str(object.spec?.policy),
    durationSeconds: parseGoDuration(object.status?.duration),
    createdAt: object.metadata?.creationTimestamp ?? null,
  };
}

export function projectModelCacheEntry(
  object: RawObject,
): ModelCacheEntryRecord {
  const status = object.status ?? {};
  return {
    ...base(object),
    ...kubernetesId(object),
    modelName: str(object.spec?.modelName) ?? object.metadata?.name ?? '',
    provider: str(object.spec?.provider),
    phase: str(status.phase) ?? '',
    lastUsedAt: str(status.lastUsedAt),
    message: str(status.message),
  };
}

export function projectDeployment(object: RawObject): DeploymentRecord {
  const volumes: any[] = object.spec?.template?.spec?.volumes ?? [];
  return {
    ...base(object),
    ...kubernetesId(object),
    claimNames: volumes
      .map(volume => str(volume?.persistentVolumeClaim?.claimName))
      .filter((name): name is string => Boolean(name)),
    replicasDesired: num(object.spec?.replicas) ?? 1,
    replicasAvailable: num(object.status?.availableReplicas) ?? 0,
  };
}

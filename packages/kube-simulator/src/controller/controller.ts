import { timestamp } from '../api/metadata';
import { goDuration } from '../api/duration';
import { Cluster } from '../cluster';
import { StoreEvent, StoredObject } from '../store/store';
import { hashFraction } from './formats';
import {
  boundDatasetStatus,
  cacheStates,
  hasMaster,
  notBoundDatasetStatus,
  quotaPerWorker,
  RUNTIME_KINDS,
  runtimeStatus,
  volumesFor,
} from './fluidStatus';
import { WorkloadController } from './workloads';

/** Options of the simulated Fluid controller. */
export interface ControllerOptions {
  /** Runs the controller's clock faster (10: every step takes a tenth). */
  speed?: number;
  /** How often hit ratios drift, in milliseconds of simulated time (default 20 s). */
  driftEveryMs?: number;
}

/** Step durations in simulated milliseconds. */
const STEPS = {
  masterReady: 3000,
  workerEvery: 2000,
  metadataSync: 4000,
  dataLoadPending: 1500,
  dataLoadBytesPerMs: (400 * 1024 * 1024) / 1000,
  dataLoadMin: 5000,
  download: 6000,
};

const FLUID = 'data.fluid.io';
const MX = 'modelexpress.nvidia.com';
const DATASET_FINALIZER = 'fluid-dataset-controller-finalizer';
const DATALOAD_FINALIZER = 'fluid-dataload-controller-finalizer';

interface DatasetState {
  boundAt?: number;
  ufsBytes: number;
  fileNum: number;
  cachedBytes: number;
  hitRatio: number;
  localShare: number;
  throughputRatio: number;
  failed: boolean;
  operation?: string;
}

interface RuntimeState {
  created: number;
  workersDown: number;
  readyAt?: number;
}

interface LoadState {
  created: number;
  startedAt?: number;
  startCached?: number;
  targetBytes?: number;
  durationMs?: number;
}

type Ref = { group: string; plural: string; namespace?: string; name: string };

const refKey = (r: Ref) =>
  `${r.group}/${r.plural}|${r.namespace ?? ''}/${r.name}`;

/**
 * A simulated Fluid controller (plus the ModelExpress server's cache entries
 * and a minimal Deployment controller): it takes over objects that arrive
 * without a status and moves them through Fluid's phases over time. Objects
 * that come with a status (restored with `--objects`) are left as they are,
 * except that their Fluid finalizers are removed when they are deleted.
 */
export class FluidController {
  private readonly speed: number;
  private readonly driftEveryMs: number;
  private readonly managed = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly datasets = new Map<string, DatasetState>();
  private readonly runtimes = new Map<string, RuntimeState>();
  private readonly loads = new Map<string, LoadState>();
  private readonly due = new Map<string, { ref: Ref; at: number }>();
  private readonly workloads: WorkloadController;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly cluster: Cluster,
    options: ControllerOptions = {},
  ) {
    this.speed = options.speed ?? 1;
    this.driftEveryMs = options.driftEveryMs ?? 20_000;
    this.workloads = new WorkloadController(cluster, this.speed, ref =>
      this.enqueue(ref),
    );
  }

  start(): void {
    this.unsubscribe = this.cluster.store.onEvent((key, event) =>
      this.onEvent(key, event),
    );
    for (const type of this.cluster.registry.all()) {
      if (!this.interesting(type.group, type.plural)) continue;
      const bucket = this.cluster.store.bucket(`${type.group}/${type.plural}`);
      for (const entry of [...bucket.list()]) {
        this.onEvent(bucket.typeKey, { type: 'ADDED', entry });
      }
    }
    this.timers.push(setInterval(() => this.tick(), 100));
    this.timers.push(
      setInterval(() => this.drift(), this.driftEveryMs / this.speed),
    );
    this.timers.forEach(timer => timer.unref());
  }

  stop(): void {
    this.unsubscribe?.();
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  /** Scenario hooks: they change the simulated state, not just the status. */
  setWorkersDown(namespace: string, name: string, change: number): boolean {
    const runtime = this.runtimeOf(namespace, name);
    const state = runtime && this.runtimes.get(runtime.metadata.uid!);
    if (!runtime || !state) return false;
    state.workersDown = Math.max(0, state.workersDown + change);
    this.enqueueRuntime(runtime);
    return true;
  }

  setDatasetFailed(namespace: string, name: string, failed: boolean): boolean {
    const state = this.datasets.get(`${namespace}/${name}`);
    if (!state) return false;
    state.failed = failed;
    this.enqueue({ group: FLUID, plural: 'datasets', namespace, name });
    return true;
  }

  fillCache(namespace: string, name: string): boolean {
    const state = this.datasets.get(`${namespace}/${name}`);
    const runtime = this.runtimeOf(namespace, name);
    if (!state || !runtime) return false;
    const capacity = this.capacity(runtime);
    state.ufsBytes = Math.max(state.ufsBytes, Math.round(capacity * 1.5));
    state.cachedBytes = capacity;
    state.hitRatio = 0.45;
    state.throughputRatio = 0.4;
    this.enqueue({ group: FLUID, plural: 'datasets', namespace, name });
    this.enqueueRuntime(runtime);
    return true;
  }

  isManaged(uid: string | undefined): boolean {
    return !!uid && this.managed.has(uid);
  }

  private interesting(group: string, plural: string): boolean {
    return (
      (group === FLUID &&
        (plural === 'datasets' ||
          plural === 'dataloads' ||
          plural.endsWith('runtimes'))) ||
      (group === MX && plural === 'modelcacheentries') ||
      this.workloads.interesting(group, plural)
    );
  }

  private onEvent(typeKey: string, event: StoreEvent): void {
    const [group, plural] = typeKey.split('/');
    if (!this.interesting(group, plural)) return;
    const object = event.entry.object;
    const uid = object.metadata.uid!;
    if (event.type !== 'DELETED' && !this.seen.has(uid)) {
      this.seen.add(uid);
      const status = object.status;
      if (!status || Object.keys(status).length === 0) this.managed.add(uid);
    }
    const ref = {
      group,
      plural,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    };
    if (event.type === 'DELETED') {
      this.managed.delete(uid);
      this.seen.delete(uid);
      this.runtimes.delete(uid);
      this.loads.delete(uid);
    }
    this.enqueue(ref);
    if (group === FLUID && plural === 'datasets') {
      const runtime = this.runtimeOf(ref.namespace!, ref.name);
      if (runtime) this.enqueueRuntime(runtime);
    } else if (group === FLUID && plural.endsWith('runtimes')) {
      this.enqueue({
        group: FLUID,
        plural: 'datasets',
        namespace: ref.namespace,
        name: ref.name,
      });
    }
    this.workloads.onEvent(group, plural, event, ref);
  }

  enqueue(ref: Ref, delayMs = 0): void {
    const key = refKey(ref);
    const at = Date.now() + delayMs / this.speed;
    const existing = this.due.get(key);
    if (!existing || existing.at > at) this.due.set(key, { ref, at });
  }

  private enqueueRuntime(runtime: StoredObject): void {
    const type = this.cluster.registry.byKind(FLUID, runtime.kind);
    if (type) {
      this.enqueue({
        group: FLUID,
        plural: type.plural,
        namespace: runtime.metadata.namespace,
        name: runtime.metadata.name,
      });
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const [key, { ref, at }] of [...this.due]) {
      if (at > now) continue;
      this.due.delete(key);
      try {
        this.reconcile(ref);
      } catch (error) {
        // A failed step is retried; the simulator must keep running.
        process.stderr.write(
          `kube-simulator controller: ${refKey(ref)}: ${
            (error as Error).message
          }\n`,
        );
        this.enqueue(ref, 1000);
      }
    }
  }

  private reconcile(ref: Ref): void {
    const { group, plural } = ref;
    if (group === FLUID && plural === 'datasets') this.reconcileDataset(ref);
    else if (group === FLUID && plural === 'dataloads')
      this.reconcileDataLoad(ref);
    else if (group === FLUID && plural.endsWith('runtimes'))
      this.reconcileRuntime(ref);
    else if (group === MX) this.reconcileCacheEntry(ref);
    else this.workloads.reconcile(ref);
  }

  private runtimeOf(namespace: string, name: string): StoredObject | undefined {
    for (const plural of Object.values(RUNTIME_KINDS).map(
      e => `${e}runtimes`,
    )) {
      const runtime = this.cluster.find(FLUID, plural, namespace, name);
      if (runtime) return runtime;
    }
    return undefined;
  }

  private engineOf(runtime: StoredObject): string {
    return (
      RUNTIME_KINDS[runtime.kind] ??
      runtime.kind.replace(/Runtime$/, '').toLowerCase()
    );
  }

  /** Removes a finalizer once the object is being deleted. */
  private finalize(
    ref: Ref,
    object: StoredObject,
    finalizer: (f: string) => boolean,
  ): boolean {
    if (!object.metadata.deletionTimestamp) return false;
    this.cluster.mutate(ref.group, ref.plural, ref.namespace, ref.name, o => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter(
        (f: string) => !finalizer(f),
      );
    });
    return true;
  }

  private ensureFinalizer(ref: Ref, name: string): void {
    this.cluster.mutate(ref.group, ref.plural, ref.namespace, ref.name, o => {
      const finalizers: string[] = o.metadata.finalizers ?? [];
      if (!finalizers.includes(name))
        o.metadata.finalizers = [...finalizers, name];
    });
  }

  private capacity(runtime: StoredObject): number {
    const engine = this.engineOf(runtime);
    const state = this.runtimes.get(runtime.metadata.uid!);
    const ready = state
      ? this.workersReady(runtime, state)
      : Number(runtime.status?.workerNumberReady ?? 0);
    return quotaPerWorker(runtime, engine) * ready;
  }

  private workersReady(runtime: StoredObject, state: RuntimeState): number {
    const elapsed = (Date.now() - state.created) * this.speed;
    const master = hasMaster(this.engineOf(runtime));
    const start = master ? STEPS.masterReady : 0;
    const desired = Number(runtime.spec?.replicas ?? 0);
    const timeline =
      elapsed < start
        ? 0
        : Math.floor((elapsed - start) / STEPS.workerEvery) + 1;
    return Math.max(0, Math.min(desired, timeline) - state.workersDown);
  }

  private datasetState(namespace: string, name: string): DatasetState {
    const key = `${namespace}/${name}`;
    let state = this.datasets.get(key);
    if (!state) {
      const f = hashFraction(key);
      state = {
        ufsBytes: Math.round((2 + f * 30) * 1024 ** 3),
        fileNum: 8 + Math.floor(f * 60),
        cachedBytes: 0,
        hitRatio: 0,
        localShare: 0.7 + f * 0.2,
        throughputRatio: 0,
        failed: false,
      };
      this.datasets.set(key, state);
    }
    return state;
  }

  private cacheStatesFor(
    runtime: StoredObject,
    state: DatasetState | undefined,
  ) {
    const engine = this.engineOf(runtime);
    const capacity = this.capacity(runtime);
    return cacheStates(engine, {
      capacityBytes: capacity,
      cachedBytes: Math.min(state?.cachedBytes ?? 0, capacity),
      ufsBytes: state?.boundAt ? state.ufsBytes : undefined,
      hitRatio: state?.hitRatio ?? 0,
      localShare: state?.localShare ?? 0.8,
      throughputRatio: state?.throughputRatio ?? 0,
    });
  }

  private reconcileRuntime(ref: Ref): void {
    const runtime = this.cluster.find(
      ref.group,
      ref.plural,
      ref.namespace,
      ref.name,
    );
    if (!runtime) return;
    const engine = this.engineOf(runtime);
    if (
      this.finalize(ref, runtime, f =>
        f.endsWith('-runtime-controller-finalizer'),
      )
    ) {
      const dataset = this.cluster.find(
        FLUID,
        'datasets',
        ref.namespace,
        ref.name,
      );
      if (dataset && this.isManaged(dataset.metadata.uid)) {
        this.datasets.delete(`${ref.namespace}/${ref.name}`);
        this.cluster.mutate(FLUID, 'datasets', ref.namespace, ref.name, o => {
          o.status = notBoundDatasetStatus();
        });
      }
      return;
    }
    const uid = runtime.metadata.uid!;
    if (!this.managed.has(uid)) return;
    this.ensureFinalizer(ref, `${engine}-runtime-controller-finalizer`);
    let state = this.runtimes.get(uid);
    if (!state) {
      state = { created: Date.now(), workersDown: 0 };
      this.runtimes.set(uid, state);
    }
    const elapsed = (Date.now() - state.created) * this.speed;
    const masterReady = !hasMaster(engine) || elapsed >= STEPS.masterReady;
    const ready = this.workersReady(runtime, state);
    const desired = Number(runtime.spec?.replicas ?? 0);
    if (ready >= desired && masterReady && state.readyAt === undefined)
      state.readyAt = Date.now();
    const created =
      Date.parse(runtime.metadata.creationTimestamp ?? '') || state.created;
    const datasetState = this.datasets.get(`${ref.namespace}/${ref.name}`);
    const status = runtimeStatus(runtime, engine, {
      masterReady,
      workersReady: ready,
      fuses: this.workloads.fusesFor(ref.namespace!, ref.name),
      setupDuration: state.readyAt
        ? goDuration((state.readyAt - state.created) * this.speed)
        : undefined,
      mountTime: masterReady
        ? timestamp(new Date(created + STEPS.masterReady / this.speed))
        : undefined,
      cacheStates: this.cacheStatesFor(runtime, datasetState),
      since: timestamp(new Date(created)),
    });
    this.cluster.mutate(ref.group, ref.plural, ref.namespace, ref.name, o => {
      o.status = keepTimes(o.status, status);
    });
    if (!masterReady || ready < desired - state.workersDown) {
      const next = masterReady
        ? STEPS.workerEvery -
          ((elapsed - STEPS.masterReady) % STEPS.workerEvery)
        : STEPS.masterReady - elapsed;
      this.enqueue(ref, Math.max(50, next));
    }
    this.enqueue({
      group: FLUID,
      plural: 'datasets',
      namespace: ref.namespace,
      name: ref.name,
    });
  }

  private reconcileDataset(ref: Ref): void {
    const dataset = this.cluster.find(
      FLUID,
      'datasets',
      ref.namespace,
      ref.name,
    );
    if (!dataset) {
      this.datasets.delete(`${ref.namespace}/${ref.name}`);
      return;
    }
    if (this.finalize(ref, dataset, f => f === DATASET_FINALIZER)) {
      const id = `${ref.namespace}-${ref.name}`;
      for (const [plural, ns, name] of [
        ['persistentvolumeclaims', ref.namespace, ref.name],
        ['persistentvolumes', undefined, id],
      ] as const) {
        const type = this.cluster.registry.get('', plural);
        if (type && this.cluster.find('', plural, ns, name))
          this.cluster.delete(type, ns, name);
      }
      return;
    }
    if (!this.managed.has(dataset.metadata.uid!)) return;
    this.ensureFinalizer(ref, DATASET_FINALIZER);
    const runtime = this.runtimeOf(ref.namespace!, ref.name);
    const runtimeReady =
      runtime &&
      Number(runtime.status?.workerNumberReady ?? 0) > 0 &&
      (runtime.status?.masterPhase === 'Ready' ||
        runtime.status?.masterPhase === '');
    const state = this.datasetState(ref.namespace!, ref.name);
    if (!runtime || (!runtimeReady && !state.boundAt)) {
      state.boundAt = undefined;
      this.cluster.mutate(FLUID, 'datasets', ref.namespace, ref.name, o => {
        o.status = {
          ...notBoundDatasetStatus(),
          conditions: o.status?.conditions ?? [],
        };
      });
      return;
    }
    const engine = this.engineOf(runtime);
    if (!state.boundAt) {
      state.boundAt = Date.now();
      this.bindVolumes(dataset, runtime, engine);
    }
    const syncing =
      (Date.now() - state.boundAt) * this.speed < STEPS.metadataSync;
    const status = boundDatasetStatus(dataset, {
      engine,
      runtime,
      syncing,
      ufsBytes: state.ufsBytes,
      fileNum: state.fileNum,
      cacheStates: this.cacheStatesFor(
        runtime,
        syncing ? { ...state, boundAt: undefined } : state,
      ),
      failed: state.failed,
      since: timestamp(new Date(state.boundAt)),
      operation: state.operation,
    });
    this.cluster.mutate(FLUID, 'datasets', ref.namespace, ref.name, o => {
      o.status = status;
      o.metadata.labels = {
        ...o.metadata.labels,
        'fluid.io/dataset-id': `${ref.namespace}-${ref.name}`,
      };
    });
    if (syncing) this.enqueue(ref, STEPS.metadataSync);
    this.enqueueRuntime(runtime);
  }

  private bindVolumes(
    dataset: StoredObject,
    runtime: StoredObject,
    engine: string,
  ): void {
    const { namespace, name, uid } = dataset.metadata;
    for (const volume of volumesFor(dataset, engine)) {
      const plural =
        volume.kind === 'PersistentVolume'
          ? 'persistentvolumes'
          : 'persistentvolumeclaims';
      if (
        !this.cluster.find(
          '',
          plural,
          volume.metadata.namespace,
          volume.metadata.name,
        )
      ) {
        this.cluster.load(volume);
      }
    }
    const type = this.cluster.registry.byKind(FLUID, runtime.kind)!;
    this.cluster.mutate(FLUID, type.plural, namespace, name, o => {
      o.metadata.labels = {
        ...o.metadata.labels,
        'fluid.io/dataset-id': `${namespace}-${name}`,
      };
      const owners = (o.metadata.ownerReferences ?? []).filter(
        (r: { uid: string }) => r.uid !== uid,
      );
      o.metadata.ownerReferences = [
        ...owners,
        {
          apiVersion: `${FLUID}/v1alpha1`,
          kind: 'Dataset',
          name,
          uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ];
    });
  }

  private reconcileDataLoad(ref: Ref): void {
    const load = this.cluster.find(FLUID, 'dataloads', ref.namespace, ref.name);
    if (!load) return;
    if (this.finalize(ref, load, f => f === DATALOAD_FINALIZER)) return;
    const uid = load.metadata.uid!;
    if (!this.managed.has(uid)) return;
    this.ensureFinalizer(ref, DATALOAD_FINALIZER);
    let state = this.loads.get(uid);
    if (!state) {
      state = { created: Date.now() };
      this.loads.set(uid, state);
    }
    const now = Date.now();
    const datasetName = load.spec?.dataset?.name;
    const dataset = this.datasets.get(`${ref.namespace}/${datasetName}`);
    const runtime = datasetName
      ? this.runtimeOf(ref.namespace!, datasetName)
      : undefined;
    const setStatus = (status: Record<string, unknown>) =>
      this.cluster.mutate(FLUID, 'dataloads', ref.namespace, ref.name, o => {
        o.status = status;
      });
    if (load.status?.phase === 'Complete' || load.status?.phase === 'Failed')
      return;
    if (!state.startedAt) {
      const waited = (now - state.created) * this.speed;
      if (!dataset?.boundAt || !runtime || waited < STEPS.dataLoadPending) {
        setStatus({ phase: 'Pending', duration: 'Unfinished', conditions: [] });
        this.enqueue(ref, 500);
        return;
      }
      state.startedAt = now;
      state.startCached = dataset.cachedBytes;
      state.targetBytes = Math.min(dataset.ufsBytes, this.capacity(runtime));
      state.durationMs = Math.max(
        STEPS.dataLoadMin,
        (state.targetBytes - state.startCached) / STEPS.dataLoadBytesPerMs,
      );
      dataset.operation = ref.name;
      dataset.hitRatio ||= 0.55 + hashFraction(ref.name) * 0.35;
      dataset.throughputRatio ||= dataset.hitRatio * 0.95;
    }
    const progress = Math.min(
      1,
      ((now - state.startedAt) * this.speed) / state.durationMs!,
    );
    if (dataset) {
      // Workers that became ready meanwhile add room: aim at today's capacity.
      if (runtime) {
        state.targetBytes = Math.max(
          state.targetBytes!,
          Math.min(dataset.ufsBytes, this.capacity(runtime)),
        );
      }
      dataset.cachedBytes = Math.round(
        state.startCached! +
          (state.targetBytes! - state.startCached!) * progress,
      );
      this.enqueue({
        group: FLUID,
        plural: 'datasets',
        namespace: ref.namespace,
        name: datasetName,
      });
    }
    if (progress < 1) {
      setStatus({ phase: 'Executing', duration: 'Unfinished', conditions: [] });
      this.enqueue(ref, 1000);
      return;
    }
    if (dataset) dataset.operation = undefined;
    const done = timestamp();
    setStatus({
      phase: 'Complete',
      duration: goDuration((now - state.created) * this.speed),
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: done,
          lastTransitionTime: done,
        },
      ],
      lastSuccessfulTime: done,
      waitingFor: {},
    });
  }

  private reconcileCacheEntry(ref: Ref): void {
    const entry = this.cluster.find(
      MX,
      'modelcacheentries',
      ref.namespace,
      ref.name,
    );
    if (!entry || !this.managed.has(entry.metadata.uid!)) return;
    const created =
      Date.parse(entry.metadata.creationTimestamp ?? '') || Date.now();
    const elapsed = (Date.now() - created) * this.speed;
    if (entry.status?.phase === 'Downloaded' || entry.status?.phase === 'Error')
      return;
    const provider = entry.spec?.provider ?? 'HuggingFace';
    if (elapsed < STEPS.download) {
      this.cluster.mutate(
        MX,
        'modelcacheentries',
        ref.namespace,
        ref.name,
        o => {
          o.status = {
            phase: 'Downloading',
            createdAt: timestamp(new Date(created)),
            lastUsedAt: timestamp(new Date(created)),
            message: `Downloading ${entry.spec?.modelName} from ${provider}`,
            claimId: `modelexpress-server-${entry.metadata.uid!.slice(0, 8)}`,
            leaseExpiresAt: timestamp(new Date(Date.now() + 30_000)),
          };
        },
      );
      this.enqueue(ref, STEPS.download - elapsed + 50);
      return;
    }
    this.cluster.mutate(MX, 'modelcacheentries', ref.namespace, ref.name, o => {
      o.status = {
        phase: 'Downloaded',
        createdAt: timestamp(new Date(created)),
        lastUsedAt: timestamp(),
        message: 'Model downloaded',
      };
    });
  }

  /** Hit ratios wander; running workloads read more of the dataset into the cache. */
  private drift(): void {
    for (const [key, state] of this.datasets) {
      if (!state.boundAt || state.failed) continue;
      const [namespace, name] = key.split('/');
      const runtime = this.runtimeOf(namespace, name);
      if (!runtime) continue;
      if (this.workloads.fusesFor(namespace, name) > 0 && !state.operation) {
        const limit = Math.min(state.ufsBytes, this.capacity(runtime));
        state.cachedBytes = Math.min(
          limit,
          state.cachedBytes + state.ufsBytes * 0.05,
        );
        state.hitRatio ||= 0.5;
      }
      if (state.cachedBytes > 0) {
        const step = (Math.random() - 0.5) * 0.06;
        state.hitRatio = Math.min(0.97, Math.max(0.3, state.hitRatio + step));
        state.throughputRatio = Math.min(
          0.99,
          Math.max(0.25, state.hitRatio * (0.9 + Math.random() * 0.1)),
        );
      }
      this.enqueue({ group: FLUID, plural: 'datasets', namespace, name });
    }
  }
}

/** Keeps condition timestamps of unchanged conditions (as Fluid does). */
function keepTimes(previous: any, next: any): any {
  const old: any[] = previous?.conditions ?? [];
  next.conditions = (next.conditions as any[]).map(condition => {
    const before = old.find(c => c.type === condition.type);
    if (!before) return condition;
    if (before.status === condition.status) {
      return {
        ...condition,
        lastProbeTime: before.lastProbeTime,
        lastTransitionTime: before.lastTransitionTime,
      };
    }
    const now = timestamp();
    return { ...condition, lastProbeTime: now, lastTransitionTime: now };
  });
  return next;
}

import { z } from 'zod';
import { Cluster } from '../cluster';
import type { FluidController } from '../controller/controller';
import { bytesSize, parseBytesSize, percent } from '../controller/formats';
import { phaseOf, RUNTIME_KINDS } from '../controller/fluidStatus';
import { FaultPatch, faultPatchSchema } from '../faults';
import { mergePatch } from '../api/patch';
import { StoredObject } from '../store/store';

/**
 * Timed scenario events: things that happen to a simulated cluster
 * (a worker dies, a dataset fails, the cache fills up, faults change…).
 */
const duration = z.union([
  z.number().int().min(0),
  z
    .string()
    .regex(
      /^\d+(ms|s|m|h)$/,
      'must be a duration such as 500ms, 30s, 2m or 1h',
    ),
]);
const datasetRef = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, 'must be <namespace>/<name>');
const objectRef = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    namespace: z.string().optional(),
    name: z.string(),
  })
  .strict();
const timing = { at: duration, every: duration.optional() };

export const scenarioEventSchema = z.discriminatedUnion('action', [
  z
    .object({
      ...timing,
      action: z.literal('workerDown'),
      dataset: datasetRef,
      count: z.number().int().min(1).default(1),
    })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('workerUp'),
      dataset: datasetRef,
      count: z.number().int().min(1).default(1),
    })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('datasetFailed'),
      dataset: datasetRef,
    })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('datasetRecovered'),
      dataset: datasetRef,
    })
    .strict(),
  z
    .object({ ...timing, action: z.literal('cacheFull'), dataset: datasetRef })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('apply'),
      objects: z.array(z.record(z.string(), z.unknown())).min(1),
    })
    .strict(),
  z
    .object({ ...timing, action: z.literal('delete'), target: objectRef })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('patchStatus'),
      target: objectRef,
      status: z.record(z.string(), z.unknown()),
    })
    .strict(),
  z
    .object({
      ...timing,
      action: z.literal('faults'),
      faults: faultPatchSchema,
    })
    .strict(),
  z.object({ ...timing, action: z.literal('restart') }).strict(),
  z.object({ ...timing, action: z.literal('dropWatches') }).strict(),
  z.object({ ...timing, action: z.literal('expireResourceVersions') }).strict(),
]);

export type ScenarioEvent = z.input<typeof scenarioEventSchema>;
type ParsedEvent = z.output<typeof scenarioEventSchema>;

export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(ms|s|m|h)$/.exec(value)!;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}

export interface ScenarioHooks {
  controller?: FluidController;
  setFaults: (patch: FaultPatch) => void;
  restart: () => Promise<void>;
  dropWatches: () => void;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export class ScenarioRunner {
  private timers: NodeJS.Timeout[] = [];
  private readonly events: ParsedEvent[];

  constructor(
    private readonly cluster: Cluster,
    events: ScenarioEvent[],
    private readonly hooks: ScenarioHooks,
  ) {
    this.events = events.map(event => scenarioEventSchema.parse(event));
  }

  start(): void {
    for (const event of this.events) {
      const run = () => {
        try {
          this.run(event);
        } catch (error) {
          process.stderr.write(
            `kube-simulator scenario: ${event.action}: ${
              (error as Error).message
            }\n`,
          );
        }
      };
      const first = setTimeout(() => {
        run();
        if (event.every !== undefined) {
          this.timers.push(
            setInterval(run, Math.max(1, durationMs(event.every))),
          );
        }
      }, durationMs(event.at));
      this.timers.push(first);
    }
  }

  stop(): void {
    this.timers.forEach(timer => clearTimeout(timer));
    this.timers.forEach(timer => clearInterval(timer));
    this.timers = [];
  }

  /**
   * Validates and runs one event now, ignoring its timing. Throws with the
   * field path when the event is invalid.
   */
  runNow(event: unknown): void {
    const parsed = scenarioEventSchema.safeParse({
      at: 0,
      ...(event as object),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue.path.join('.') || 'event'}: ${issue.message}`);
    }
    this.run(parsed.data);
  }

  /** Runs one event now. */
  run(event: ParsedEvent): void {
    const { controller } = this.hooks;
    switch (event.action) {
      case 'workerDown':
      case 'workerUp': {
        const [namespace, name] = event.dataset.split('/');
        const change =
          event.action === 'workerDown' ? event.count : -event.count;
        if (!controller?.setWorkersDown(namespace, name, change)) {
          this.changeWorkers(namespace, name, -change);
        }
        return;
      }
      case 'datasetFailed':
      case 'datasetRecovered': {
        const [namespace, name] = event.dataset.split('/');
        const failed = event.action === 'datasetFailed';
        if (!controller?.setDatasetFailed(namespace, name, failed)) {
          this.cluster.mutate(
            'data.fluid.io',
            'datasets',
            namespace,
            name,
            o => {
              o.status = {
                conditions: [],
                ...o.status,
                phase: failed ? 'Failed' : 'Bound',
              };
            },
          );
        }
        return;
      }
      case 'cacheFull': {
        const [namespace, name] = event.dataset.split('/');
        if (!controller?.fillCache(namespace, name))
          this.fillCache(namespace, name);
        return;
      }
      case 'apply':
        for (const object of event.objects)
          this.cluster.load(object as unknown as StoredObject);
        return;
      case 'delete': {
        const type = this.typeOf(event.target);
        this.cluster.delete(type, event.target.namespace, event.target.name);
        return;
      }
      case 'patchStatus': {
        const type = this.typeOf(event.target);
        this.cluster.mutate(
          type.group,
          type.plural,
          event.target.namespace,
          event.target.name,
          o => {
            o.status = mergePatch(o.status ?? {}, event.status);
          },
        );
        return;
      }
      case 'faults':
        this.hooks.setFaults(event.faults);
        return;
      case 'restart':
        void this.hooks.restart();
        return;
      case 'dropWatches':
        this.hooks.dropWatches();
        return;
      default:
        this.cluster.store.compact();
    }
  }

  private typeOf(target: { apiVersion: string; kind: string }) {
    const type = this.cluster.registry.byKind(
      groupOf(target.apiVersion),
      target.kind,
    );
    if (!type) {
      throw new Error(
        `no resource type for ${target.apiVersion} ${target.kind}`,
      );
    }
    return type;
  }

  private runtimes(
    namespace: string,
    name: string,
  ): Array<{ plural: string; object: StoredObject }> {
    return Object.values(RUNTIME_KINDS)
      .map(engine => `${engine}runtimes`)
      .map(plural => ({
        plural,
        object: this.cluster.find('data.fluid.io', plural, namespace, name),
      }))
      .filter((r): r is { plural: string; object: StoredObject } => !!r.object);
  }

  /** Without the controller: edits the restored status directly. */
  private changeWorkers(namespace: string, name: string, change: number): void {
    for (const { plural, object } of this.runtimes(namespace, name)) {
      const desired = Number(
        object.spec?.replicas ??
          object.status?.desiredWorkerNumberScheduled ??
          0,
      );
      const before = Number(object.status?.workerNumberReady ?? 0);
      const ready = Math.max(0, Math.min(desired, before + change));
      const capacity = parseBytesSize(
        object.status?.cacheStates?.cacheCapacity,
      );
      const cacheCapacity =
        capacity !== undefined && before > 0
          ? bytesSize((capacity / before) * ready)
          : undefined;
      const updated = this.cluster.mutate(
        'data.fluid.io',
        plural,
        namespace,
        name,
        o => {
          const phase = phaseOf(ready, desired);
          o.status = {
            ...o.status,
            workerNumberReady: ready,
            workerNumberAvailable: ready,
            workerPhase: phase,
            ...(cacheCapacity
              ? { cacheStates: { ...o.status?.cacheStates, cacheCapacity } }
              : {}),
          };
          if (desired > ready)
            o.status.workerNumberUnavailable = desired - ready;
          else delete o.status.workerNumberUnavailable;
        },
      );
      if (updated?.status?.cacheStates)
        this.copyCacheStates(namespace, name, updated.status.cacheStates);
    }
  }

  private fillCache(namespace: string, name: string): void {
    for (const { plural, object } of this.runtimes(namespace, name)) {
      const capacity = object.status?.cacheStates?.cacheCapacity;
      const dataset = this.cluster.find(
        'data.fluid.io',
        'datasets',
        namespace,
        name,
      );
      const ufs = parseBytesSize(dataset?.status?.ufsTotal);
      const capacityBytes = parseBytesSize(capacity) ?? 0;
      const updated = this.cluster.mutate(
        'data.fluid.io',
        plural,
        namespace,
        name,
        o => {
          o.status = {
            ...o.status,
            cacheStates: {
              ...o.status?.cacheStates,
              cached: capacity ?? '0.00B',
              cachedPercentage: percent(ufs ? capacityBytes / ufs : 1),
              cacheHitRatio: '45.0%',
            },
          };
        },
      );
      if (updated?.status?.cacheStates)
        this.copyCacheStates(namespace, name, updated.status.cacheStates);
    }
  }

  private copyCacheStates(
    namespace: string,
    name: string,
    states: Record<string, string>,
  ): void {
    this.cluster.mutate('data.fluid.io', 'datasets', namespace, name, o => {
      if (o.status) o.status.cacheStates = { ...states };
    });
  }
}

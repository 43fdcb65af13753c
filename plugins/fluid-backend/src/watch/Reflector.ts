import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesApiError,
  KubernetesClient,
  RawObject,
} from '../clusters/KubernetesClient';
import { Sleeper } from './Sleeper';

/** Timing of list + watch. */
export interface WatchSettings {
  pageSize: number;
  timeoutSeconds: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** Where a reflector is in its list → watch cycle. */
export type ReflectorState = 'listing' | 'watching' | 'backoff' | 'stopped';

/** What a {@link Reflector} watches and keeps. */
export interface ReflectorOptions<T> {
  client: KubernetesClient;
  /** e.g. `/apis/data.fluid.io/v1alpha1/datasets` (all namespaces). */
  path: string;
  labelSelector?: string;
  /** The compact record to keep; undefined drops the object. */
  project: (object: RawObject) => T | undefined;
  /** A secondary index key (e.g. a label value), for fast lookups. */
  indexBy?: (item: T) => string | undefined;
  settings: WatchSettings;
  logger: LoggerService;
  onChange: () => void;
}

/**
 * Keeps a projection of every object of one resource type in one cluster, fed
 * by a paginated list and then a watch from the list's resourceVersion:
 * the informer pattern, storing only what the API needs.
 *
 * - 410 Gone (compacted resourceVersion, expired continue token) → relist.
 * - Any other failure → retry after an exponential backoff; the watch resumes
 *   from the last resourceVersion it saw.
 * - A watch the server ends (timeoutSeconds) is resumed at once.
 */
export class Reflector<T> {
  readonly items = new Map<string, T>();
  private readonly index = new Map<string, Set<string>>();
  private readonly indexKeys = new Map<string, string>();
  private resourceVersion = '';
  private stateValue: ReflectorState = 'stopped';
  private lastCurrentAt: number | undefined;
  private lastErrorValue: { message: string; at: number } | undefined;
  private abortWatch: (() => void) | undefined;
  private readonly sleeper = new Sleeper();
  private running: Promise<void> | undefined;

  private readonly options: ReflectorOptions<T>;

  constructor(options: ReflectorOptions<T>) {
    this.options = options;
  }

  get state(): ReflectorState {
    return this.stateValue;
  }

  get lastError() {
    return this.lastErrorValue;
  }

  /**
   * When this reflector last had a current picture: now while its watch is
   * open, else the moment it lost it. Undefined until the first list.
   */
  currentAt(now: number): number | undefined {
    return this.stateValue === 'watching' ? now : this.lastCurrentAt;
  }

  /** Keys of the items whose index key is `key`. */
  lookup(key: string): T[] {
    const keys = this.index.get(key);
    if (!keys) return [];
    return [...keys].map(k => this.items.get(k)!).filter(Boolean);
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.stateValue = 'listing';
    this.running = this.run();
  }

  async stop(): Promise<void> {
    // A flag of its own: the loop sets stateValue as it goes.
    this.stopped = true;
    this.abortWatch?.();
    this.sleeper.wake();
    await this.running;
    this.running = undefined;
    this.stateValue = 'stopped';
  }

  private stopped = false;

  private async run(): Promise<void> {
    let backoff = this.options.settings.initialBackoffMs;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        await this.watchOnce();
        backoff = this.options.settings.initialBackoffMs;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof KubernetesApiError && error.statusCode === 410) {
          this.options.logger.info(
            `${this.options.path}: ${error.message}; relisting`,
          );
          this.resourceVersion = '';
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        this.lastErrorValue = { message, at: Date.now() };
        this.options.logger.warn(
          `${this.options.path}: ${message}; retrying in ${backoff} ms`,
        );
        this.stateValue = 'backoff';
        this.options.onChange();
        await this.sleeper.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.settings.maxBackoffMs);
      }
    }
  }

  private async relist(): Promise<void> {
    this.stateValue = 'listing';
    const { client, path, labelSelector, settings } = this.options;
    const fresh = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await client.list(path, {
        limit: settings.pageSize,
        continueToken,
        labelSelector,
      });
      for (const object of page.items) this.put(fresh, object);
      continueToken = page.continueToken;
      resourceVersion = page.resourceVersion;
    } while (continueToken && !this.stopped);
    if (this.stopped) return;

    this.items.clear();
    this.index.clear();
    this.indexKeys.clear();
    for (const [key, item] of fresh) this.set(key, item);
    this.resourceVersion = resourceVersion;
    this.lastCurrentAt = Date.now();
    this.lastErrorValue = undefined;
    this.options.onChange();
  }

  private watchOnce(): Promise<void> {
    const { client, path, labelSelector, settings } = this.options;
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      let handle: { abort(): void } | undefined;
      const finish = (error: Error | null) => {
        if (finished) return;
        finished = true;
        this.abortWatch = undefined;
        // Close the stream whatever ended the watch (an in-stream 410, stop()).
        handle?.abort();
        if (this.stateValue === 'watching') {
          this.stateValue = 'listing';
          this.lastCurrentAt = Date.now();
        }
        if (error) reject(error);
        else resolve();
      };
      // Until the response headers arrive there is no handle yet; stop()
      // still ends this attempt at once and the late handle is aborted.
      this.abortWatch = () => finish(null);
      client
        .watch(
          path,
          {
            resourceVersion: this.resourceVersion,
            labelSelector,
            timeoutSeconds: settings.timeoutSeconds,
          },
          (type, object) => {
            if (finished) return;
            if (type === 'ERROR') {
              // The API server reports an expired resourceVersion inside a
              // 200 stream as a Status object with code 410.
              const code = object?.code ?? 500;
              finish(
                new KubernetesApiError(
                  code,
                  `watch ${path}: ${object?.message ?? 'error'}`,
                ),
              );
              return;
            }
            this.apply(type, object);
          },
          error => finish(error),
        )
        .then(h => {
          handle = h;
          if (finished) {
            h.abort();
            return;
          }
          this.stateValue = 'watching';
          this.lastErrorValue = undefined;
          this.options.onChange();
          if (this.stopped) finish(null);
        }, finish);
    });
  }

  private apply(type: string, object: RawObject): void {
    const version = object?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    if (type === 'BOOKMARK') return;
    const key = keyOf(object);
    if (!key) return;
    if (type === 'DELETED') {
      this.delete(key);
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const item = this.options.project(object);
      if (item === undefined) this.delete(key);
      else this.set(key, item);
    } else {
      return;
    }
    this.options.onChange();
  }

  private put(target: Map<string, T>, object: RawObject) {
    const key = keyOf(object);
    const item = key ? this.options.project(object) : undefined;
    if (key && item !== undefined) target.set(key, item);
  }

  private set(key: string, item: T) {
    this.unindex(key);
    this.items.set(key, item);
    const indexKey = this.options.indexBy?.(item);
    if (indexKey !== undefined) {
      this.indexKeys.set(key, indexKey);
      let keys = this.index.get(indexKey);
      if (!keys) this.index.set(indexKey, (keys = new Set()));
      keys.add(key);
    }
  }

  private delete(key: string) {
    this.unindex(key);
    this.items.delete(key);
  }

  private unindex(key: string) {
    const old = this.indexKeys.get(key);
    if (old === undefined) return;
    this.indexKeys.delete(key);
    const keys = this.index.get(old);
    keys?.delete(key);
    if (keys?.size === 0) this.index.delete(old);
  }
}

/** `<namespace>/<name>`, the key of every store. */
export function keyOf(object: RawObject): string | undefined {
  const name = object?.metadata?.name;
  if (!name) return undefined;
  return `${object.metadata?.namespace ?? ''}/${name}`;
}

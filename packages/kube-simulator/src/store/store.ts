/**
 * The simulator's etcd: objects per resource type, indexed by namespace, one
 * cluster-wide resourceVersion counter, and a bounded event history per type
 * from which watches resume (older versions answer 410 Gone, as after an etcd
 * compaction).
 */

export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: any;
  };
  [key: string]: any;
}

/** An object as stored: never mutated; `json` is its serialised form. */
export interface Entry {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly rv: number;
  readonly object: StoredObject;
  readonly json: string;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: EventType;
  readonly entry: Entry;
  /** The entry before a MODIFIED or DELETED event. */
  readonly previous?: Entry;
}

export type Watcher = (event: StoreEvent) => void;

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Byte order, as etcd sorts keys. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** All objects of one resource type. */
export class Bucket {
  readonly entries = new Map<string, Entry>();
  private readonly namespaces = new Map<string, Map<string, Entry>>();
  private sorted?: Entry[];
  private history: StoreEvent[] = [];
  /** Every event after this version is still in `history`. */
  private floor: number;
  readonly watchers = new Set<Watcher>();

  constructor(readonly typeKey: string, private readonly historyLimit: number) {
    // A new bucket has missed no event of its type.
    this.floor = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** Entries sorted by key (etcd order), optionally of one namespace. */
  list(namespace?: string): Entry[] {
    if (!this.sorted) {
      this.sorted = [...this.entries.values()].sort((a, b) =>
        compareStrings(a.key, b.key),
      );
    }
    if (namespace === undefined) return this.sorted;
    const inNamespace = this.namespaces.get(namespace);
    if (!inNamespace) return [];
    return [...inNamespace.values()].sort((a, b) =>
      compareStrings(a.name, b.name),
    );
  }

  countIn(namespace: string): number {
    return this.namespaces.get(namespace)?.size ?? 0;
  }

  apply(event: StoreEvent): void {
    const { entry } = event;
    if (event.type === 'DELETED') {
      this.entries.delete(entry.key);
      this.namespaces.get(entry.namespace)?.delete(entry.name);
    } else {
      this.entries.set(entry.key, entry);
      let inNamespace = this.namespaces.get(entry.namespace);
      if (!inNamespace) {
        inNamespace = new Map();
        this.namespaces.set(entry.namespace, inNamespace);
      }
      inNamespace.set(entry.name, entry);
    }
    if (event.type !== 'MODIFIED') this.sorted = undefined;
    else if (this.sorted) {
      // Same key, same place: swap the entry in the sorted cache.
      const index = this.binarySearch(entry.key);
      if (index >= 0) this.sorted[index] = entry;
    }
    this.history.push(event);
    if (this.history.length > this.historyLimit * 2) {
      const dropped = this.history.splice(
        0,
        this.history.length - this.historyLimit,
      );
      this.floor = dropped[dropped.length - 1].entry.rv;
    }
    for (const watcher of [...this.watchers]) watcher(event);
  }

  private binarySearch(key: string): number {
    const sorted = this.sorted!;
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const midKey = sorted[mid].key;
      if (midKey === key) return mid;
      if (midKey < key) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** Events after `rv`, or `undefined` when they were compacted away. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.floor) return undefined;
    let low = 0;
    let high = this.history.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.history[mid].entry.rv <= rv) low = mid + 1;
      else high = mid;
    }
    return this.history.slice(low);
  }

  get oldestRv(): number {
    return this.floor;
  }

  compact(rv: number): void {
    this.history = this.history.filter(event => event.entry.rv > rv);
    this.floor = Math.max(this.floor, rv);
  }
}

export class ObjectStore {
  private revision = 0;
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners = new Set<
    (typeKey: string, e: StoreEvent) => void
  >();

  constructor(private readonly historyLimit = 10_000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  bucket(typeKey: string): Bucket {
    let bucket = this.buckets.get(typeKey);
    if (!bucket) {
      bucket = new Bucket(typeKey, this.historyLimit);
      this.buckets.set(typeKey, bucket);
    }
    return bucket;
  }

  get(typeKey: string, key: string): Entry | undefined {
    return this.buckets.get(typeKey)?.get(key);
  }

  /** Stores `object` at the next resourceVersion and tells the watchers. */
  put(typeKey: string, object: StoredObject): Entry {
    const bucket = this.bucket(typeKey);
    const rv = ++this.revision;
    object.metadata.resourceVersion = String(rv);
    const namespace = object.metadata.namespace ?? '';
    const key = objectKey(namespace, object.metadata.name);
    const entry: Entry = {
      key,
      namespace,
      name: object.metadata.name,
      rv,
      object,
      json: JSON.stringify(object),
    };
    const previous = bucket.get(key);
    this.emit(bucket, {
      type: previous ? 'MODIFIED' : 'ADDED',
      entry,
      previous,
    });
    return entry;
  }

  /** Removes an object; the DELETED event carries the deletion's version. */
  remove(typeKey: string, key: string): Entry | undefined {
    const bucket = this.buckets.get(typeKey);
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    const rv = ++this.revision;
    const object: StoredObject = JSON.parse(previous.json);
    object.metadata.resourceVersion = String(rv);
    const entry: Entry = {
      ...previous,
      rv,
      object,
      json: JSON.stringify(object),
    };
    this.emit(bucket, { type: 'DELETED', entry, previous });
    return entry;
  }

  dropType(typeKey: string): void {
    this.buckets.delete(typeKey);
  }

  /** Forgets every event so far: watches from older versions get 410. */
  compact(): void {
    for (const bucket of this.buckets.values()) bucket.compact(this.revision);
  }

  onEvent(listener: (typeKey: string, event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(bucket: Bucket, event: StoreEvent): void {
    bucket.apply(event);
    for (const listener of this.listeners) listener(bucket.typeKey, event);
  }
}

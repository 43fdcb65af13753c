import {
  ApiResource,
  KubernetesApiError,
  KubernetesClient,
  RawObject,
} from '../clusters/KubernetesClient';

type Watcher = {
  path: string;
  labelSelector?: string;
  onEvent: (type: string, object: any) => void;
  onDone: (error: Error | null) => void;
};

const FLUID_RESOURCES: ApiResource[] = [
  { name: 'datasets', kind: 'Dataset', namespaced: true },
  { name: 'alluxioruntimes', kind: 'AlluxioRuntime', namespaced: true },
  { name: 'juicefsruntimes', kind: 'JuiceFSRuntime', namespaced: true },
  { name: 'dataloads', kind: 'DataLoad', namespaced: true },
  {
    name: 'thinruntimeprofiles',
    kind: 'ThinRuntimeProfile',
    namespaced: false,
  },
];

/**
 * An in-memory API server for unit tests: objects per collection path,
 * paginated lists, watches that tests can feed, cut and expire.
 */
export class FakeKubernetesClient implements KubernetesClient {
  readonly calls: string[] = [];
  readonly watchers: Watcher[] = [];
  resources: Record<string, ApiResource[] | undefined> = {
    'data.fluid.io/v1alpha1': FLUID_RESOURCES,
    'modelexpress.nvidia.com/v1alpha1': [
      { name: 'modelcacheentries', kind: 'ModelCacheEntry', namespaced: true },
    ],
  };
  /** When set, every call fails with it (an unreachable cluster). */
  failure: Error | undefined;
  /** When set, the next list with this path fails with it once. */
  failNextList: Map<string, Error> = new Map();
  private readonly collections = new Map<string, Map<string, RawObject>>();
  private version = 100;

  private collection(path: string) {
    let c = this.collections.get(path);
    if (!c) this.collections.set(path, (c = new Map()));
    return c;
  }

  private matches(object: RawObject, labelSelector?: string) {
    return (
      !labelSelector || object.metadata?.labels?.[labelSelector] !== undefined
    );
  }

  /** Creates or replaces an object and tells open watches. */
  put(path: string, object: RawObject): void {
    const key = `${object.metadata?.namespace}/${object.metadata?.name}`;
    const items = this.collection(path);
    const type = items.has(key) ? 'MODIFIED' : 'ADDED';
    const stored = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(++this.version) },
    };
    items.set(key, stored);
    this.emit(path, type, stored);
  }

  remove(path: string, namespace: string, name: string): void {
    const items = this.collection(path);
    const stored = items.get(`${namespace}/${name}`);
    if (!stored) return;
    items.delete(`${namespace}/${name}`);
    this.emit(path, 'DELETED', {
      ...stored,
      metadata: { ...stored.metadata, resourceVersion: String(++this.version) },
    });
  }

  private emit(path: string, type: string, object: RawObject) {
    for (const w of this.watchers.filter(x => x.path === path)) {
      if (this.matches(object, w.labelSelector)) w.onEvent(type, object);
    }
  }

  /** Ends every open watch, as an API server restart or a dropped connection does. */
  dropWatches(error: Error | null = null): void {
    for (const w of this.watchers.splice(0)) w.onDone(error);
  }

  /** Sends the in-stream 410 the API server sends for a compacted resourceVersion. */
  expireWatches(): void {
    for (const w of this.watchers.splice(0)) {
      w.onEvent('ERROR', {
        kind: 'Status',
        code: 410,
        message: 'too old resource version',
      });
    }
  }

  async discover(groupVersion: string) {
    this.calls.push(`discover ${groupVersion}`);
    if (this.failure) throw this.failure;
    return this.resources[groupVersion];
  }

  async list(
    path: string,
    params: { limit: number; continueToken?: string; labelSelector?: string },
  ) {
    this.calls.push(`list ${path}`);
    if (this.failure) throw this.failure;
    const once = this.failNextList.get(path);
    if (once) {
      this.failNextList.delete(path);
      throw once;
    }
    const all = [...this.collection(path).values()].filter(o =>
      this.matches(o, params.labelSelector),
    );
    const start = params.continueToken ? Number(params.continueToken) : 0;
    const end = start + params.limit;
    return {
      items: all.slice(start, end),
      resourceVersion: String(this.version),
      continueToken: end < all.length ? String(end) : undefined,
    };
  }

  async watch(
    path: string,
    params: { resourceVersion: string; labelSelector?: string },
    onEvent: (type: string, object: any) => void,
    onDone: (error: Error | null) => void,
  ) {
    this.calls.push(`watch ${path}`);
    if (this.failure) {
      onDone(this.failure);
      return { abort() {} };
    }
    if (Number(params.resourceVersion) < 0) {
      onDone(new KubernetesApiError(410, 'Gone'));
      return { abort() {} };
    }
    const watcher: Watcher = {
      path,
      labelSelector: params.labelSelector,
      onEvent,
      onDone,
    };
    this.watchers.push(watcher);
    return {
      abort: () => {
        const i = this.watchers.indexOf(watcher);
        if (i >= 0) this.watchers.splice(i, 1);
        onDone(null);
      },
    };
  }
}

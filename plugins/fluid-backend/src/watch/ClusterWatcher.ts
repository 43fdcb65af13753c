import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterState,
  KUBERNETES_ID_LABEL,
} from '@internal/plugin-fluid-common';
import type { KubernetesClient } from '../clusters/KubernetesClient';
import type { ClusterSpec } from '../clusters/readClusters';
import {
  DataLoadRecord,
  DatasetRecord,
  DeploymentRecord,
  ModelCacheEntryRecord,
  projectDataLoad,
  projectDataset,
  projectDeployment,
  projectModelCacheEntry,
  projectRuntime,
  RuntimeRecord,
} from './projections';
import { Reflector, WatchSettings } from './Reflector';
import { Sleeper } from './Sleeper';

const FLUID = 'data.fluid.io/v1alpha1';
const MODELEXPRESS = 'modelexpress.nvidia.com/v1alpha1';

/**
 * Watches one cluster: discovers which Fluid runtime kinds it serves, then
 * keeps Datasets, runtimes, DataLoads, ModelCacheEntries and labelled
 * Deployments in memory.
 */
export class ClusterWatcher {
  readonly spec: ClusterSpec;
  datasets: Reflector<DatasetRecord> | undefined;
  readonly runtimes: Reflector<RuntimeRecord>[] = [];
  dataLoads: Reflector<DataLoadRecord> | undefined;
  modelCacheEntries: Reflector<ModelCacheEntryRecord> | undefined;
  deployments: Reflector<DeploymentRecord> | undefined;
  private runtimeKinds: string[] = [];
  private discoveryError: { message: string; at: number } | undefined;
  private stopped = false;
  private readonly sleeper = new Sleeper();
  private readonly createClient: () => Promise<KubernetesClient>;
  private readonly settings: WatchSettings;
  private readonly logger: LoggerService;
  private readonly onChange: () => void;

  constructor(options: {
    spec: ClusterSpec;
    createClient: () => Promise<KubernetesClient>;
    settings: WatchSettings;
    logger: LoggerService;
    onChange: () => void;
  }) {
    this.spec = options.spec;
    this.createClient = options.createClient;
    this.settings = options.settings;
    this.logger = options.logger.child({ cluster: options.spec.name });
    this.onChange = options.onChange;
  }

  /** Starts discovery (retried with backoff), then the reflectors. */
  start(): Promise<void> {
    return this.discoverAndWatch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wake();
    await Promise.all(this.reflectors().map(r => r.stop()));
  }

  private reflectors(): Reflector<unknown>[] {
    return [
      this.datasets,
      ...this.runtimes,
      this.dataLoads,
      this.modelCacheEntries,
      this.deployments,
    ].filter(Boolean) as Reflector<unknown>[];
  }

  private async discoverAndWatch(): Promise<void> {
    let backoff = this.settings.initialBackoffMs;
    while (!this.stopped) {
      try {
        const client = await this.createClient();
        const fluid = await client.discover(FLUID);
        if (!fluid) {
          throw new Error(
            `the API server does not serve ${FLUID}: is Fluid installed?`,
          );
        }
        const modelExpress = await client.discover(MODELEXPRESS);
        this.watch(client, fluid, modelExpress ?? []);
        this.discoveryError = undefined;
        this.onChange();
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.discoveryError = { message, at: Date.now() };
        this.logger.warn(
          `Fluid discovery failed: ${message}; retrying in ${backoff} ms`,
        );
        this.onChange();
        await this.sleeper.sleep(backoff);
        backoff = Math.min(backoff * 2, this.settings.maxBackoffMs);
      }
    }
  }

  private watch(
    client: KubernetesClient,
    fluid: { name: string; kind: string }[],
    modelExpress: { name: string; kind: string }[],
  ) {
    const common = {
      client,
      settings: this.settings,
      logger: this.logger,
      onChange: this.onChange,
    };
    this.datasets = new Reflector({
      ...common,
      path: `/apis/${FLUID}/datasets`,
      project: projectDataset,
      indexBy: d => d.kubernetesId,
    });
    // Every runtime kind the cluster serves: Alluxio, JuiceFS, Jindo, Thin,
    // EFC, Vineyard, GooseFS (v1.0.8) and CacheRuntime (master).
    for (const resource of fluid) {
      if (!resource.kind.endsWith('Runtime')) continue;
      this.runtimeKinds.push(resource.kind);
      this.runtimes.push(
        new Reflector({
          ...common,
          path: `/apis/${FLUID}/${resource.name}`,
          project: object => projectRuntime(object, resource.kind),
        }),
      );
    }
    this.dataLoads = new Reflector({
      ...common,
      path: `/apis/${FLUID}/dataloads`,
      project: projectDataLoad,
      indexBy: load => `${load.namespace}/${load.dataset}`,
    });
    if (modelExpress.some(r => r.name === 'modelcacheentries')) {
      this.modelCacheEntries = new Reflector({
        ...common,
        path: `/apis/${MODELEXPRESS}/modelcacheentries`,
        project: projectModelCacheEntry,
        indexBy: entry => entry.namespace,
      });
    }
    this.deployments = new Reflector({
      ...common,
      path: '/apis/apps/v1/deployments',
      labelSelector: KUBERNETES_ID_LABEL,
      project: projectDeployment,
      indexBy: deployment => deployment.namespace,
    });
    for (const reflector of this.reflectors()) reflector.start();
  }

  /** When every watched type was last current; undefined until all listed. */
  lastSyncedAt(now = Date.now()): number | undefined {
    const reflectors = this.reflectors();
    if (!this.datasets) return undefined;
    let oldest: number | undefined = now;
    for (const reflector of reflectors) {
      const at = reflector.currentAt(now);
      if (at === undefined) return undefined;
      oldest = Math.min(oldest, at);
    }
    return oldest;
  }

  /** The most recent error of discovery or any reflector that is not current. */
  lastError(): { message: string; at: number } | undefined {
    if (this.discoveryError) return this.discoveryError;
    return this.reflectors()
      .filter(r => r.state !== 'watching')
      .map(r => r.lastError)
      .filter((e): e is { message: string; at: number } => Boolean(e))
      .sort((a, b) => b.at - a.at)[0];
  }

  state(now = Date.now()): ClusterState {
    const synced = this.lastSyncedAt(now);
    const error = this.lastError();
    const allWatching =
      this.datasets !== undefined &&
      this.reflectors().every(r => r.state === 'watching');
    let state: ClusterState['state'] = 'syncing';
    if (allWatching) state = 'synced';
    else if (error) state = 'error';
    return {
      name: this.spec.name,
      title: this.spec.title ?? null,
      state,
      lastSyncedAt:
        synced === undefined ? null : new Date(synced).toISOString(),
      lastError: error
        ? { message: error.message, at: new Date(error.at).toISOString() }
        : null,
      runtimeKinds: [...this.runtimeKinds].sort(),
      datasets: this.datasets?.items.size ?? 0,
    };
  }

  /** The runtime bound to a dataset: same namespace and name. */
  runtimeFor(dataset: DatasetRecord): RuntimeRecord | undefined {
    const key = `${dataset.namespace}/${dataset.name}`;
    const candidates = this.runtimes
      .map(r => r.items.get(key))
      .filter((r): r is RuntimeRecord => Boolean(r));
    if (candidates.length <= 1 || !dataset.runtimeType) return candidates[0];
    // Two kinds with the dataset's name: the bound one is named in its status.
    return (
      candidates.find(
        r => r.kind.toLowerCase() === `${dataset.runtimeType}runtime`,
      ) ?? candidates[0]
    );
  }
}

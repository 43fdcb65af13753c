import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterError,
  ClusterState,
  DatasetSummary,
  EntityDatasetLinks,
  HealthThresholds,
  rateDatasetHealth,
  RuntimeSummary,
} from '@internal/plugin-fluid-common';
import type { KubernetesClient } from '../clusters/KubernetesClient';
import type { ClusterSpec } from '../clusters/readClusters';
import { ClusterWatcher } from './ClusterWatcher';
import type { DatasetRecord } from './projections';
import type { WatchSettings } from './Reflector';

/**
 * The in-memory picture of Fluid in every cluster. Requests read it; only the
 * watchers talk to clusters.
 *
 * @public
 */
export class FluidStore {
  private readonly watchers: ClusterWatcher[];
  private readonly thresholds: HealthThresholds;
  // When each dataset entered its current phase, for the NotBound grace period.
  private readonly phaseSince = new Map<
    string,
    { phase: string; since: string }
  >();

  constructor(options: {
    clusters: ClusterSpec[];
    createClient: (spec: ClusterSpec) => Promise<KubernetesClient>;
    settings: WatchSettings;
    thresholds: HealthThresholds;
    logger: LoggerService;
  }) {
    this.thresholds = options.thresholds;
    this.watchers = options.clusters.map(
      spec =>
        new ClusterWatcher({
          spec,
          createClient: () => options.createClient(spec),
          settings: options.settings,
          logger: options.logger,
          onChange: () => {},
        }),
    );
  }

  /** Starts every cluster's watchers; returns at once (they sync in the background). */
  start(): void {
    for (const watcher of this.watchers) {
      watcher.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map(w => w.stop()));
  }

  clusterNames(): string[] {
    return this.watchers.map(w => w.spec.name);
  }

  clusters(now = Date.now()): ClusterState[] {
    return this.watchers.map(w => w.state(now));
  }

  /** Errors of the given clusters (all by default) that are not synced. */
  errors(clusterNames?: Iterable<string>, now = Date.now()): ClusterError[] {
    const wanted = clusterNames ? new Set(clusterNames) : undefined;
    return this.watchers
      .filter(w => !wanted || wanted.has(w.spec.name))
      .map(w => w.state(now))
      .filter(state => state.state === 'error')
      .map(state => ({
        cluster: state.name,
        message: `${state.lastError?.message ?? 'not synced'}${
          state.lastSyncedAt ? ` (last synced ${state.lastSyncedAt})` : ''
        }`,
      }));
  }

  /** Every dataset in every cluster. */
  allDatasets(now = Date.now()): DatasetSummary[] {
    return this.watchers.flatMap(watcher =>
      [...(watcher.datasets?.items.values() ?? [])].map(record =>
        this.summarize(watcher, record, now),
      ),
    );
  }

  /** One dataset, or undefined. */
  dataset(cluster: string, namespace: string, name: string, now = Date.now()) {
    const watcher = this.watchers.find(w => w.spec.name === cluster);
    const record = watcher?.datasets?.items.get(`${namespace}/${name}`);
    return watcher && record ? this.summarize(watcher, record, now) : undefined;
  }

  /** The datasets an entity links to, and the errors of the clusters searched. */
  entityDatasets(
    links: EntityDatasetLinks,
    now = Date.now(),
  ): { datasets: DatasetSummary[]; errors: ClusterError[] } {
    const found = new Map<string, DatasetSummary>();
    const searched = new Set<string>();
    for (const watcher of this.watchers) {
      const cluster = watcher.spec.name;
      const add = (record: DatasetRecord) => {
        const key = `${cluster}/${record.namespace}/${record.name}`;
        if (!found.has(key))
          found.set(key, this.summarize(watcher, record, now));
      };
      for (const selector of links.datasets) {
        if (selector.cluster !== undefined && selector.cluster !== cluster)
          continue;
        searched.add(cluster);
        const record = watcher.datasets?.items.get(
          `${selector.namespace}/${selector.name}`,
        );
        if (record) add(record);
      }
      if (links.kubernetesId) {
        searched.add(cluster);
        for (const record of watcher.datasets?.lookup(links.kubernetesId) ??
          []) {
          if (
            !links.kubernetesNamespace ||
            record.namespace === links.kubernetesNamespace
          ) {
            add(record);
          }
        }
      }
    }
    const datasets = [...found.values()].sort(compareDatasets);
    return { datasets, errors: this.errors(searched, now) };
  }

  private since(cluster: string, record: DatasetRecord, now: number): string {
    const key = `${cluster}/${record.namespace}/${record.name}`;
    const known = this.phaseSince.get(key);
    if (known?.phase === record.phase) return known.since;
    // First sight: the dataset has been in this phase at most since creation.
    const since = known
      ? new Date(now).toISOString()
      : record.createdAt ?? new Date(now).toISOString();
    this.phaseSince.set(key, { phase: record.phase, since });
    return since;
  }

  private summarize(
    watcher: ClusterWatcher,
    record: DatasetRecord,
    now: number,
  ): DatasetSummary {
    const cluster = watcher.spec.name;
    const runtime = watcher.runtimeFor(record);
    const ref = { cluster, namespace: record.namespace, name: record.name };
    const synced = watcher.lastSyncedAt(now);
    const lastSyncedAt =
      synced === undefined ? null : new Date(synced).toISOString();

    const dataLoads = (
      watcher.dataLoads?.lookup(`${record.namespace}/${record.name}`) ?? []
    )
      .map(({ name, phase, policy, durationSeconds, createdAt }) => ({
        name,
        phase,
        policy,
        durationSeconds,
        createdAt,
      }))
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
    // ModelExpress writes one ModelCacheEntry per model into its namespace;
    // with a kubernetes-id label on both sides, they must match.
    const models = (watcher.modelCacheEntries?.lookup(record.namespace) ?? [])
      .filter(
        e =>
          !e.kubernetesId ||
          !record.kubernetesId ||
          e.kubernetesId === record.kubernetesId,
      )
      .map(({ name, modelName, provider, phase, lastUsedAt, message }) => ({
        name,
        modelName,
        provider,
        phase,
        lastUsedAt,
        message,
      }))
      .sort((a, b) => a.modelName.localeCompare(b.modelName));
    // A model server reads this cache when it mounts the dataset's PVC (named
    // like the dataset) or carries the same kubernetes-id.
    const modelServers = (watcher.deployments?.lookup(record.namespace) ?? [])
      .filter(
        d =>
          d.claimNames.includes(record.name) ||
          (record.kubernetesId !== undefined &&
            d.kubernetesId === record.kubernetesId),
      )
      .map(({ name, replicasDesired, replicasAvailable }) => ({
        name,
        replicasDesired,
        replicasAvailable,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));

    const cache = {
      capacityBytes: record.capacityBytes,
      cachedBytes: record.cachedBytes,
      cachedFraction: record.cachedFraction,
      ufsTotalBytes: record.ufsTotalBytes,
      fileCount: record.fileCount,
      hitRatio: record.hitRatio,
      localHitRatio: record.localHitRatio,
      remoteHitRatio: record.remoteHitRatio,
      throughputRatio: record.throughputRatio,
      tiers: runtime?.tiers ?? [],
    };
    let runtimeSummary: RuntimeSummary | null = null;
    if (runtime) {
      const {
        namespace: _ns,
        name: _name,
        tiers: _tiers,
        ...summary
      } = runtime;
      runtimeSummary = summary;
    }
    const health = rateDatasetHealth(
      {
        ref,
        phase: record.phase,
        phaseSince: this.since(cluster, record, now),
        runtime: runtimeSummary,
        cache,
        dataLoads,
        modelServers,
        lastSyncedAt,
      },
      { now: new Date(now), thresholds: this.thresholds },
    );
    return {
      ...ref,
      phase: record.phase,
      runtime: runtimeSummary,
      cache,
      dataLoads,
      models,
      modelServers,
      health,
      lastSyncedAt,
    };
  }
}

/** Cluster, then namespace, then name. */
export function compareDatasets(a: DatasetSummary, b: DatasetSummary): number {
  return (
    a.cluster.localeCompare(b.cluster) ||
    a.namespace.localeCompare(b.namespace) ||
    a.name.localeCompare(b.name)
  );
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { CRD_SETS, CrdSet, crdDirectory } from '@internal/crds';
import { Cluster } from './cluster';
import { FluidController, ControllerOptions } from './controller/controller';
import { FaultOptions, FaultPatch, Faults } from './faults';
import { readObjects } from './files';
import { kubeconfigYaml } from './kubeconfig';
import { handleAdmin } from './server/admin';
import { ApiServer } from './server/apiServer';
import { ScenarioEvent, ScenarioRunner } from './scenario/events';
import { StoredObject } from './store/store';
import { addSyntheticDatasets, SyntheticOptions } from './synthetic';
import { selfSignedCertificate } from './tls';

/** Options of one simulated cluster (the CLI flags map onto these). */
export interface SimulatorOptions {
  /** Cluster name, used in the kubeconfig (default `kube-simulator`). */
  name?: string;
  /** A human title; say "simulated" in it. */
  title?: string;
  /** Listen address (default 127.0.0.1; the simulator is for loopback use). */
  host?: string;
  /** Port; 0 picks a free one (default 0). */
  port?: number;
  /** Bearer token clients must send (default: random). */
  token?: string;
  /**
   * Serve HTTPS with a self-signed certificate (its CA goes into the
   * kubeconfig). Default true: kubectl sends bearer tokens only over HTTPS.
   */
  tls?: boolean;
  /**
   * CRDs served from the start: names of `@internal/crds` sets
   * (`fluid-v1.0.8`, `fluid-master`, `modelexpress`) or paths of YAML files
   * or folders. Default: `fluid-v1.0.8` and `modelexpress`.
   */
  crds?: Array<CrdSet | string>;
  /** Objects loaded as if restored from etcd (their status is kept): paths or objects. */
  objects?: Array<string | StoredObject>;
  /** The simulated Fluid controller: on by default; `false` turns it off. */
  controller?: boolean | ControllerOptions;
  /** Faults from the start. */
  faults?: FaultPatch;
  /** Adds N Datasets with runtimes across namespaces (see {@link SyntheticOptions}). */
  syntheticDatasets?: number | SyntheticOptions;
  /** Timed scenario events. */
  events?: ScenarioEvent[];
  /** How often watches that allow bookmarks get one (default 60 s, like kube-apiserver). */
  bookmarkIntervalMs?: number;
  /** Watch events kept per resource type for resuming watches (default 10,000). */
  historyLimit?: number;
}

/** A running simulated cluster. */
export interface Simulator {
  readonly name: string;
  readonly title: string;
  readonly url: string;
  readonly token: string;
  /** Base64 PEM of the CA when serving HTTPS. */
  readonly caData?: string;
  /** The in-memory API (for tests that inspect or seed state directly). */
  readonly cluster: Cluster;
  /** A kubeconfig (YAML) for kubectl or client-node. */
  kubeconfig(namespace?: string): string;
  writeKubeconfig(file: string, namespace?: string): void;
  faults(): FaultOptions;
  setFaults(patch: FaultPatch): FaultOptions;
  resetFaults(): FaultOptions;
  /** Ends every open watch (cleanly, or by resetting the connection). */
  dropWatches(options?: { reset?: boolean }): number;
  /** Forgets the watch history: watches resuming from older versions get 410. */
  expireResourceVersions(): void;
  /** Like an API server restart: every watch and connection is cut, state is kept. */
  restart(): Promise<void>;
  /** Refuses connections for a while (0: until `setFaults({ refuseConnections: false })`). */
  refuseConnections(durationMs: number): Promise<void>;
  /** Loads objects as if restored from etcd (their status is kept). */
  load(objects: Array<string | StoredObject>): void;
  /** Runs one scenario event now (its `at` and `every` are ignored). */
  runEvent(event: ScenarioEvent): void;
  stop(): Promise<void>;
}

export const DEFAULT_CRDS: CrdSet[] = ['fluid-v1.0.8', 'modelexpress'];

function crdPaths(crds: Array<CrdSet | string>): string[] {
  return crds.map(item =>
    (CRD_SETS as readonly string[]).includes(item)
      ? crdDirectory(item as CrdSet)
      : item,
  );
}

const LOAD_ORDER: Record<string, number> = {
  CustomResourceDefinition: 0,
  Namespace: 1,
};

function loadAll(cluster: Cluster, items: Array<string | StoredObject>) {
  const objects = items.flatMap(item =>
    typeof item === 'string' ? readObjects(item) : [item],
  );
  // CRDs and namespaces first, so that the rest finds its type and namespace.
  const rank = (o: StoredObject) => LOAD_ORDER[o.kind] ?? 2;
  for (const object of [...objects].sort((a, b) => rank(a) - rank(b))) {
    cluster.load(object);
  }
}

/** Starts one simulated cluster. */
export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<Simulator> {
  const name = options.name ?? 'kube-simulator';
  const title = options.title ?? `${name} (simulated)`;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(18).toString('base64url');
  const cluster = new Cluster({ historyLimit: options.historyLimit });
  const faults = new Faults(options.faults);

  for (const path of crdPaths(options.crds ?? DEFAULT_CRDS)) {
    loadAll(cluster, [path]);
  }
  if (options.syntheticDatasets) {
    addSyntheticDatasets(
      cluster,
      typeof options.syntheticDatasets === 'number'
        ? { datasets: options.syntheticDatasets }
        : options.syntheticDatasets,
    );
  }
  loadAll(cluster, options.objects ?? []);

  const tls = options.tls === false ? undefined : selfSignedCertificate(host);
  // The admin endpoint needs the handle, which needs the server: a late link.
  const self: { simulator?: Simulator } = {};
  const server = new ApiServer(cluster, faults, {
    token,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    tls,
    admin: (req: IncomingMessage, res: ServerResponse, url: URL) =>
      handleAdmin(self.simulator!, req, res, url),
  });
  const port = await server.listen(options.port ?? 0, host);
  const url = `${server.scheme}://${host}:${port}`;
  const caData = tls ? Buffer.from(tls.cert).toString('base64') : undefined;

  let controller: FluidController | undefined;
  if (options.controller !== false) {
    controller = new FluidController(
      cluster,
      typeof options.controller === 'object' ? options.controller : {},
    );
    controller.start();
  }

  let expiry: NodeJS.Timeout | undefined;
  const scheduleExpiry = (every: number) => {
    clearInterval(expiry);
    expiry =
      every > 0 ? setInterval(() => cluster.store.compact(), every) : undefined;
  };
  scheduleExpiry(faults.expireEveryMs);
  faults.onChange(current =>
    scheduleExpiry(current.expireResourceVersionsEveryMs),
  );

  const dropWatches = ({ reset = false } = {}) => server.dropWatches(reset);
  const restart = async () => {
    server.pause();
    await new Promise(resolve => setTimeout(resolve, 200));
    if (!faults.refusing) await server.resume();
  };
  // The runner also serves `POST /simulator/events` (one event, now).
  const scenario = new ScenarioRunner(cluster, options.events ?? [], {
    controller,
    setFaults: patch => faults.set(patch),
    restart,
    dropWatches: () => dropWatches(),
  });
  scenario.start();

  const kubeconfig = (namespace?: string) =>
    kubeconfigYaml([{ name, url, token, caData, namespace }]);
  const simulator: Simulator = {
    name,
    title,
    url,
    token,
    caData,
    cluster,
    kubeconfig,
    writeKubeconfig: (file, namespace) =>
      fs.writeFileSync(file, kubeconfig(namespace), { mode: 0o600 }),
    faults: () => faults.get(),
    setFaults: patch => faults.set(patch),
    resetFaults: () => faults.reset(),
    dropWatches,
    expireResourceVersions: () => cluster.store.compact(),
    restart,
    refuseConnections: async durationMs => {
      faults.set({ refuseConnections: true });
      if (durationMs > 0) {
        setTimeout(
          () => faults.set({ refuseConnections: false }),
          durationMs,
        ).unref();
      }
    },
    load: objects => loadAll(cluster, objects),
    runEvent: event => scenario.runNow(event),
    stop: async () => {
      clearInterval(expiry);
      scenario.stop();
      controller?.stop();
      await server.close();
    },
  };
  self.simulator = simulator;
  return simulator;
}

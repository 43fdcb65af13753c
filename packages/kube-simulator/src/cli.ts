import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { FaultPatch } from './faults';
import { kubeconfigYaml } from './kubeconfig';
import { loadScenario, ScenarioCluster } from './scenario/scenario';
import { Simulator, SimulatorOptions, startSimulator } from './simulator';

const USAGE = `Usage: kube-simulator [options]

A Kubernetes API simulator for development and tests (never a production cluster).

  --port P                 port of the (first) cluster (default 0: any free port)
  --host H                 listen address (default 127.0.0.1)
  --token T                bearer token clients must send (default: random)
  --name NAME              cluster name in the kubeconfig (default kube-simulator)
  --title TITLE            human title (default "<name> (simulated)")
  --crds DIR|FILE|SET      CRDs to serve; repeatable; sets: fluid-v1.0.8, fluid-master,
                           modelexpress (default: fluid-v1.0.8 and modelexpress)
  --objects DIR|FILE       objects to load with their status; repeatable
  --scenario FILE          clusters, objects and timed events (YAML)
  --controller on|off      the simulated Fluid controller (default on)
  --controller-speed X     run the controller's clock X times faster (default 1)
  --synthetic-datasets N   add N bound Datasets with runtimes (100 per namespace)
  --latency-ms N           delay every API answer by N ms
  --jitter-ms N            plus a random delay below N ms
  --error-rate CODE=RATE   answer a share of requests with 500, 429 or 403; repeatable
  --drop-watches-after-ms N  cut every watch stream after N ms
  --expire-resource-versions-every-ms N  forget watch history every N ms (410 Gone)
  --insecure-http          serve plain HTTP (kubectl then sends no token)
  --kubeconfig-out FILE    write a kubeconfig for the cluster(s)
  --help                   show this text

Prints one line "ready <url> [<url>...]" when every cluster serves.`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new UsageError(
      `--${name}: expected a whole number ≥ 0, got "${value}"`,
    );
  }
  return number;
}

function controllerOption(
  value: string | undefined,
  speed: number | undefined,
): SimulatorOptions['controller'] {
  if (value === 'off') return false;
  return speed ? { speed } : undefined;
}

/** Turns command-line arguments into one options object per cluster. */
export function parseCli(
  argv: string[],
): { clusters: ScenarioCluster[]; kubeconfigOut?: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        name: { type: 'string' },
        title: { type: 'string' },
        crds: { type: 'string', multiple: true },
        objects: { type: 'string', multiple: true },
        scenario: { type: 'string' },
        controller: { type: 'string' },
        'controller-speed': { type: 'string' },
        'synthetic-datasets': { type: 'string' },
        'latency-ms': { type: 'string' },
        'jitter-ms': { type: 'string' },
        'error-rate': { type: 'string', multiple: true },
        'drop-watches-after-ms': { type: 'string' },
        'expire-resource-versions-every-ms': { type: 'string' },
        'insecure-http': { type: 'boolean' },
        'kubeconfig-out': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (
    v.controller !== undefined &&
    v.controller !== 'on' &&
    v.controller !== 'off'
  ) {
    throw new UsageError(
      `--controller: expected on or off, got "${v.controller}"`,
    );
  }
  const speed =
    v['controller-speed'] === undefined
      ? undefined
      : Number(v['controller-speed']);
  if (speed !== undefined && !(speed > 0)) {
    throw new UsageError(
      `--controller-speed: expected a number > 0, got "${v['controller-speed']}"`,
    );
  }
  const faults: FaultPatch = {};
  const latency = integer('latency-ms', v['latency-ms']);
  if (latency !== undefined) faults.latencyMs = latency;
  const jitter = integer('jitter-ms', v['jitter-ms']);
  if (jitter !== undefined) faults.jitterMs = jitter;
  const drop = integer('drop-watches-after-ms', v['drop-watches-after-ms']);
  if (drop !== undefined) faults.watchDropAfterMs = drop;
  const expire = integer(
    'expire-resource-versions-every-ms',
    v['expire-resource-versions-every-ms'],
  );
  if (expire !== undefined) faults.expireResourceVersionsEveryMs = expire;
  for (const item of v['error-rate'] ?? []) {
    const match = /^(500|429|403)=(0(\.\d+)?|1(\.0+)?)$/.exec(item);
    if (!match) {
      throw new UsageError(
        `--error-rate: expected CODE=RATE with CODE 500, 429 or 403 and RATE in [0, 1], got "${item}"`,
      );
    }
    faults.errorRates = { ...faults.errorRates, [match[1]]: Number(match[2]) };
  }
  const port = integer('port', v.port);
  const common: SimulatorOptions = {
    host: v.host,
    token: v.token,
    tls: v['insecure-http'] ? false : undefined,
    crds: v.crds,
    controller: controllerOption(v.controller, speed),
    faults,
    syntheticDatasets: integer('synthetic-datasets', v['synthetic-datasets']),
  };
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(
      Object.entries(o).filter(([, value]) => value !== undefined),
    ) as Partial<T>;
  const clusters: ScenarioCluster[] = v.scenario
    ? loadScenario(v.scenario).map((cluster, index) => ({
        ...cluster,
        ...defined(common),
        port:
          cluster.port ??
          (port !== undefined && port > 0 ? port + index : port),
        faults: { ...cluster.faults, ...faults },
        objects: [...(cluster.objects ?? []), ...(v.objects ?? [])],
        crds: v.crds ?? cluster.crds,
        controller: common.controller ?? cluster.controller,
      }))
    : [
        {
          ...common,
          name: v.name ?? 'kube-simulator',
          title: v.title,
          port,
          objects: v.objects,
        },
      ];
  return { clusters, kubeconfigOut: v['kubeconfig-out'] };
}

/** The `kube-simulator` command. Resolves when it is told to stop. */
export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`kube-simulator: ${(error as Error).message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const simulators: Simulator[] = [];
  try {
    for (const cluster of options.clusters)
      simulators.push(await startSimulator(cluster));
  } catch (error) {
    await Promise.all(simulators.map(s => s.stop()));
    process.stderr.write(`kube-simulator: ${(error as Error).message}\n`);
    return 1;
  }
  if (options.kubeconfigOut) {
    fs.writeFileSync(
      options.kubeconfigOut,
      kubeconfigYaml(
        simulators.map(s => ({
          name: s.name,
          url: s.url,
          token: s.token,
          caData: s.caData,
        })),
      ),
      { mode: 0o600 },
    );
  }
  process.stdout.write(`ready ${simulators.map(s => s.url).join(' ')}\n`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all(simulators.map(s => s.stop()));
  return 0;
}

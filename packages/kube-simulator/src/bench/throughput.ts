import https from 'node:https';
import { startSimulator, Simulator } from '../simulator';

/**
 * Throughput of the simulator itself at 10,000 Datasets (with their 10,000
 * runtimes): full and paginated lists, Table lists, selector lists, and watch
 * events delivered to N watchers. Client and server share this process (and
 * its cores), so the figures are a lower bound for the server.
 *
 * Run: `yarn bench:simulator [datasets] [watchers]`.
 */
const DATASETS = Number(process.argv[2] ?? 10_000);
const WATCHERS = Number(process.argv[3] ?? 20);
const UPDATES = 2_000;
const PATH = '/apis/data.fluid.io/v1alpha1/datasets';

function client(simulator: Simulator) {
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 64,
    ca: Buffer.from(simulator.caData!, 'base64'),
  });
  const get = (path: string, accept = 'application/json') =>
    new Promise<{ bytes: number; text: string }>((resolve, reject) => {
      https
        .get(
          new URL(path, simulator.url),
          {
            agent,
            headers: {
              Authorization: `Bearer ${simulator.token}`,
              Accept: accept,
            },
          },
          res => {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200)
                reject(
                  new Error(`${path}: ${res.statusCode} ${text.slice(0, 200)}`),
                );
              else resolve({ bytes: text.length, text });
            });
          },
        )
        .on('error', reject);
    });
  /** Opens a watch and counts event lines without parsing them. */
  const watch = (path: string, onLines: (n: number) => void) =>
    new Promise<() => void>((resolve, reject) => {
      const req = https.get(
        new URL(path, simulator.url),
        { agent, headers: { Authorization: `Bearer ${simulator.token}` } },
        res => {
          res.on('data', (chunk: Buffer) => {
            let n = 0;
            for (
              let i = chunk.indexOf(10);
              i !== -1;
              i = chunk.indexOf(10, i + 1)
            )
              n++;
            onLines(n);
          });
          resolve(() => req.destroy());
        },
      );
      req.on('error', error => {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET')
          reject(error);
      });
    });
  return { get, watch, close: () => agent.destroy() };
}

async function timed<T>(
  runs: number,
  run: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const row = (what: string, ms: number, objects: number, extra = '') =>
  process.stdout.write(
    `${what.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms ${Math.round(
      (objects / ms) * 1000,
    )
      .toLocaleString('en-US')
      .padStart(12)} objects/s ${extra}\n`,
  );

async function main() {
  const loadStarted = performance.now();
  const simulator = await startSimulator({
    controller: false,
    syntheticDatasets: DATASETS,
  });
  const loadMs = performance.now() - loadStarted;
  const http = client(simulator);
  process.stdout.write(
    `kube-simulator throughput: ${DATASETS.toLocaleString(
      'en-US',
    )} Datasets + ${DATASETS.toLocaleString('en-US')} runtimes in ${Math.ceil(
      DATASETS / 100,
    )} namespaces (loaded in ${(loadMs / 1000).toFixed(1)} s), HTTPS, node ${
      process.version
    }\n\n`,
  );
  try {
    await http.get(PATH); // warm-up
    const full = await timed(5, () => http.get(PATH));
    const count = JSON.parse(full.result.text).items.length;
    row(
      `list all Datasets (${count}, ${(full.result.bytes / 1e6).toFixed(
        1,
      )} MB JSON)`,
      full.ms,
      count,
    );

    const paged = await timed(3, async () => {
      let token = '';
      let items = 0;
      do {
        const page = JSON.parse(
          (
            await http.get(
              `${PATH}?limit=500${token ? `&continue=${token}` : ''}`,
            )
          ).text,
        );
        items += page.items.length;
        token = page.metadata.continue ?? '';
      } while (token);
      return items;
    });
    row(
      `paginated list, limit=500 (${paged.result} objects)`,
      paged.ms,
      paged.result,
    );

    const table = await timed(3, () =>
      http.get(PATH, 'application/json;as=Table;v=v1;g=meta.k8s.io'),
    );
    row('list as Table (kubectl get datasets -A)', table.ms, count);

    const ns = await timed(20, () =>
      http.get(
        '/apis/data.fluid.io/v1alpha1/namespaces/synthetic-042/datasets',
      ),
    );
    row('list one namespace (100 Datasets)', ns.ms, 100);

    const selector = await timed(20, () =>
      http.get(
        `${PATH}?labelSelector=${encodeURIComponent(
          'backstage.io/kubernetes-id=dataset-04242',
        )}`,
      ),
    );
    row(
      `list with a label selector (1 of ${DATASETS.toLocaleString('en-US')})`,
      selector.ms,
      1,
    );

    let initial = 0;
    const initialStarted = performance.now();
    const stopInitial = await http.watch(
      `${PATH}?watch=true&resourceVersion=0`,
      n => {
        initial += n;
      },
    );
    while (initial < count)
      await new Promise(resolve => setTimeout(resolve, 5));
    const initialMs = performance.now() - initialStarted;
    stopInitial();
    row(
      'watch from resourceVersion=0 (initial ADDED events)',
      initialMs,
      initial,
    );

    const rv = simulator.cluster.store.resourceVersion;
    let delivered = 0;
    const stops = await Promise.all(
      Array.from({ length: WATCHERS }, () =>
        http.watch(`${PATH}?watch=true&resourceVersion=${rv}`, n => {
          delivered += n;
        }),
      ),
    );
    const expected = UPDATES * WATCHERS;
    const started = performance.now();
    for (let i = 0; i < UPDATES; i++) {
      const index = (i * 7919) % DATASETS;
      const namespace = `synthetic-${String(Math.floor(index / 100)).padStart(
        3,
        '0',
      )}`;
      simulator.cluster.mutate(
        'data.fluid.io',
        'datasets',
        namespace,
        `dataset-${String(index).padStart(5, '0')}`,
        o => {
          // A new value every time, so that every update is a real write.
          o.status.cacheStates.cacheHitRatio = `${(50 + (i % 500) / 10).toFixed(
            1,
          )}%`;
          o.status.conditions[0].lastUpdateTime = new Date(
            Date.UTC(2026, 0, 1, 0, 0, i),
          ).toISOString();
        },
      );
      if (i % 100 === 0) await new Promise(resolve => setImmediate(resolve));
    }
    while (delivered < expected)
      await new Promise(resolve => setTimeout(resolve, 5));
    const watchMs = performance.now() - started;
    stops.forEach(stop => stop());
    row(
      `watch: ${UPDATES} status updates to ${WATCHERS} watchers`,
      watchMs,
      expected,
      `(${Math.round((UPDATES / watchMs) * 1000).toLocaleString(
        'en-US',
      )} updates/s, events delivered/s in the column)`,
    );
  } finally {
    http.close();
    await simulator.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});

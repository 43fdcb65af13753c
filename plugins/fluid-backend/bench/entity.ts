/*
 * Benchmark of the Fluid backend's watch store and entity endpoint:
 * 5 simulated clusters (one child process, packages/kube-simulator) with
 * 10,000 Datasets and their runtimes in total. Prints
 *   - the time until every cluster is synced,
 *   - the heap the store keeps for them,
 *   - entity endpoint latency (p50/p99) over HTTP on loopback,
 *   - the API-server requests made while serving those requests (must be 0).
 *
 *   yarn bench:fluid-backend [requests]
 */
import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_HEALTH_THRESHOLDS } from '@internal/plugin-fluid-common';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import express from 'express';
import {
  createKubernetesClient,
  KubernetesClient,
} from '../src/clusters/KubernetesClient';
import { HistoryStore } from '../src/history/HistoryStore';
import { createRouter } from '../src/service/router';
import { FluidStore } from '../src/watch/FluidStore';

const CLUSTERS = 5;
const DATASETS = 10_000;
const REQUESTS = Number(process.argv[2] ?? 2000);
const TOKEN = 'bench-only-token';
const root = path.resolve(
  path.dirname(require.resolve('@internal/kube-simulator/package.json')),
  '../..',
);

// A quiet logger: mockServices.logger.mock() needs Jest.
const logger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => logger,
};

function gc() {
  (global as any).gc?.();
  (global as any).gc?.();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function startClusters(): Promise<{ urls: string[]; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-bench-'));
  const scenario = path.join(dir, 'bench.yaml');
  const clusters = Array.from({ length: CLUSTERS }, (_, i) => [
    `  - name: bench-${i + 1}`,
    `    token: ${TOKEN}`,
    '    controller: false',
    `    syntheticDatasets: ${DATASETS / CLUSTERS}`,
  ]).flat();
  fs.writeFileSync(scenario, ['clusters:', ...clusters, ''].join('\n'));
  const child = spawn(
    process.execPath,
    ['packages/kube-simulator/bin/kube-simulator', '--scenario', scenario],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.on('exit', () => child.kill('SIGTERM'));
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`simulator exited with ${code}`)),
    );
    createInterface(child.stdout!).on('line', line => {
      if (line.startsWith('ready ')) resolve(line.slice(6).trim().split(/\s+/));
    });
  });
  return {
    urls,
    stop: () => {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  if (!(global as any).gc) {
    console.warn('run with node --expose-gc for heap figures');
  }
  const simulators = await startClusters();
  let apiCalls = 0;
  const counting = (client: KubernetesClient): KubernetesClient => ({
    discover: (...args) => {
      apiCalls++;
      return client.discover(...args);
    },
    list: (...args) => {
      apiCalls++;
      return client.list(...args);
    },
    watch: (...args) => {
      apiCalls++;
      return client.watch(...args);
    },
  });

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const store = new FluidStore({
    clusters: simulators.urls.map((url, i) => ({
      name: `bench-${i + 1}`,
      source: {
        type: 'config',
        server: url,
        token: TOKEN,
        skipTLSVerify: true,
      },
    })),
    createClient: async spec => counting(await createKubernetesClient(spec)),
    settings: {
      pageSize: 500,
      timeoutSeconds: 300,
      initialBackoffMs: 500,
      maxBackoffMs: 5000,
    },
    thresholds: DEFAULT_HEALTH_THRESHOLDS,
    logger,
  });
  const started = Date.now();
  store.start();
  for (;;) {
    const states = store.clusters();
    const total = states.reduce((sum, c) => sum + c.datasets, 0);
    if (states.every(c => c.state === 'synced') && total === DATASETS) break;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const syncMs = Date.now() - started;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;

  // One entity per 50 datasets, half by annotation, half by kubernetes-id.
  const entities: Entity[] = [];
  for (let i = 0; i < DATASETS / CLUSTERS; i += 10) {
    const name = `dataset-${String(i).padStart(5, '0')}`;
    const namespace = `synthetic-${String(Math.floor(i / 100)).padStart(
      3,
      '0',
    )}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        annotations:
          i % 20 === 0
            ? { 'fluid.io/dataset': `${namespace}/${name}` }
            : { 'backstage.io/kubernetes-id': name },
      },
      spec: {},
    });
  }
  const db = await (
    await import('knex')
  ).default({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog: catalogServiceMock({ entities }),
    store,
    history: await HistoryStore.create({
      getClient: async () => db,
    } as unknown as DatabaseService),
  });
  const server = express().use('/api/fluid', router).listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/fluid`;

  const callsBefore = apiCalls;
  const latencies: number[] = [];
  let datasetsServed = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const entity = entities[i % entities.length];
    const t0 = process.hrtime.bigint();
    const res = await fetch(
      `${base}/v1/entity?entityRef=component:default/${entity.metadata.name}`,
    );
    const body = await res.json();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
    datasetsServed += body.datasets.length;
  }
  const fleet: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(
      `${base}/v1/datasets?limit=100&status=unhealthy,degraded,unknown`,
    );
    await res.json();
    fleet.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const callsDuring = apiCalls - callsBefore;
  latencies.sort((a, b) => a - b);
  fleet.sort((a, b) => a - b);

  console.log(
    `Fluid backend benchmark: ${CLUSTERS} simulated clusters, ${DATASETS} Datasets (+ runtimes)`,
  );
  console.log(`  initial sync (list + watch, all clusters):   ${syncMs} ms`);
  console.log(
    `  store heap for ${DATASETS} datasets:          ${
      (global as any).gc ? mb(heapAfter - heapBefore) : 'n/a'
    } (${
      (global as any).gc ? Math.round((heapAfter - heapBefore) / DATASETS) : '?'
    } B/dataset incl. runtime)`,
  );
  console.log(
    `  process RSS:                                 ${mb(
      process.memoryUsage().rss,
    )}`,
  );
  console.log(
    `  GET /v1/entity, ${REQUESTS} requests (${
      datasetsServed / REQUESTS
    } datasets each, sequential, HTTP on loopback):`,
  );
  console.log(
    `    p50 ${percentile(latencies, 50).toFixed(2)} ms   p99 ${percentile(
      latencies,
      99,
    ).toFixed(2)} ms   max ${latencies[latencies.length - 1].toFixed(2)} ms`,
  );
  console.log(
    `  GET /v1/datasets (fleet filter over ${DATASETS}, 20 requests): p50 ${percentile(
      fleet,
      50,
    ).toFixed(1)} ms   p99 ${percentile(fleet, 99).toFixed(1)} ms`,
  );
  console.log(`  API-server requests made while serving them:  ${callsDuring}`);

  server.close();
  await store.stop();
  await db.destroy();
  simulators.stop();
  process.exit(callsDuring === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});

import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Starts the real backend (src/index.ts, as `yarn start` does) with the repo's
// app-config.yaml, on SQLite and, where the test environment has one, on
// PostgreSQL. A backend built from two Backstage release trains dies here at
// start-up (for instance `httpRouter.addWebSocketHandler is not a function`
// from the signals plugin), so this is the proof that the train is coherent.

const repoRoot = path.resolve(__dirname, '../../..');
const STARTUP_TIMEOUT_MS = 150_000;
const DEMO_COMPONENTS = ['embeddings', 'llama-chat', 'whisper-transcribe'];

function postgresConnectionString(): string | undefined {
  const name = Object.keys(process.env)
    .filter(key =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
    )
    .sort()
    .pop();
  return name ? process.env[name] : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function poll<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
  backend: ChildProcess,
  output: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (backend.exitCode !== null) {
      throw new Error(
        `backend exited with ${backend.exitCode} before ${what}:\n${output()}`,
      );
    }
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}:\n${output()}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

type Target = { name: string; database: () => Promise<DatabaseHandle> };
type DatabaseHandle = { config: object; drop: () => Promise<void> };

const targets: Target[] = [
  {
    name: 'SQLite (better-sqlite3, in memory)',
    database: async () => ({
      config: { client: 'better-sqlite3', connection: ':memory:' },
      drop: async () => {},
    }),
  },
];
const postgres = postgresConnectionString();
if (postgres) {
  targets.push({
    name: 'PostgreSQL',
    database: async () => {
      const name = `backend_start_${process.pid}_${Date.now()}`;
      const admin = new Client({ connectionString: postgres });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(postgres);
      url.pathname = `/${name}`;
      return {
        config: {
          client: 'pg',
          connection: url.toString(),
          pluginDivisionMode: 'schema',
        },
        drop: async () => {
          const cleanup = new Client({ connectionString: postgres });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  });
}

describe.each(targets)('the backend on $name', ({ database }) => {
  let backend: ChildProcess | undefined;
  let handle: DatabaseHandle | undefined;
  let configDir: string | undefined;
  let log = '';

  afterAll(async () => {
    if (backend?.pid && backend.exitCode === null) {
      process.kill(-backend.pid, 'SIGTERM');
      await new Promise(resolve => backend!.once('exit', resolve));
    }
    await handle?.drop();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  });

  it(
    'starts, reports ready and serves the demo catalog',
    async () => {
      handle = await database();
      const port = await freePort();
      const baseUrl = `http://localhost:${port}`;
      configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-start-'));
      const configFile = path.join(configDir, 'app-config.test.json');
      fs.writeFileSync(
        configFile,
        JSON.stringify({
          backend: {
            baseUrl,
            listen: { port, host: '127.0.0.1' },
            database: handle.config,
          },
        }),
      );

      backend = spawn(
        process.execPath,
        [
          require.resolve('@backstage/cli/bin/backstage-cli'),
          'package',
          'start',
          '--config',
          path.join(repoRoot, 'app-config.yaml'),
          '--config',
          configFile,
        ],
        {
          cwd: path.join(repoRoot, 'packages/backend'),
          detached: true,
          env: { ...process.env, NODE_ENV: 'development' },
        },
      );
      backend.stdout!.on('data', chunk => (log += chunk));
      backend.stderr!.on('data', chunk => (log += chunk));
      const output = () => log.slice(-4000);

      await poll(
        'readiness',
        STARTUP_TIMEOUT_MS,
        async () => {
          const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
          return res.ok ? true : undefined;
        },
        backend,
        output,
      );

      const token = await poll(
        'a guest token',
        10_000,
        async () => {
          const res = await fetch(
            `${baseUrl}/api/auth/guest/refresh?env=development`,
            { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
          );
          const body = await res.json();
          return body?.backstageIdentity?.token as string | undefined;
        },
        backend,
        output,
      );

      const names = await poll(
        'the demo components in the catalog',
        60_000,
        async () => {
          const res = await fetch(
            `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          const body = await res.json();
          const found = (body.items as { metadata: { name: string } }[])
            .map(item => item.metadata.name)
            .sort();
          return DEMO_COMPONENTS.every(name => found.includes(name))
            ? found
            : undefined;
        },
        backend,
        output,
      );
      expect(names).toEqual(expect.arrayContaining(DEMO_COMPONENTS));

      // The Fluid plugin is installed and answers.
      const fluid = await fetch(`${baseUrl}/api/fluid/health`);
      expect(fluid.status).toBe(200);
      const clusters = await fetch(`${baseUrl}/api/fluid/v1/clusters`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(clusters.status).toBe(200);

      expect(log).not.toMatch(/is not a function/);
      expect(backend.exitCode).toBeNull();
    },
    STARTUP_TIMEOUT_MS + 90_000,
  );
});

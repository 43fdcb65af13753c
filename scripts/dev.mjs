#!/usr/bin/env node
// `npm start` / `yarn dev`: the demo. First two SIMULATED Kubernetes clusters
// (packages/kube-simulator with scenarios/demo.yaml, dev-only, on loopback
// ports 16443 and 16444, wired into app-config.yaml), then the app and the
// backend (`backstage-cli repo start`). When either stops, so does the other.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 120_000;

const simulator = spawn(
  process.execPath,
  [
    'packages/kube-simulator/bin/kube-simulator',
    '--scenario',
    'packages/kube-simulator/scenarios/demo.yaml',
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);

let app;
let stopping = false;

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of [app, simulator]) {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
  }
}

simulator.on('exit', (code, signal) => {
  if (!stopping) {
    process.stderr.write(
      `[dev] the simulated clusters stopped (${
        signal ?? `exit code ${code}`
      })\n`,
    );
    stop(code || 1);
  }
});

const timer = setTimeout(() => {
  process.stderr.write('[dev] the simulated clusters did not start in time\n');
  stop(1);
}, READY_TIMEOUT_MS);

createInterface({ input: simulator.stdout }).on('line', line => {
  process.stdout.write(`[kube-simulator] ${line}\n`);
  if (!line.startsWith('ready ') || app || stopping) return;
  clearTimeout(timer);
  const cli = path.join(root, 'node_modules', '.bin', 'backstage-cli');
  app = spawn(cli, ['repo', 'start', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  app.on('exit', code => stop(code ?? 0));
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stop(0));
}

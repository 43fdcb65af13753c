#!/usr/bin/env node
// Every check that `npm test` promises, in one run. Each step runs even when an
// earlier one failed, so one run shows every problem; the exit code is non-zero
// when any step failed. The last line is the plain "N passed, N failed" summary.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const steps = [
  { name: 'types (tsc)', command: ['tsc'] },
  {
    name: 'lint (backstage-cli repo lint)',
    command: ['backstage-cli', 'repo', 'lint'],
  },
  { name: 'format (prettier --check)', command: ['prettier', '--check', '.'] },
  {
    name: 'unit + integration (backstage-cli repo test)',
    command: ['backstage-cli', 'repo', 'test'],
    // @kubernetes/client-node is ESM-only; Jest loads it through vm modules.
    env: { CI: 'true', NODE_OPTIONS: '--experimental-vm-modules' },
  },
  { name: 'end-to-end (playwright)', command: ['node', 'scripts/e2e.mjs'] },
];

const only = process.argv.slice(2);
const selected = only.length
  ? steps.filter(step => only.some(word => step.name.includes(word)))
  : steps;

const results = [];
for (const step of selected) {
  process.stdout.write(`\n=== ${step.name}\n`);
  const started = Date.now();
  const [command, ...args] = step.command;
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const ok = result.status === 0;
  results.push({ name: step.name, ok, seconds });
  process.stdout.write(
    `=== ${step.name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)\n`,
  );
}

process.stdout.write('\nSummary\n');
for (const { name, ok, seconds } of results) {
  process.stdout.write(
    `  ${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s)\n`,
  );
}
const failed = results.filter(r => !r.ok).length;
process.stdout.write(
  `checks: ${results.length - failed} passed, ${failed} failed\n`,
);
process.exit(failed ? 1 : 0);

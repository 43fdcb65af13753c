#!/usr/bin/env node
// Runs the Playwright end-to-end tests in a system Chromium. Playwright's own
// browser download needs the internet, which these machines do not have, so the
// browser comes from the OS: PLAYWRIGHT_CHROMIUM_PATH, else /usr/bin/chromium,
// else (as root, with apt) Debian's `chromium` package is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) {
      throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist`);
    }
    return fromEnv;
  }
  return CANDIDATES.find(candidate => fs.existsSync(candidate));
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function installChromium() {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    return false;
  }
  process.stdout.write(
    '[e2e] no Chromium found; installing Debian package "chromium" with apt-get\n',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update'],
    ['install', '-y', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) return false;
  }
  return true;
}

let chromium = findChromium();
if (!chromium && installChromium()) {
  chromium = findChromium();
}
if (!chromium) {
  process.stderr.write(
    [
      '[e2e] No Chromium found, and Playwright cannot download its own browser here.',
      '      Install one and run again, for example:',
      '        sudo apt-get install chromium          (Debian/Ubuntu)',
      '      or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome binary.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);

#!/usr/bin/env node
// Entry point behind `npm start` and `npm test`. It must run on the oldest Node a
// newcomer may have (20) with nothing but npm, so it uses only Node built-ins.
//
//   node scripts/bootstrap.mjs <root-script> [args...]
//
// 1. Finds a Node that Backstage supports (22 or 24). When the running Node is
//    older, it installs the npm package `node-<platform>-<arch>@24` into
//    `.toolchain/` once and uses it from then on, with `npm_config_nodedir`
//    pointed at its headers so native addons (better-sqlite3, isolated-vm)
//    build without downloading anything.
// 2. Runs the committed Yarn release (`yarnPath` in .yarnrc.yml).
// 3. Runs `yarn install --immutable` only when the lockfile, a manifest or the
//    Node version changed since the last install (stamp in node_modules).
// 4. Hands over to `yarn run <root-script>`.
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolchainDir = path.join(root, '.toolchain');
// Pinned so that every machine builds native addons against the same headers.
const NODE_PACKAGE_VERSION = '24.22.3';
const SUPPORTED_NODE_MAJORS = [22, 24];
const STAMP = path.join(root, 'node_modules', '.bootstrap-stamp');

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function fail(message) {
  log(`error: ${message}`);
  process.exit(1);
}

function nodeMajor(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

function ensureNode() {
  if (SUPPORTED_NODE_MAJORS.includes(nodeMajor(process.version))) {
    return { nodeBin: process.execPath, nodeDir: undefined };
  }
  const pkg = `node-${
    process.platform === 'win32' ? 'win' : process.platform
  }-${process.arch}`;
  const pkgDir = path.join(toolchainDir, 'node_modules', pkg);
  const nodeBin = path.join(
    pkgDir,
    process.platform === 'win32' ? 'node.exe' : 'bin/node',
  );
  if (!fs.existsSync(nodeBin)) {
    log(
      `Node ${process.version} is older than Backstage supports (22 or 24); installing ${pkg}@${NODE_PACKAGE_VERSION} into .toolchain/`,
    );
    fs.mkdirSync(toolchainDir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        toolchainDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `${pkg}@${NODE_PACKAGE_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
    if (result.status !== 0 || !fs.existsSync(nodeBin)) {
      fail(
        `could not install ${pkg}@${NODE_PACKAGE_VERSION} with npm. Install Node 22 or 24 yourself and run the command again.`,
      );
    }
  }
  return { nodeBin, nodeDir: pkgDir };
}

function yarnRelease() {
  const yarnrc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const match = yarnrc.match(/^yarnPath:\s*(\S+)\s*$/m);
  if (!match)
    fail('.yarnrc.yml has no yarnPath; the Yarn release must be committed');
  const release = path.join(root, match[1]);
  if (!fs.existsSync(release)) fail(`the Yarn release ${match[1]} is missing`);
  return release;
}

function installFingerprint(nodeVersion) {
  const hash = createHash('sha256');
  hash.update(nodeVersion);
  for (const file of ['yarn.lock', '.yarnrc.yml', 'package.json']) {
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  for (const dir of ['packages', 'plugins']) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base).sort()) {
      const manifest = path.join(base, name, 'package.json');
      if (fs.existsSync(manifest)) {
        hash.update(manifest.slice(root.length));
        hash.update(fs.readFileSync(manifest));
      }
    }
  }
  return hash.digest('hex');
}

function main() {
  const [script, ...args] = process.argv.slice(2);
  if (!script) fail('usage: node scripts/bootstrap.mjs <script> [args...]');

  const { nodeBin, nodeDir } = ensureNode();
  const env = { ...process.env };
  env.PATH = [path.dirname(nodeBin), env.PATH].join(path.delimiter);
  if (nodeDir) env.npm_config_nodedir = nodeDir;
  // npm sets these for its own child processes; Yarn must not mistake them for its own.
  delete env.npm_config_user_agent;
  delete env.npm_execpath;

  const yarn = [yarnRelease()];
  const nodeVersion = spawnSync(nodeBin, ['--version'], {
    encoding: 'utf8',
  }).stdout.trim();
  const fingerprint = installFingerprint(nodeVersion);
  const stamp = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : '';
  if (stamp !== fingerprint) {
    log(
      `installing dependencies with Node ${nodeVersion} (yarn install --immutable)`,
    );
    const started = Date.now();
    const result = spawnSync(nodeBin, [...yarn, 'install', '--immutable'], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    if (result.status !== 0) fail('yarn install failed');
    fs.writeFileSync(STAMP, fingerprint);
    log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  }

  const child = spawn(nodeBin, [...yarn, 'run', script, ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main();

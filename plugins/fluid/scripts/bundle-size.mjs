#!/usr/bin/env node
// What the Fluid plugin adds to the app's bundle: builds packages/app twice,
// with the plugin and with it excluded from package discovery
// (app.packages.exclude, a config override; no file is changed), and prints
// the sizes of all JS/CSS files, of the files index.html loads up front, and
// of the chunks that only the build with the plugin has.
//
//   node plugins/fluid/scripts/bundle-size.mjs     (from the repository root,
//                                                   with Node 24 on PATH)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const app = path.join(root, 'packages/app');
const cli = path.join(root, 'node_modules/.bin/backstage-cli');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-bundle-'));

function build(name, extraConfig) {
  const args = [
    'package',
    'build',
    '--config',
    path.join(root, 'app-config.yaml'),
  ];
  if (extraConfig) {
    const file = path.join(work, `${name}.yaml`);
    fs.writeFileSync(file, extraConfig);
    args.push('--config', file);
  }
  process.stdout.write(`building the app ${name} the plugin…\n`);
  const result = spawnSync(cli, args, { cwd: app, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `build ${name} failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
  const out = path.join(work, name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(path.join(app, 'dist'), out, { recursive: true });
  return out;
}

function sizes(dist) {
  const files = new Map();
  for (const file of fs.readdirSync(path.join(dist, 'static'))) {
    if (!/\.(js|css)$/.test(file)) continue;
    const bytes = fs.readFileSync(path.join(dist, 'static', file));
    files.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    });
  }
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = [
    ...html.matchAll(/(?:src|href)="\/?static\/([^"]+\.(?:js|css))"/g),
  ].map(m => m[1]);
  return { files, entry };
}

const print = line => process.stdout.write(`${line}\n`);
const sum = list =>
  list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), {
    raw: 0,
    gzip: 0,
  });
const kib = ({ raw, gzip }) =>
  `${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`;
const diff = (a, b) => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip });

try {
  const withPlugin = sizes(build('with'));
  const without = sizes(
    build(
      'without',
      'app:\n  packages:\n    exclude: ["@internal/plugin-fluid"]\n',
    ),
  );
  const total = m => sum([...m.files.values()]);
  const entry = m => sum(m.entry.map(f => m.files.get(f)).filter(Boolean));
  print(`all JS/CSS:      +${kib(diff(total(withPlugin), total(without)))}`);
  print(`loaded up front: +${kib(diff(entry(withPlugin), entry(without)))}`);
  // Content hashes shift in many chunks; name the ones that carry the
  // plugin's code or its chart library (loaded when the tab opens).
  print('lazy chunks with the plugin or recharts:');
  for (const [file, size] of withPlugin.files) {
    if (without.files.has(file) || withPlugin.entry.includes(file)) continue;
    const text = fs.readFileSync(
      path.join(work, 'with', 'static', file),
      'utf8',
    );
    if (/Model cache|recharts/.test(text)) print(`  ${file}: ${kib(size)}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

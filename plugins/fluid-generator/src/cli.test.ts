import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { main } from './cli';
import { renderModelCacheRepository } from './render';

const values = {
  name: 'llama-cache',
  namespace: 'model-serving',
  owner: 'group:default/ml-platform',
  backend: { type: 'juicefs', bundled: true },
  models: ['meta-llama/Llama-3.1-8B-Instruct'],
};

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('fluid-model-cache', () => {
  let dir: string;
  const output: { stdout: string; stderr: string } = { stdout: '', stderr: '' };
  const io = {
    stdout: (text: string) => (output.stdout += text),
    stderr: (text: string) => (output.stderr += text),
  };
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      typeof content === 'string' ? content : stringify(content),
    );
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-cli-'));
    output.stdout = '';
    output.stderr = '';
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the repository the renderer produces', async () => {
    const out = path.join(dir, 'repo');
    expect(
      await main(
        ['generate', '--values', write('values.yaml', values), '--output', out],
        io,
      ),
    ).toBe(0);
    const expected = renderModelCacheRepository(values).files;
    expect(listFiles(out)).toEqual(expected.map(f => f.path).sort());
    for (const file of expected) {
      expect(fs.readFileSync(path.join(out, file.path), 'utf8')).toBe(
        file.content,
      );
    }
    expect(output.stdout).toContain('kubectl apply -k');
    // No staging directory is left beside the output.
    expect(fs.readdirSync(dir).sort()).toEqual(['repo', 'values.yaml']);
  });

  it('reads JSON values and fills an existing empty directory', async () => {
    const out = path.join(dir, 'empty');
    fs.mkdirSync(out);
    expect(
      await main(
        [
          'generate',
          '--values',
          write('values.json', JSON.stringify(values)),
          '--output',
          out,
        ],
        io,
      ),
    ).toBe(0);
    expect(listFiles(out)).toContain('deploy/kustomization.yaml');
  });

  it('exits 1 naming every bad field, and leaves the output untouched', async () => {
    const bad = {
      ...values,
      name: 'Llama',
      cache: { tiers: [{ medium: 'SSD', path: '/c', quota: '2GB' }] },
    };
    const missing = path.join(dir, 'missing');
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    for (const out of [missing, empty]) {
      expect(
        await main(
          ['generate', '--values', write('bad.yaml', bad), '--output', out],
          io,
        ),
      ).toBe(1);
    }
    expect(output.stderr).toContain('  - name: must be a DNS-1035 label');
    expect(output.stderr).toContain(
      '  - cache.tiers[0].quota: quota must be a Kubernetes quantity with a unit',
    );
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.readdirSync(empty)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['bad.yaml', 'empty']);
  });

  it('refuses a non-empty output directory', async () => {
    const out = path.join(dir, 'used');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    expect(
      await main(
        ['generate', '--values', write('values.yaml', values), '--output', out],
        io,
      ),
    ).toBe(1);
    expect(output.stderr).toContain('is not empty');
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });

  it('reports unreadable values files', async () => {
    expect(
      await main(
        [
          'generate',
          '--values',
          write('broken.yaml', 'name: [unclosed'),
          '--output',
          path.join(dir, 'o'),
        ],
        io,
      ),
    ).toBe(1);
    expect(output.stderr).toMatch(/is not valid YAML or JSON/);
    expect(
      await main(
        [
          'generate',
          '--values',
          path.join(dir, 'nope.yaml'),
          '--output',
          path.join(dir, 'o'),
        ],
        io,
      ),
    ).toBe(1);
    expect(fs.existsSync(path.join(dir, 'o'))).toBe(false);
  });

  it('prints usage for bad arguments', async () => {
    expect(await main([], io)).toBe(2);
    expect(await main(['generate', '--values', 'x.yaml'], io)).toBe(2);
    expect(await main(['generate', '--bogus'], io)).toBe(2);
    expect(output.stderr).toContain('Usage: fluid-model-cache generate');
    expect(await main(['--help'], io)).toBe(0);
  });

  it('runs from bin/ with plain node, without a build', async () => {
    const bin = path.resolve(
      require.resolve('@internal/plugin-fluid-generator/package.json'),
      '../bin/fluid-model-cache',
    );
    const run = promisify(execFile);
    const out = path.join(dir, 'repo');
    const ok = await run(process.execPath, [
      bin,
      'generate',
      '--values',
      write('values.yaml', values),
      '--output',
      out,
    ]);
    expect(ok.stdout).toContain('Wrote 17 files');
    expect(listFiles(out)).toHaveLength(17);
    const failed = await run(process.execPath, [
      bin,
      'generate',
      '--values',
      write('bad.yaml', { ...values, namespace: 'A' }),
      '--output',
      path.join(dir, 'x'),
    ]).catch(e => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('  - namespace: must be a DNS-1123 label');
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
});

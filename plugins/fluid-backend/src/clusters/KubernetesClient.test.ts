import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createKubernetesClient, KubernetesApiError } from './KubernetesClient';

// Loading the ESM client-node takes seconds on a busy machine.
jest.setTimeout(30_000);

// A few lines of API server: enough to check that the client sends the token,
// speaks discovery, pages through lists and reads a watch stream.
function apiServer() {
  const requests: { url: string; authorization?: string }[] = [];
  let watchResponse: http.ServerResponse | undefined;
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url!, authorization: req.headers.authorization });
    const url = new URL(req.url!, 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (req.headers.authorization !== 'Bearer t0ken') {
      res.statusCode = 401;
      res.end(
        JSON.stringify({ kind: 'Status', code: 401, message: 'Unauthorized' }),
      );
    } else if (url.pathname === '/apis/data.fluid.io/v1alpha1') {
      res.end(
        JSON.stringify({
          resources: [
            { name: 'datasets', kind: 'Dataset', namespaced: true },
            { name: 'datasets/status', kind: 'Dataset', namespaced: true },
          ],
        }),
      );
    } else if (
      url.pathname === '/apis/data.fluid.io/v1alpha1/datasets' &&
      url.searchParams.get('watch')
    ) {
      watchResponse = res;
      res.write(
        `${JSON.stringify({
          type: 'ADDED',
          object: { metadata: { name: 'c', resourceVersion: '11' } },
        })}\n`,
      );
    } else if (url.pathname === '/apis/data.fluid.io/v1alpha1/datasets') {
      const page = url.searchParams.get('continue') ? 2 : 1;
      res.end(
        JSON.stringify({
          items: [{ metadata: { name: page === 1 ? 'a' : 'b' } }],
          metadata: {
            resourceVersion: '10',
            continue: page === 1 ? 'next' : '',
          },
        }),
      );
    } else if (url.pathname === '/apis/data.fluid.io/v1alpha1/dataloads') {
      res.statusCode = 410;
      res.end(
        JSON.stringify({
          kind: 'Status',
          code: 410,
          message: 'The provided continue parameter is too old',
        }),
      );
    } else {
      res.statusCode = 404;
      res.end(
        JSON.stringify({ kind: 'Status', code: 404, message: 'not found' }),
      );
    }
  });
  return {
    requests,
    endWatch: () => watchResponse?.end(),
    listen: () =>
      new Promise<string>(resolve =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('createKubernetesClient (on @kubernetes/client-node)', () => {
  const server = apiServer();
  let url: string;
  beforeAll(async () => {
    url = await server.listen();
  });
  afterAll(() => server.close());

  const client = (token = 't0ken') =>
    createKubernetesClient({
      name: 'test',
      // client-node refuses plain http unless TLS verification is off.
      source: { type: 'config', server: url, token, skipTLSVerify: true },
    });

  it('discovers resources, without subresources; undefined for an unserved group', async () => {
    const c = await client();
    expect(await c.discover('data.fluid.io/v1alpha1')).toEqual([
      { name: 'datasets', kind: 'Dataset', namespaced: true },
    ]);
    expect(
      await c.discover('modelexpress.nvidia.com/v1alpha1'),
    ).toBeUndefined();
    expect(server.requests.at(-1)?.authorization).toBe('Bearer t0ken');
  });

  it('lists a page with limit and continue', async () => {
    const c = await client();
    const first = await c.list('/apis/data.fluid.io/v1alpha1/datasets', {
      limit: 1,
    });
    expect(first).toEqual({
      items: [{ metadata: { name: 'a' } }],
      resourceVersion: '10',
      continueToken: 'next',
    });
    const second = await c.list('/apis/data.fluid.io/v1alpha1/datasets', {
      limit: 1,
      continueToken: 'next',
    });
    expect(second.continueToken).toBeUndefined();
    expect(server.requests.at(-1)?.url).toBe(
      '/apis/data.fluid.io/v1alpha1/datasets?limit=1&continue=next',
    );
  });

  it('turns error answers into KubernetesApiError with the status and message', async () => {
    const c = await client();
    await expect(
      c.list('/apis/data.fluid.io/v1alpha1/dataloads', { limit: 1 }),
    ).rejects.toMatchObject({
      statusCode: 410,
      message: expect.stringContaining('too old'),
    });
    const unauthorized = await client('wrong');
    const error = await unauthorized
      .discover('data.fluid.io/v1alpha1')
      .catch(e => e);
    expect(error).toBeInstanceOf(KubernetesApiError);
    expect(error.statusCode).toBe(401);
  });

  it('streams watch events until the server ends the stream', async () => {
    const c = await client();
    const events: string[] = [];
    const done = new Promise<Error | null>(resolve => {
      c.watch(
        '/apis/data.fluid.io/v1alpha1/datasets',
        { resourceVersion: '10', timeoutSeconds: 30 },
        (type, object) => {
          events.push(`${type} ${object.metadata.name}`);
          server.endWatch();
        },
        resolve,
      );
    });
    expect(await done).toBeNull();
    expect(events).toEqual(['ADDED c']);
    const watchUrl = new URL(server.requests.at(-1)!.url, 'http://x');
    expect(Object.fromEntries(watchUrl.searchParams)).toMatchObject({
      watch: 'true',
      resourceVersion: '10',
      timeoutSeconds: '30',
      allowWatchBookmarks: 'true',
    });
  });

  it('reads a cluster from a kubeconfig context (the local-use source)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-kubeconfig-'));
    const file = path.join(dir, 'config');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: other',
        'clusters:',
        `- name: local\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
        '- name: elsewhere\n  cluster:\n    server: https://192.0.2.1:6443',
        'users:',
        '- name: dev\n  user:\n    token: t0ken',
        'contexts:',
        '- name: kind-dev\n  context:\n    cluster: local\n    user: dev',
        '- name: other\n  context:\n    cluster: elsewhere\n    user: dev',
        '',
      ].join('\n'),
    );
    try {
      const c = await createKubernetesClient({
        name: 'kind-dev',
        source: { type: 'kubeconfig', path: file, context: 'kind-dev' },
      });
      expect(await c.discover('data.fluid.io/v1alpha1')).toHaveLength(1);
      await expect(
        createKubernetesClient({
          name: 'nope',
          source: { type: 'kubeconfig', path: file, context: 'nope' },
        }),
      ).rejects.toThrow(/nope/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

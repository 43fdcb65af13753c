import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesApiError } from '../clusters/KubernetesClient';
import { FakeKubernetesClient } from '../testing/FakeKubernetesClient';
import { dataset, eventually, PATHS } from '../testing/objects';
import { DatasetRecord, projectDataset } from './projections';
import { Reflector } from './Reflector';

const settings = {
  pageSize: 2,
  timeoutSeconds: 60,
  initialBackoffMs: 5,
  maxBackoffMs: 20,
};

function setup() {
  const client = new FakeKubernetesClient();
  const changes = jest.fn();
  const reflector = new Reflector({
    client,
    path: PATHS.datasets,
    project: projectDataset,
    indexBy: d => d.kubernetesId,
    settings,
    logger: mockServices.logger.mock(),
    onChange: changes,
  });
  return { client, reflector, changes };
}

describe('Reflector', () => {
  let reflector: Reflector<DatasetRecord> | undefined;
  afterEach(() => reflector?.stop());

  it('lists every page, then follows the watch', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      client.put(PATHS.datasets, dataset('ns', name));
    }
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));
    expect(r.items.size).toBe(5);
    // pageSize 2 → three list calls, then one watch
    expect(client.calls.filter(c => c.startsWith('list')).length).toBe(3);

    client.put(PATHS.datasets, dataset('ns', 'f', { id: 'svc' }));
    client.put(PATHS.datasets, dataset('ns', 'a', { phase: 'Failed' }));
    client.remove(PATHS.datasets, 'ns', 'b');
    await eventually(() => {
      expect(r.items.size).toBe(5);
      expect(r.items.get('ns/a')).toMatchObject({ phase: 'Failed' });
      expect(r.items.has('ns/b')).toBe(false);
      expect(r.lookup('svc').map((d: any) => d.name)).toEqual(['f']);
    });
  });

  it('keeps a projection, not the whole object', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    client.put(PATHS.datasets, dataset('ns', 'a'));
    r.start();
    await eventually(() => expect(r.items.size).toBe(1));
    const item = r.items.get('ns/a') as unknown as Record<string, unknown>;
    expect(item).not.toHaveProperty('spec');
    expect(item).not.toHaveProperty('metadata');
    expect(item).toMatchObject({
      cachedBytes: Math.round(1.92 * 1024 ** 3),
      hitRatio: 0.864,
    });
  });

  it('relists after a 410 in the watch stream and drops what vanished meanwhile', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    client.put(PATHS.datasets, dataset('ns', 'a'));
    client.put(PATHS.datasets, dataset('ns', 'b'));
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));

    // Changes the watch never delivers: the API server compacted them away.
    const [watch] = client.watchers.splice(0);
    client.remove(PATHS.datasets, 'ns', 'b');
    client.put(PATHS.datasets, dataset('ns', 'c'));
    watch.onEvent('ERROR', {
      kind: 'Status',
      code: 410,
      message: 'too old resource version',
    });

    await eventually(() => {
      expect([...r.items.keys()].sort()).toEqual(['ns/a', 'ns/c']);
      expect(r.state).toBe('watching');
    });
    expect(client.calls.filter(c => c.startsWith('list')).length).toBe(2);
  });

  it('relists after a 410 answer to the watch request', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));
    client.dropWatches(new KubernetesApiError(410, 'Gone'));
    await eventually(() =>
      expect(client.calls.filter(c => c.startsWith('list')).length).toBe(2),
    );
  });

  it('resumes a dropped watch from the last resourceVersion without relisting', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    client.put(PATHS.datasets, dataset('ns', 'a'));
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));
    client.dropWatches();
    await eventually(() => expect(client.watchers.length).toBe(1));
    expect(client.calls.filter(c => c.startsWith('list')).length).toBe(1);
    client.put(PATHS.datasets, dataset('ns', 'b'));
    await eventually(() => expect(r.items.size).toBe(2));
  });

  it('backs off and retries when the cluster is unreachable, then recovers', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    client.failure = new Error('connect ECONNREFUSED 127.0.0.1:6443');
    r.start();
    await eventually(() => {
      expect(r.state).toBe('backoff');
      expect(r.lastError?.message).toContain('ECONNREFUSED');
    });
    expect(r.currentAt(Date.now())).toBeUndefined();
    const failedCalls = client.calls.length;
    await eventually(() =>
      expect(client.calls.length).toBeGreaterThan(failedCalls + 1),
    );

    client.failure = undefined;
    client.put(PATHS.datasets, dataset('ns', 'a'));
    await eventually(() => {
      expect(r.state).toBe('watching');
      expect(r.items.size).toBe(1);
      expect(r.lastError).toBeUndefined();
    });
  });

  it('reports when it was last current while it cannot watch', async () => {
    const { client, reflector: r } = setup();
    reflector = r;
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));
    expect(r.currentAt(12345)).toBe(12345);
    const before = Date.now();
    client.failure = new Error('connection reset');
    client.dropWatches(new Error('connection reset'));
    await eventually(() => expect(r.state).toBe('backoff'));
    const at = r.currentAt(Date.now() + 60_000)!;
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('stops for good', async () => {
    const { client, reflector: r } = setup();
    r.start();
    await eventually(() => expect(r.state).toBe('watching'));
    await r.stop();
    expect(r.state).toBe('stopped');
    expect(client.watchers).toHaveLength(0);
    const calls = client.calls.length;
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(client.calls.length).toBe(calls);
  });
});

import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator, Simulator } from './simulator';
import { eventually, kubectlFor } from './__testUtils__';

jest.setTimeout(60_000);

const dataset = (name: string) => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'models' },
  spec: { mounts: [{ mountPoint: 'pvc://weights', name: 'weights' }] },
  status: { phase: 'Bound', conditions: [] },
});

/**
 * A real @kubernetes/client-node 1.4.0 informer (list + watch) in a child
 * process: client-node is ESM-only, and a separate process keeps this test
 * independent of Jest's module system.
 */
describe('@kubernetes/client-node informer against the simulator', () => {
  let simulator: Simulator;
  let kubectl: ReturnType<typeof kubectlFor>;
  let child: ChildProcess;
  let events: Array<{ event: string; name?: string; message?: string }> = [];

  const count = (event: string) => events.filter(e => e.event === event).length;
  const sawAdd = (name: string) => () =>
    events.some(e => e.event === 'add' && e.name === name) ? true : undefined;

  beforeAll(async () => {
    simulator = await startSimulator({
      controller: false,
      objects: [dataset('first')],
    });
    kubectl = kubectlFor(simulator);
    const script = path.join(__dirname, '..', 'test-fixtures', 'informer.mjs');
    child = spawn(process.execPath, [script, kubectl.kubeconfig, 'models'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    child.stdout!.on('data', chunk => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      events.push(...lines.filter(Boolean).map(line => JSON.parse(line)));
    });
    await eventually(sawAdd('first'), 20_000, 'the initial list');
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    kubectl.cleanup();
    await simulator.stop();
  });

  it('lists, then watches', async () => {
    expect(count('list')).toBe(1);
    simulator.load([dataset('second')]);
    await eventually(sawAdd('second'), 10_000, 'the watch event');
    expect(count('list')).toBe(1);
  });

  it('survives a dropped watch stream by watching again from its resourceVersion', async () => {
    events = events.filter(e => e.event === 'list');
    const lists = count('list');
    expect(simulator.dropWatches()).toBeGreaterThan(0);
    await eventually(
      () => (count('connect') > 0 ? true : undefined),
      10_000,
      'a new watch',
    );
    simulator.load([dataset('third')]);
    await eventually(sawAdd('third'), 10_000, 'an event after the drop');
    // A clean end of the stream resumes the watch without listing again.
    expect(count('list')).toBe(lists);
  });

  it('survives a reset connection', async () => {
    simulator.dropWatches({ reset: true });
    await eventually(
      () => (count('error') > 0 ? true : undefined),
      10_000,
      'the error callback',
    );
    simulator.load([dataset('fourth')]);
    expect(
      await eventually(sawAdd('fourth'), 10_000, 'an event after the reset'),
    ).toBe(true);
    expect(count('error')).toBeGreaterThan(0);
  });

  it('relists after 410 Gone', async () => {
    const lists = count('list');
    // Newer versions elsewhere, the history forgotten, the stream cut: the
    // informer's resourceVersion is now too old and its watch gets 410 Expired.
    simulator.load([
      {
        ...dataset('elsewhere'),
        metadata: { name: 'elsewhere', namespace: 'other' },
      },
    ]);
    simulator.expireResourceVersions();
    simulator.dropWatches();
    await eventually(
      () => (count('list') > lists ? true : undefined),
      10_000,
      'a relist',
    );
    simulator.load([dataset('fifth')]);
    expect(
      await eventually(sawAdd('fifth'), 10_000, 'an event after the relist'),
    ).toBe(true);
    expect(count('list')).toBeGreaterThan(lists);
  });
});

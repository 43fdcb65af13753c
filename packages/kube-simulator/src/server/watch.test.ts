import { startSimulator, Simulator } from '../simulator';
import { request } from '../__testUtils__';

jest.setTimeout(30_000);

const DATASETS = '/apis/data.fluid.io/v1alpha1/namespaces/models/datasets';

const dataset = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'data.fluid.io/v1alpha1',
  kind: 'Dataset',
  metadata: { name, namespace: 'models', labels },
  spec: { mounts: [{ mountPoint: 'pvc://weights', name: 'w' }] },
});

const events = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));

describe('watch and list semantics', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({
      controller: false,
      bookmarkIntervalMs: 100,
      objects: [dataset('a', { tier: 'gold' })],
    });
  });
  afterAll(() => simulator.stop());

  it('starts with the current state, ends at timeoutSeconds and sends bookmarks', async () => {
    const started = Date.now();
    const { text } = await request(
      simulator,
      `${DATASETS}?watch=true&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const received = events(text);
    expect(received[0]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'a' } },
    });
    const bookmark = received.find(e => e.type === 'BOOKMARK');
    expect(bookmark.object).toMatchObject({
      kind: 'Dataset',
      apiVersion: 'data.fluid.io/v1alpha1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
  });

  it('marks the end of the initial events for sendInitialEvents', async () => {
    const { text } = await request(
      simulator,
      `${DATASETS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    const received = events(text);
    const end = received.findIndex(
      e =>
        e.object.metadata.annotations?.['k8s.io/initial-events-end'] === 'true',
    );
    expect(end).toBe(1);
  });

  it('resumes after a resourceVersion and follows label selectors in and out', async () => {
    const list = await request(simulator, DATASETS);
    const rv = list.body.metadata.resourceVersion;
    const watching = request(
      simulator,
      `${DATASETS}?watch=true&resourceVersion=${rv}&labelSelector=tier%3Dgold&timeoutSeconds=1`,
    );
    await new Promise(resolve => setTimeout(resolve, 200));
    simulator.load([dataset('b', { tier: 'gold' })]);
    const type = simulator.cluster.registry.get('data.fluid.io', 'datasets')!;
    simulator.cluster.mutate('data.fluid.io', 'datasets', 'models', 'a', o => {
      o.metadata.labels = { tier: 'silver' };
    });
    simulator.cluster.delete(type, 'models', 'b');
    const received = events((await watching).text).map(e => [
      e.type,
      e.object.metadata.name,
    ]);
    expect(received).toEqual([
      ['ADDED', 'b'],
      ['DELETED', 'a'],
      ['DELETED', 'b'],
    ]);
  });

  it('answers lists and watches as Tables', async () => {
    const table = await request(simulator, DATASETS, {
      headers: {
        Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      },
    });
    expect(table.headers['content-type']).toContain('as=Table');
    expect(
      table.body.columnDefinitions.map((c: { name: string }) => c.name),
    ).toEqual([
      'Name',
      'Ufs Total Size',
      'Cached',
      'Cache Capacity',
      'Cached Percentage',
      'Phase',
      'HCFS URL',
      'TOTAL FILES',
      'CACHE HIT RATIO',
      'Age',
    ]);
    expect(table.body.rows[0].object.kind).toBe('PartialObjectMetadata');
    const watch = await request(
      simulator,
      `${DATASETS}?watch=true&timeoutSeconds=1`,
      {
        headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      },
    );
    expect(events(watch.text)[0].object).toMatchObject({
      kind: 'Table',
      rows: [
        {
          cells: [
            'a',
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            expect.any(String),
          ],
        },
      ],
    });
  });

  it('answers 404 for unknown paths and 409 for duplicates with Status objects', async () => {
    expect(
      (await request(simulator, '/apis/nothing.example.com/v1/things')).body,
    ).toMatchObject({
      kind: 'Status',
      code: 404,
      message: 'the server could not find the requested resource',
    });
    const body = {
      ...dataset('dup'),
      metadata: { name: 'dup', namespace: 'models' },
    };
    expect(
      (await request(simulator, DATASETS, { method: 'POST', body })).status,
    ).toBe(201);
    const again = await request(simulator, DATASETS, { method: 'POST', body });
    expect(again.body).toMatchObject({
      code: 409,
      reason: 'AlreadyExists',
      message: 'datasets.data.fluid.io "dup" already exists',
    });
    const missingNamespace = await request(
      simulator,
      '/api/v1/namespaces/nowhere/configmaps',
      {
        method: 'POST',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      },
    );
    expect(missingNamespace.body).toMatchObject({
      code: 404,
      message: 'namespaces "nowhere" not found',
    });
  });
});

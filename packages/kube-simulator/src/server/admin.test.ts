import { startSimulator, Simulator } from '../simulator';
import { eventually, request } from '../__testUtils__';

jest.setTimeout(30_000);

const DATASET = '/apis/data.fluid.io/v1alpha1/namespaces/ns/datasets/models';

describe('POST /simulator/events', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    // Objects without status: the simulated controller brings them up.
    simulator = await startSimulator({ controller: { speed: 20 } });
    simulator.load([
      {
        apiVersion: 'data.fluid.io/v1alpha1',
        kind: 'Dataset',
        metadata: { name: 'models', namespace: 'ns' },
        spec: {
          mounts: [{ mountPoint: 's3://bucket/models', name: 'models' }],
        },
      },
      {
        apiVersion: 'data.fluid.io/v1alpha1',
        kind: 'AlluxioRuntime',
        metadata: { name: 'models', namespace: 'ns' },
        spec: { replicas: 1 },
      },
    ]);
  });

  afterAll(() => simulator.stop());

  const phase = async () =>
    (await request(simulator, DATASET)).body?.status?.phase;

  it('runs a scenario event at once: the controller fails and recovers a dataset', async () => {
    await eventually(async () =>
      (await phase()) === 'Bound' ? true : undefined,
    );
    const failed = await request(simulator, '/simulator/events', {
      method: 'POST',
      body: { action: 'datasetFailed', dataset: 'ns/models' },
    });
    expect(failed).toMatchObject({
      status: 200,
      body: { ran: 'datasetFailed' },
    });
    await eventually(async () =>
      (await phase()) === 'Failed' ? true : undefined,
    );

    await request(simulator, '/simulator/events', {
      method: 'POST',
      body: { action: 'datasetRecovered', dataset: 'ns/models' },
    });
    await eventually(async () =>
      (await phase()) === 'Bound' ? true : undefined,
    );
  });

  it('answers 400 naming the bad field, and needs the token', async () => {
    const bad = await request(simulator, '/simulator/events', {
      method: 'POST',
      body: { action: 'datasetFailed', dataset: 'no-slash' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^dataset: /);
    const anonymous = await request(simulator, '/simulator/events', {
      method: 'POST',
      body: { action: 'restart' },
      token: null,
    });
    expect(anonymous.status).toBe(401);
  });
});

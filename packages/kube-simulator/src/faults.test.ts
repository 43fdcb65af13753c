import { startSimulator, Simulator } from './simulator';
import { request } from './__testUtils__';

jest.setTimeout(60_000);

const LIST = '/apis/data.fluid.io/v1alpha1/namespaces/default/datasets';

describe('faults', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({ controller: false });
  });
  afterEach(() => simulator.resetFaults());
  afterAll(() => simulator.stop());

  it('delays every answer by latency plus jitter', async () => {
    simulator.setFaults({ latencyMs: 150, jitterMs: 100 });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      expect((await request(simulator, LIST)).status).toBe(200);
      times.push(Date.now() - started);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(145);
    expect(Math.max(...times)).toBeLessThan(1000);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    expect(mean).toBeGreaterThan(150);
  });

  it('fails the configured share of requests with 500, 429 and 403', async () => {
    simulator.setFaults({ errorRates: { 500: 0.2, 429: 0.1, 403: 0.1 } });
    const codes: Record<number, number> = {};
    const answers: Array<{ status: number; body: any; retryAfter: unknown }> =
      [];
    const n = 600;
    for (let i = 0; i < n; i++) {
      const { status, body, headers } = await request(simulator, LIST);
      codes[status] = (codes[status] ?? 0) + 1;
      answers.push({ status, body, retryAfter: headers['retry-after'] });
    }
    const failures = answers.filter(a => a.status !== 200);
    expect(
      failures.every(
        a => a.body?.kind === 'Status' && a.body.code === a.status,
      ),
    ).toBe(true);
    expect(
      answers.filter(a => a.status === 429).every(a => a.retryAfter === '1'),
    ).toBe(true);
    // Binomial tolerance: ±4.5 standard deviations.
    const within = (code: number, rate: number) => {
      const sd = Math.sqrt(n * rate * (1 - rate));
      expect(Math.abs((codes[code] ?? 0) - n * rate)).toBeLessThan(4.5 * sd);
    };
    within(500, 0.2);
    within(429, 0.1);
    within(403, 0.1);
    within(200, 0.6);
  });

  it('answers 401 with a Status for a missing or wrong token', async () => {
    for (const token of [null, 'wrong']) {
      const { status, body } = await request(simulator, LIST, { token });
      expect(status).toBe(401);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    expect((await request(simulator, '/healthz', { token: null })).text).toBe(
      'ok',
    );
  });

  it('refuses connections, then serves again', async () => {
    await simulator.refuseConnections(400);
    await expect(request(simulator, LIST)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await new Promise(resolve => setTimeout(resolve, 600));
    expect((await request(simulator, LIST)).status).toBe(200);
  });

  it('cuts every watch and connection on restart, then serves again', async () => {
    const watching = request(simulator, `${LIST}?watch=true`);
    await new Promise(resolve => setTimeout(resolve, 200));
    await simulator.restart();
    await expect(watching).rejects.toThrow();
    expect((await request(simulator, LIST)).status).toBe(200);
  });

  it('cuts watch streams after watchDropAfterMs', async () => {
    simulator.setFaults({ watchDropAfterMs: 300 });
    const started = Date.now();
    const { status } = await request(simulator, `${LIST}?watch=true`);
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('is changed at run time through the admin endpoint, with the same token', async () => {
    expect(
      (await request(simulator, '/simulator/faults', { token: null })).status,
    ).toBe(401);
    const changed = await request(simulator, '/simulator/faults', {
      method: 'PATCH',
      body: { latencyMs: 10, errorRates: { 429: 0.5 } },
    });
    expect(changed.status).toBe(200);
    expect(simulator.faults()).toMatchObject({
      latencyMs: 10,
      errorRates: { 429: 0.5, 500: 0 },
    });
    const invalid = await request(simulator, '/simulator/faults', {
      method: 'PATCH',
      body: { errorRates: { 500: 2 } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('faults.errorRates.500');
    const reset = await request(simulator, '/simulator/faults', {
      method: 'DELETE',
    });
    expect(reset.body.latencyMs).toBe(0);
    const expired = await request(
      simulator,
      '/simulator/actions/expire-resource-versions',
      { method: 'POST' },
    );
    expect(expired.status).toBe(200);
    const old = await request(
      simulator,
      `${LIST}?watch=true&resourceVersion=1`,
    );
    expect(old.text).toContain('"code":410');
    expect(old.text).toContain('too old resource version: 1');
  });
});

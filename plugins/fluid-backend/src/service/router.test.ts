import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_HEALTH_THRESHOLDS } from '@internal/plugin-fluid-common';
import express from 'express';
import request from 'supertest';
import { HistoryStore } from '../history/HistoryStore';
import { FakeKubernetesClient } from '../testing/FakeKubernetesClient';
import { alluxioRuntime, dataset, eventually, PATHS } from '../testing/objects';
import { FluidStore } from '../watch/FluidStore';
import { createRouter } from './router';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/ml-platform',
    lifecycle: 'production',
  },
});

const entities = [
  component('llama-chat', { 'fluid.io/dataset': 'model-serving/llama-chat' }),
  component('broken', {
    'fluid.io/dataset': 'model-serving/llama-chat, south:x/y',
    'backstage.io/kubernetes-id': 'broken',
  }),
  component('bad-annotation', { 'fluid.io/dataset': 'not-a-ref' }),
  component('no-cache', {}),
];

describe('createRouter', () => {
  let store: FluidStore;
  let history: HistoryStore;
  let client: FakeKubernetesClient;
  const permissions = mockServices.permissions.mock();
  let app: express.Express;

  beforeAll(async () => {
    client = new FakeKubernetesClient();
    client.put(PATHS.datasets, dataset('model-serving', 'llama-chat'));
    client.put(PATHS.alluxio, alluxioRuntime('model-serving', 'llama-chat'));
    client.put(
      PATHS.datasets,
      dataset('model-serving', 'failing', { phase: 'Failed' }),
    );
    for (let i = 0; i < 5; i++)
      client.put(
        PATHS.datasets,
        dataset('bulk', `d${i}`, { phase: 'NotBound' }),
      );
    store = new FluidStore({
      clusters: [
        {
          name: 'east',
          source: {
            type: 'config',
            server: 'http://east',
            skipTLSVerify: false,
          },
        },
      ],
      createClient: async () => client,
      settings: {
        pageSize: 100,
        timeoutSeconds: 60,
        initialBackoffMs: 5,
        maxBackoffMs: 10,
      },
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
      logger: mockServices.logger.mock(),
    });
    store.start();
    await eventually(() => {
      if (store.clusters()[0].state !== 'synced') throw new Error('not synced');
    });

    const knex = await databases.init('SQLITE_3');
    history = await HistoryStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    await history.record([
      {
        cluster: 'east',
        namespace: 'model-serving',
        name: 'llama-chat',
        at: new Date('2026-11-29T10:00:00Z'),
        status: 'healthy',
        cachedBytes: 1,
        capacityBytes: 2,
        cachedFraction: 0.5,
        hitRatio: 0.9,
      },
    ]);

    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock({ entities }),
      store,
      history,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  afterAll(() => store.stop());

  beforeEach(() => {
    permissions.authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    permissions.authorizeConditional.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  });

  it('GET /health needs no credentials', async () => {
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  describe('GET /v1/entity', () => {
    it('200: the entity’s datasets with health, worst status first-class', async () => {
      const res = await request(app).get(
        '/v1/entity?entityRef=component:default/llama-chat',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/llama-chat',
        status: 'healthy',
        errors: [],
        datasets: [
          {
            cluster: 'east',
            namespace: 'model-serving',
            name: 'llama-chat',
            phase: 'Bound',
            runtime: {
              kind: 'AlluxioRuntime',
              workersReady: 2,
              workersDesired: 2,
            },
            cache: {
              capacityBytes: 4 * 1024 ** 3,
              hitRatio: 0.864,
              localHitRatio: 0.712,
            },
            health: { status: 'healthy', reasons: [] },
          },
        ],
      });
      expect(typeof res.body.datasets[0].lastSyncedAt).toBe('string');
    });

    it('accepts a short ref (kind defaults are not guessed: the ref is parsed as given)', async () => {
      const res = await request(app).get(
        '/v1/entity?entityRef=component:llama-chat',
      );
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/llama-chat');
    });

    it('200 with status unknown and no datasets for an entity without links', async () => {
      const res = await request(app).get(
        '/v1/entity?entityRef=component:default/no-cache',
      );
      expect(res.body).toEqual({
        entityRef: 'component:default/no-cache',
        status: 'unknown',
        datasets: [],
        errors: [],
      });
    });

    it('401 without credentials', async () => {
      const res = await request(app)
        .get('/v1/entity?entityRef=component:default/llama-chat')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('403 when the policy denies the entity', async () => {
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const res = await request(app).get(
        '/v1/entity?entityRef=component:default/llama-chat',
      );
      expect(res.status).toBe(403);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({ name: 'fluid.dataset.read' }),
            resourceRef: 'component:default/llama-chat',
          },
        ],
        expect.anything(),
      );
    });

    it.each([
      ['', /entityRef/],
      ['?entityRef=', /entityRef/],
      ['?entityRef=%20%3A', /entityRef/],
    ])('400 for %j', async (query, message) => {
      const res = await request(app).get(`/v1/entity${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('400 naming the annotation when it is malformed', async () => {
      const res = await request(app).get(
        '/v1/entity?entityRef=component:default/bad-annotation',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /fluid.io\/dataset entry "not-a-ref"/,
      );
    });

    it('404 for an entity the catalog does not have', async () => {
      const res = await request(app).get(
        '/v1/entity?entityRef=component:default/missing',
      );
      expect(res.status).toBe(404);
    });
  });

  describe('GET /v1/datasets', () => {
    it('lists every dataset, sorted, paginated with a cursor', async () => {
      const first = await request(app).get('/v1/datasets?limit=3');
      expect(first.status).toBe(200);
      expect(first.body.totalItems).toBe(7);
      expect(
        first.body.items.map((d: any) => `${d.namespace}/${d.name}`),
      ).toEqual(['bulk/d0', 'bulk/d1', 'bulk/d2']);
      const second = await request(app).get(
        `/v1/datasets?limit=3&cursor=${first.body.nextCursor}`,
      );
      const third = await request(app).get(
        `/v1/datasets?limit=3&cursor=${second.body.nextCursor}`,
      );
      expect(third.body.items.map((d: any) => d.name)).toEqual(['llama-chat']);
      expect(third.body.nextCursor).toBeUndefined();
    });

    it('filters by cluster, namespace and status', async () => {
      const res = await request(app).get(
        '/v1/datasets?cluster=east&namespace=model-serving&status=unhealthy,degraded',
      );
      expect(res.body.items.map((d: any) => d.name)).toEqual(['failing']);
      const none = await request(app).get('/v1/datasets?cluster=west');
      expect(none.body).toMatchObject({ items: [], totalItems: 0 });
    });

    it.each([
      ['status=sick', /status: unknown status sick/],
      ['limit=0', /limit/],
      ['limit=abc', /limit/],
      ['cursor=%%%', /cursor/],
    ])('400 for %s', async (query, message) => {
      const res = await request(app).get(`/v1/datasets?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('403 unless the policy allows unconditionally', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {} as any,
        },
      ]);
      expect((await request(app).get('/v1/datasets')).status).toBe(403);
    });

    it('401 without credentials', async () => {
      const res = await request(app)
        .get('/v1/datasets')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('GET /v1/datasets/:cluster/:namespace/:name/history', () => {
    it('returns the stored points in range', async () => {
      const res = await request(app).get(
        '/v1/datasets/east/model-serving/llama-chat/history?from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        cluster: 'east',
        namespace: 'model-serving',
        name: 'llama-chat',
        from: '2026-11-29T00:00:00.000Z',
        to: '2026-11-30T00:00:00.000Z',
        points: [
          {
            at: '2026-11-29T10:00:00.000Z',
            status: 'healthy',
            cachedBytes: 1,
            capacityBytes: 2,
            cachedFraction: 0.5,
            hitRatio: 0.9,
          },
        ],
      });
    });

    it('an empty history for a known dataset', async () => {
      const res = await request(app).get(
        '/v1/datasets/east/model-serving/failing/history',
      );
      expect(res.status).toBe(200);
      expect(res.body.points).toEqual([]);
    });

    it.each([
      ['from=yesterday', /from: must be an ISO 8601 time/],
      [
        'from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z',
        /from must not be after to/,
      ],
    ])('400 for %s', async (query, message) => {
      const res = await request(app).get(
        `/v1/datasets/east/model-serving/llama-chat/history?${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('404 for an unknown cluster or dataset', async () => {
      expect(
        (
          await request(app).get(
            '/v1/datasets/west/model-serving/llama-chat/history',
          )
        ).status,
      ).toBe(404);
      expect(
        (await request(app).get('/v1/datasets/east/model-serving/nope/history'))
          .status,
      ).toBe(404);
    });
  });

  describe('GET /v1/clusters', () => {
    it('lists the sync state and never credentials', async () => {
      const res = await request(app).get('/v1/clusters');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          name: 'east',
          state: 'synced',
          datasets: 7,
          runtimeKinds: ['AlluxioRuntime', 'JuiceFSRuntime'],
        }),
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/http:\/\/east|token/i);
    });

    it('403 when denied', async () => {
      permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      expect((await request(app).get('/v1/clusters')).status).toBe(403);
    });
  });

  it('never calls a cluster while answering', async () => {
    const before = client.calls.length;
    await request(app).get('/v1/entity?entityRef=component:default/llama-chat');
    await request(app).get('/v1/datasets');
    await request(app).get('/v1/clusters');
    expect(client.calls.length).toBe(before);
  });
});

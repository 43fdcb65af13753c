import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { fluidPlugin } from './plugin';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'llama-chat',
    namespace: 'default',
    annotations: { 'fluid.io/dataset': 'model-serving/llama-chat' },
  },
  spec: {},
};

describe('fluidPlugin', () => {
  it('mounts /api/fluid with an unauthenticated /health and guarded data routes', async () => {
    const { server } = await startTestBackend({
      features: [
        fluidPlugin,
        mockServices.rootConfig.factory({
          data: { fluid: { history: { intervalMinutes: 5 } } },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });

    const health = await request(server)
      .get('/api/fluid/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);

    const denied = await request(server)
      .get('/api/fluid/v1/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(denied.status).toBe(401);

    const clusters = await request(server).get('/api/fluid/v1/clusters');
    expect(clusters.status).toBe(200);
    expect(clusters.body).toEqual({ items: [] });
  });

  it('answers 200, 400 and 404 on the entity route of the real plugin', async () => {
    const { server } = await startTestBackend({
      features: [
        fluidPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        catalogServiceMock.factory({ entities: [entity] }),
      ],
    });
    const ok = await request(server).get(
      '/api/fluid/v1/entity?entityRef=component:default/llama-chat',
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      entityRef: 'component:default/llama-chat',
      status: 'unknown',
      datasets: [],
      errors: [],
    });
    const bad = await request(server).get('/api/fluid/v1/entity');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entityRef/);
    const missing = await request(server).get(
      '/api/fluid/v1/entity?entityRef=component:default/nope',
    );
    expect(missing.status).toBe(404);
  });

  it('answers 403 when the permission policy denies', async () => {
    const { server } = await startTestBackend({
      features: [
        fluidPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        catalogServiceMock.factory({ entities: [entity] }),
      ],
    });
    for (const path of [
      '/api/fluid/v1/entity?entityRef=component:default/llama-chat',
      '/api/fluid/v1/datasets',
      '/api/fluid/v1/clusters',
    ]) {
      expect((await request(server).get(path)).status).toBe(403);
    }
  });

  it('refuses to start on a bad threshold, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          fluidPlugin,
          mockServices.rootConfig.factory({
            data: { fluid: { health: { minHitRatio: 2 } } },
          }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      }),
    ).rejects.toThrow(
      /fluid.health.minHitRatio must be a number above 0 and at most 1/,
    );
  });
});

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { fluidPlugin } from './plugin';

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

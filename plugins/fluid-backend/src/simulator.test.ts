import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { HistoryStore } from './history/HistoryStore';
import { createRouter } from './service/router';
import { DEFAULT_HEALTH_THRESHOLDS } from '@internal/plugin-fluid-common';
import { startSimulator, Simulator } from '@internal/kube-simulator';
import { createKubernetesClient } from './clusters/KubernetesClient';
import { alluxioRuntime, dataset, eventually } from './testing/objects';
import { FluidStore } from './watch/FluidStore';

// The watch store against two simulated clusters over real HTTPS, with the
// real @kubernetes/client-node client: what the backend does in production,
// minus a real API server.

jest.setTimeout(60_000);

const NS = 'model-serving';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const links = { datasets: [{ namespace: NS, name: 'llama-chat' }] };

/** Sets the llama-chat Dataset's phase in a simulated cluster (its controller is off). */
function setPhase(sim: Simulator, phase: string) {
  sim.cluster.mutate('data.fluid.io', 'datasets', NS, 'llama-chat', object => {
    object.status.phase = phase;
  });
}

async function cluster(name: string): Promise<Simulator> {
  return startSimulator({
    name,
    title: `${name} (simulated)`,
    controller: false,
    objects: [
      dataset(NS, 'llama-chat', { id: 'llama-chat' }) as any,
      alluxioRuntime(NS, 'llama-chat') as any,
    ],
  });
}

describe('FluidStore against two simulated clusters', () => {
  let east: Simulator;
  let west: Simulator;
  let store: FluidStore;
  let app: express.Express;

  beforeEach(async () => {
    [east, west] = await Promise.all([cluster('east'), cluster('west')]);
    store = new FluidStore({
      clusters: [east, west].map(sim => ({
        name: sim.name,
        title: sim.title,
        source: {
          type: 'config',
          server: sim.url,
          token: sim.token,
          caData: sim.caData,
          skipTLSVerify: false,
        },
      })),
      createClient: createKubernetesClient,
      settings: {
        pageSize: 100,
        timeoutSeconds: 30,
        initialBackoffMs: 50,
        maxBackoffMs: 200,
      },
      thresholds: DEFAULT_HEALTH_THRESHOLDS,
      logger: mockServices.logger.mock(),
    });
    store.start();
    await eventually(() => {
      if (!store.clusters().every(c => c.state === 'synced'))
        throw new Error('not synced');
    }, 15_000);

    const knex = await databases.init('SQLITE_3');
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'llama-chat',
              annotations: { 'fluid.io/dataset': `${NS}/llama-chat` },
            },
            spec: {},
          },
        ],
      }),
      store,
      history: await HistoryStore.create(
        mockServices.database.mock({ getClient: async () => knex }),
      ),
    });
    app = express().use(router).use(mockErrorHandler());
  });

  afterEach(async () => {
    await store.stop();
    await Promise.all([east.stop(), west.stop()]);
  });

  const statuses = () =>
    store
      .entityDatasets(links)
      .datasets.map(d => `${d.cluster}:${d.health.status}`);

  it('serves both clusters, healthy', () => {
    expect(statuses()).toEqual(['east:healthy', 'west:healthy']);
  });

  it('the entity answer says unhealthy within 5 s of a dataset failing', async () => {
    const entity = async () =>
      (
        await request(app).get(
          '/v1/entity?entityRef=component:default/llama-chat',
        )
      ).body;
    expect((await entity()).status).toBe('healthy');

    const started = Date.now();
    setPhase(east, 'Failed');
    let body: any;
    for (;;) {
      body = await entity();
      if (body.status === 'unhealthy' || Date.now() - started > 5_000) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(
      body.datasets.map((d: any) => `${d.cluster}:${d.health.status}`),
    ).toEqual(['east:unhealthy', 'west:healthy']);
  });

  it('keeps serving one cluster while the other is down, with its error', async () => {
    await west.stop();
    await eventually(() => {
      const { datasets, errors } = store.entityDatasets(links);
      expect(errors).toEqual([
        { cluster: 'west', message: expect.any(String) },
      ]);
      expect(datasets.find(d => d.cluster === 'east')?.health.status).toBe(
        'healthy',
      );
    }, 10_000);
    // West keeps its last known picture only until it is stale: then its
    // dataset is unknown, never a stale healthy.
    const later =
      Date.now() + (DEFAULT_HEALTH_THRESHOLDS.staleAfterSeconds + 1) * 1000;
    expect(
      store
        .entityDatasets(links, later)
        .datasets.map(d => `${d.cluster}:${d.health.status}`),
    ).toEqual(['east:healthy', 'west:unknown']);
    // A fresh west for afterEach to stop.
    west = await cluster('west');
  });

  it('recovers from dropped watches and from expired resourceVersions', async () => {
    east.dropWatches({ reset: true });
    setPhase(east, 'Failed');
    await eventually(() => expect(statuses()[0]).toBe('east:unhealthy'), 5_000);

    east.expireResourceVersions();
    east.dropWatches();
    setPhase(east, 'Bound');
    await eventually(() => expect(statuses()[0]).toBe('east:healthy'), 5_000);
  });
});

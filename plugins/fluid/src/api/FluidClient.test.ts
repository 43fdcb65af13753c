import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  backendError,
  fluidApi,
  setupFluidServer,
} from '../__testUtils__/server';
import { FluidBackendMissingError } from './FluidClient';

describe('FluidClient', () => {
  const server = setupFluidServer();
  const [, client] = fluidApi();

  /** Answers every GET with `body` and records the URLs asked for. */
  function record(body: object = {}) {
    const urls: URL[] = [];
    server.use(
      http.get(`${BASE_URL}/*`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(body);
      }),
    );
    return urls;
  }

  it('asks for an entity by its ref', async () => {
    const urls = record({ datasets: [] });
    await expect(
      client.getEntityCache('component:default/llama-chat'),
    ).resolves.toEqual({ datasets: [] });
    expect(urls[0].pathname).toBe('/api/fluid/v1/entity');
    expect(urls[0].searchParams.get('entityRef')).toBe(
      'component:default/llama-chat',
    );
  });

  it('sends only the fleet filters that are set, statuses comma-separated', async () => {
    const urls = record({ items: [] });
    await client.listDatasets();
    await client.listDatasets({
      cluster: 'sim-east',
      namespace: 'model-serving',
      status: ['unhealthy', 'degraded'],
      limit: 50,
      cursor: 'MTAw',
    });
    await client.listDatasets({ status: [] });
    expect(urls.map(u => u.search)).toEqual([
      '',
      '?cluster=sim-east&namespace=model-serving&status=unhealthy%2Cdegraded&limit=50&cursor=MTAw',
      '',
    ]);
  });

  it('puts the dataset in the history path, escaped, and the range as ISO times', async () => {
    const urls = record({ points: [] });
    await client.getDatasetHistory(
      { cluster: 'prod east', namespace: 'ml', name: 'llama' },
      {
        from: new Date('2026-10-01T00:00:00Z'),
        to: new Date('2026-10-02T00:00:00Z'),
      },
    );
    expect(urls[0].pathname).toBe(
      '/api/fluid/v1/datasets/prod%20east/ml/llama/history',
    );
    expect(urls[0].searchParams.get('from')).toBe('2026-10-01T00:00:00.000Z');
    expect(urls[0].searchParams.get('to')).toBe('2026-10-02T00:00:00.000Z');
  });

  it('lists clusters', async () => {
    const urls = record({ items: [] });
    await expect(client.getClusters()).resolves.toEqual({ items: [] });
    expect(urls[0].pathname).toBe('/api/fluid/v1/clusters');
  });

  it.each([
    [400, 'InputError', 'Invalid request: entityRef: is required'],
    [401, 'AuthenticationError', 'Missing credentials'],
    [403, 'NotAllowedError', 'Not allowed: fluid.dataset.read'],
    [404, 'NotFoundError', 'No entity component:default/x in the catalog'],
  ])(
    'turns a %i of the backend into a ResponseError with its message',
    async (status, name, message) => {
      server.use(
        http.get(`${BASE_URL}/v1/entity`, () =>
          backendError(status, name, message),
        ),
      );
      const error = await client
        .getEntityCache('component:default/x')
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause).toMatchObject({ name, message });
    },
  );

  it('says the backend plugin is missing when /api/fluid answers a bare 404', async () => {
    server.use(
      http.get(`${BASE_URL}/*`, () => new HttpResponse(null, { status: 404 })),
    );
    const error = await client.getClusters().catch(e => e);
    expect(error).toBeInstanceOf(FluidBackendMissingError);
    expect(error.message).toMatch(/Fluid backend plugin is not installed/);
    expect(error.message).toContain(`${BASE_URL}/v1/clusters`);
  });
});

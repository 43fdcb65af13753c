import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import type {
  ClusterState,
  DatasetHistoryResponse,
  DatasetListResponse,
  EntityCacheResponse,
} from '@internal/plugin-fluid-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fluidApiRef } from '../api/FluidApi';
import { FluidClient } from '../api/FluidClient';

/** Where the tests' discovery API puts the plugin. */
export const BASE_URL = 'http://localhost:7007/api/fluid';

/** An msw server for `/api/fluid`, reset after each test. */
export function setupFluidServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/**
 * The real {@link FluidClient} against the msw server: the API pair to
 * pass to `renderInTestApp`.
 */
export function fluidApi() {
  return [
    fluidApiRef,
    new FluidClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    }),
  ] as const;
}

/** A backend error in the shape of Backstage's error handler. */
export function backendError(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/fluid' },
      response: { statusCode: status },
    },
    { status },
  );
}

export const handlers = {
  entity: (body: EntityCacheResponse | (() => Response)) =>
    http.get(`${BASE_URL}/v1/entity`, () =>
      typeof body === 'function' ? body() : HttpResponse.json(body),
    ),
  clusters: (items: ClusterState[]) =>
    http.get(`${BASE_URL}/v1/clusters`, () => HttpResponse.json({ items })),
  datasets: (body: DatasetListResponse) =>
    http.get(`${BASE_URL}/v1/datasets`, () => HttpResponse.json(body)),
  history: (
    points: DatasetHistoryResponse['points'] | ((url: URL) => Response),
  ) =>
    http.get(
      `${BASE_URL}/v1/datasets/:cluster/:namespace/:name/history`,
      ({ request, params }) => {
        const url = new URL(request.url);
        if (typeof points === 'function') return points(url);
        return HttpResponse.json({
          cluster: params.cluster,
          namespace: params.namespace,
          name: params.name,
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
          points,
        });
      },
    ),
};

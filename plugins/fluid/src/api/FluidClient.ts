import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ClusterListResponse,
  DatasetHistoryResponse,
  DatasetListResponse,
  DatasetRef,
  EntityCacheResponse,
} from '@internal/plugin-fluid-common';
import type { FluidApi, HistoryRange, ListDatasetsRequest } from './FluidApi';

/**
 * Thrown when `/api/fluid` itself is missing: the backend answered 404
 * without the JSON error body every route of the Fluid backend sends.
 *
 * @public
 */
export class FluidBackendMissingError extends Error {
  readonly name = 'FluidBackendMissingError';
}

/**
 * {@link FluidApi} over HTTP: the base URL from the discovery API, the
 * user's token from the fetch API.
 *
 * @public
 */
export class FluidClient implements FluidApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getEntityCache(entityRef: string): Promise<EntityCacheResponse> {
    return this.#get('/v1/entity', { entityRef });
  }

  listDatasets(
    request: ListDatasetsRequest = {},
  ): Promise<DatasetListResponse> {
    return this.#get('/v1/datasets', {
      cluster: request.cluster,
      namespace: request.namespace,
      status: request.status?.length ? request.status.join(',') : undefined,
      limit: request.limit?.toString(),
      cursor: request.cursor,
    });
  }

  getDatasetHistory(
    dataset: DatasetRef,
    range: HistoryRange,
  ): Promise<DatasetHistoryResponse> {
    const path = [dataset.cluster, dataset.namespace, dataset.name]
      .map(encodeURIComponent)
      .join('/');
    return this.#get(`/v1/datasets/${path}/history`, {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
    });
  }

  getClusters(): Promise<ClusterListResponse> {
    return this.#get('/v1/clusters', {});
  }

  async #get<T>(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('fluid');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, value);
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const response = await this.#fetchApi.fetch(url);
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // Every route of the Fluid backend answers errors with a JSON body
      // (a deserialized cause with its own name); a bare 404 comes from the
      // backend's fallback handler: the plugin is not installed.
      if (error.statusCode === 404 && error.cause.name === 'Error') {
        throw new FluidBackendMissingError(
          `The Fluid backend plugin is not installed: ${url} answered 404. ` +
            `Add backend.add(import('@internal/plugin-fluid-backend')) to the backend.`,
        );
      }
      throw error;
    }
    return (await response.json()) as T;
  }
}

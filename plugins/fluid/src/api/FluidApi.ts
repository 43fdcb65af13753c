import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ClusterListResponse,
  DatasetHistoryResponse,
  DatasetListResponse,
  DatasetRef,
  EntityCacheResponse,
  HealthStatus,
} from '@internal/plugin-fluid-common';

/**
 * Filters and paging of the fleet list (`GET /v1/datasets`).
 *
 * @public
 */
export interface ListDatasetsRequest {
  cluster?: string;
  namespace?: string;
  /** Any of these statuses; absent or empty: all. */
  status?: HealthStatus[];
  /** Page size, 1..1000 (the backend's default is 100). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * A time window of a dataset's history.
 *
 * @public
 */
export interface HistoryRange {
  from: Date;
  to: Date;
}

/**
 * Reads the Fluid backend plugin (`/api/fluid`).
 *
 * @public
 */
export interface FluidApi {
  /** The entity's datasets with their health, and the clusters that failed. */
  getEntityCache(entityRef: string): Promise<EntityCacheResponse>;
  /** One page of every dataset in every cluster. */
  listDatasets(request?: ListDatasetsRequest): Promise<DatasetListResponse>;
  /** Stored samples of a dataset's cache numbers. */
  getDatasetHistory(
    dataset: DatasetRef,
    range: HistoryRange,
  ): Promise<DatasetHistoryResponse>;
  /** The sync state of every configured cluster. */
  getClusters(): Promise<ClusterListResponse>;
}

/**
 * The {@link FluidApi}; the plugin registers {@link FluidClient} for it.
 *
 * @public
 */
export const fluidApiRef = createApiRef<FluidApi>().with({
  id: 'plugin.fluid.client',
  pluginId: 'fluid',
});

import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ClusterState,
  EntityCacheResponse,
} from '@internal/plugin-fluid-common';
import { fluidApiRef } from '../api/FluidApi';
import { usePolling } from './usePolling';

// Shared by the tab and the card; kept apart from the tab's components so
// the card's chunk does not pull in the chart library.

/** What the tab loads: the entity's datasets and, if allowed, the clusters. */
export interface EntityCacheView {
  cache: EntityCacheResponse;
  /** Absent when the caller may not list clusters (a fleet permission). */
  clusters?: ClusterState[];
}

/** Loads the entity's cache view, and again on refresh and on the interval. */
export function useEntityCache(entity: Entity, intervalMs: number) {
  const api = useApi(fluidApiRef);
  const entityRef = stringifyEntityRef(entity);
  return usePolling<EntityCacheView>(
    entityRef,
    async () => {
      const [cache, clusters] = await Promise.all([
        api.getEntityCache(entityRef),
        // Only adds the "since" and "last synced" times of failed clusters.
        api.getClusters().then(
          r => r.items,
          () => undefined,
        ),
      ]);
      return { cache, clusters };
    },
    intervalMs,
  );
}

import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ClusterError,
  ClusterState,
  DatasetSummary,
} from '@internal/plugin-fluid-common';
import { fluidApiRef, type FluidApi } from '../../api/FluidApi';
import { usePolling } from '../../hooks/usePolling';

/** Every dataset of every cluster, and the clusters' states. */
export interface Fleet {
  datasets: DatasetSummary[];
  errors: ClusterError[];
  clusters: ClusterState[];
}

const PAGE_SIZE = 1000;

/** Follows `nextCursor` until the last page. */
export async function listAllDatasets(
  api: FluidApi,
): Promise<Pick<Fleet, 'datasets' | 'errors'>> {
  const datasets: DatasetSummary[] = [];
  let cursor: string | undefined;
  let errors: ClusterError[] = [];
  do {
    const page = await api.listDatasets({ limit: PAGE_SIZE, cursor });
    datasets.push(...page.items);
    errors = page.errors;
    cursor = page.nextCursor;
  } while (cursor);
  return { datasets, errors };
}

/** Loads the fleet, again on refresh and on the interval. */
export function useFleet(intervalMs: number) {
  const api = useApi(fluidApiRef);
  return usePolling<Fleet>(
    'fleet',
    async () => {
      const [list, clusters] = await Promise.all([
        listAllDatasets(api),
        api.getClusters(),
      ]);
      return { ...list, clusters: clusters.items };
    },
    intervalMs,
  );
}

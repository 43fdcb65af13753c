import type { Entity } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FLUID_DATASET_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  isFluidAvailable,
  type ClusterState,
} from '@internal/plugin-fluid-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  useEntityCache,
  type EntityCacheView,
} from '../../hooks/useEntityCache';
import { useRefreshIntervalMs } from '../../hooks/useRefreshInterval';
import { ClusterErrors } from '../ClusterErrors';
import { HealthStatusLabel } from '../HealthStatusLabel';
import { PolledView } from '../PolledView';
import { formatRelative } from '../format';
import { countByStatus, groupByCluster, plural } from '../summary';
import { DatasetCard } from './DatasetCard';
import { MissingFluidAnnotation } from './MissingFluidAnnotation';

function NoDatasets(props: { entity: Entity; clusters?: ClusterState[] }) {
  const annotations = props.entity.metadata.annotations ?? {};
  const links = [FLUID_DATASET_ANNOTATION, KUBERNETES_ID_ANNOTATION]
    .filter(key => annotations[key])
    .map(key => `${key}: ${annotations[key]}`);
  const syncing = props.clusters?.filter(c => c.state === 'syncing') ?? [];
  let why = 'No configured cluster has a matching dataset.';
  if (props.clusters?.length === 0) {
    why =
      'The Fluid backend has no clusters configured (kubernetes.clusterLocatorMethods or fluid.kubeconfig).';
  } else if (syncing.length > 0) {
    why = `${plural(syncing.length, 'cluster')} still syncing: ${syncing
      .map(c => c.name)
      .join(', ')}.`;
  }
  return (
    <EmptyState
      missing="data"
      title="No Fluid datasets found for this entity"
      description={`Looked for ${links.join(' and ')}. ${why}`}
    />
  );
}

/** The loaded view: summary, failed clusters, then each cluster's datasets. */
function CacheView(props: {
  entity: Entity;
  view: EntityCacheView;
  generation: number;
}) {
  const { cache, clusters } = props.view;
  const groups = groupByCluster(cache.datasets, cache.errors);
  const clusterState = (name: string) => clusters?.find(c => c.name === name);
  if (cache.datasets.length === 0 && cache.errors.length === 0) {
    return <NoDatasets entity={props.entity} clusters={clusters} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2">
          <HealthStatusLabel status={cache.status} />
        </Typography>
        <Typography variant="body1">
          {`${plural(cache.datasets.length, 'dataset')} in ${plural(
            groups.length,
            'cluster',
          )}`}
          {cache.datasets.length > 0 && `: ${countByStatus(cache.datasets)}`}
        </Typography>
      </Grid>
      {groups.map(group => {
        const state = clusterState(group.cluster);
        return (
          <Grid
            item
            xs={12}
            key={group.cluster}
            component="section"
            aria-label={`Cluster ${group.cluster}`}
          >
            <Typography variant="h6" component="h2" gutterBottom>
              {`Cluster ${state?.title ?? group.cluster}`}
              {state?.lastSyncedAt && (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                >
                  {` · last synced ${formatRelative(state.lastSyncedAt)}`}
                </Typography>
              )}
            </Typography>
            {group.error && (
              <ClusterErrors errors={[group.error]} clusters={clusters} />
            )}
            <Grid container spacing={3}>
              {group.datasets.map(dataset => (
                <Grid item xs={12} key={`${dataset.namespace}/${dataset.name}`}>
                  <DatasetCard
                    dataset={dataset}
                    generation={props.generation}
                  />
                </Grid>
              ))}
            </Grid>
          </Grid>
        );
      })}
    </Grid>
  );
}

function Loaded(props: { entity: Entity }) {
  const intervalMs = useRefreshIntervalMs();
  const polled = useEntityCache(props.entity, intervalMs);
  return (
    <PolledView polled={polled} intervalMs={intervalMs}>
      {view => (
        <CacheView
          entity={props.entity}
          view={view}
          generation={polled.generation}
        />
      )}
    </PolledView>
  );
}

/**
 * The "Model cache" entity tab: is this service's model cache healthy, and
 * if not, why. Needs the entity context of a catalog entity page.
 *
 * @public
 */
export function EntityFluidContent() {
  const { entity } = useEntity();
  if (!isFluidAvailable(entity)) {
    return <MissingFluidAnnotation entity={entity} />;
  }
  return <Loaded entity={entity} />;
}

import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  FLUID_DATASET_ANNOTATION,
  isFluidAvailable,
  type ClusterState,
  type EntityCacheResponse,
} from '@internal/plugin-fluid-common';
import Typography from '@material-ui/core/Typography';
import { useRefreshIntervalMs } from '../../hooks/useRefreshInterval';
import { useEntityCache } from '../../hooks/useEntityCache';
import { HealthStatusLabel } from '../HealthStatusLabel';
import { SimpleTable } from '../SimpleTable';
import { describeError } from '../errors';
import { formatBytes, formatPercent } from '../format';
import { compareWorstFirst, countByStatus, plural } from '../summary';

const ROWS = 5;

/** One line: the worst reason of the worst dataset, or that all is well. */
export function headline(
  cache: EntityCacheResponse,
  clusters?: ClusterState[],
): string {
  const datasets = [...cache.datasets].sort(compareWorstFirst);
  const worst = datasets[0];
  if (!worst) {
    if (cache.errors.length) {
      return `No datasets: ${plural(
        cache.errors.length,
        'cluster',
      )} unreachable`;
    }
    return clusters?.length === 0
      ? 'No datasets found: the Fluid backend has no clusters configured'
      : 'No datasets found';
  }
  const reason = worst.health.reasons.find(
    r => r.status === worst.health.status,
  );
  if (worst.health.status === 'healthy' || !reason) {
    return `${plural(datasets.length, 'dataset')}, all healthy`;
  }
  return `${worst.namespace}/${worst.name}: ${reason.message.replace(
    /`/g,
    '',
  )}`;
}

function CardBody(props: {
  cache: EntityCacheResponse;
  clusters?: ClusterState[];
}) {
  const { cache } = props;
  const datasets = [...cache.datasets].sort(compareWorstFirst);
  const sum = (values: (number | null)[]) =>
    values.some(v => v === null)
      ? null
      : values.reduce<number>((total, v) => total + (v ?? 0), 0);
  const cached = sum(datasets.map(d => d.cache.cachedBytes));
  const capacity = sum(datasets.map(d => d.cache.capacityBytes));
  return (
    <>
      <Typography variant="body1" component="p" gutterBottom>
        <strong>
          <HealthStatusLabel status={cache.status} />
        </strong>
        {`: ${headline(cache, props.clusters)}`}
      </Typography>
      {datasets.length > 0 && (
        <Typography variant="body2" component="p" gutterBottom>
          {`${formatBytes(cached)} of ${formatBytes(
            capacity,
          )} cached · ${plural(datasets.length, 'dataset')} (${countByStatus(
            datasets,
          )})`}
        </Typography>
      )}
      {cache.errors.map(error => (
        <Typography key={error.cluster} variant="body2" color="error">
          {`Cluster ${error.cluster} unreachable: ${error.message}`}
        </Typography>
      ))}
      {datasets.length > 0 && (
        <SimpleTable
          title="Datasets"
          columns={['Dataset', 'Status', 'Cached', 'Hit ratio']}
          rows={datasets.slice(0, ROWS).map(d => ({
            key: `${d.cluster}/${d.namespace}/${d.name}`,
            cells: [
              `${d.cluster}: ${d.namespace}/${d.name}`,
              <HealthStatusLabel status={d.health.status} />,
              formatPercent(
                d.cache.cachedBytes !== null && d.cache.capacityBytes
                  ? d.cache.cachedBytes / d.cache.capacityBytes
                  : null,
              ),
              formatPercent(d.cache.hitRatio),
            ],
          }))}
          empty=""
        />
      )}
      {datasets.length > ROWS && (
        <Typography variant="body2" color="textSecondary">
          {`and ${datasets.length - ROWS} more`}
        </Typography>
      )}
    </>
  );
}

function LoadedCard() {
  const { entity } = useEntity();
  const entityLink = useRouteRef(entityRouteRef);
  const polled = useEntityCache(entity, useRefreshIntervalMs());
  let body;
  if (polled.value) {
    body = (
      <CardBody cache={polled.value.cache} clusters={polled.value.clusters} />
    );
  } else if (polled.error) {
    body = <Typography color="error">{describeError(polled.error)}</Typography>;
  } else body = <Progress />;
  return (
    <InfoCard
      title="Model cache"
      deepLink={{
        title: 'Model cache details',
        link: `${entityLink(entityRouteParams(entity))}/fluid`,
      }}
    >
      {body}
    </InfoCard>
  );
}

/**
 * The overview card: the entity's model-cache status in one line, the key
 * numbers, and a link to the "Model cache" tab.
 *
 * @public
 */
export function EntityFluidCard() {
  const { entity } = useEntity();
  if (!isFluidAvailable(entity)) {
    return (
      <InfoCard title="Model cache">
        <Typography variant="body2">
          No Fluid dataset is linked: add the{' '}
          <code>{FLUID_DATASET_ANNOTATION}</code> annotation.
        </Typography>
      </InfoCard>
    );
  }
  return <LoadedCard />;
}

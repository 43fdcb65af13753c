import { InfoCard } from '@backstage/core-components';
import type { DatasetSummary } from '@internal/plugin-fluid-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { HealthReasons } from '../HealthReasons';
import { HealthStatusLabel } from '../HealthStatusLabel';
import { formatRelative, formatTime } from '../format';
import { CacheNumbers } from './CacheNumbers';
import {
  DataLoadsTable,
  ModelServersTable,
  ModelsTable,
  RuntimeTable,
  TiersTable,
} from './DatasetTables';
import { HistoryChart } from './HistoryChart';

/** `Bound · AlluxioRuntime · synced 2 minutes ago` */
function Subheader(props: { dataset: DatasetSummary }) {
  const { dataset } = props;
  const parts = [
    `Phase ${dataset.phase || 'New'}`,
    dataset.runtime?.kind ?? 'no runtime',
    `synced ${formatRelative(dataset.lastSyncedAt)}`,
  ];
  return (
    <Typography variant="body2" component="span">
      <HealthStatusLabel status={dataset.health.status} />
      <span title={`Last synced ${formatTime(dataset.lastSyncedAt)}`}>
        {` · ${parts.join(' · ')}`}
      </span>
    </Typography>
  );
}

/**
 * Everything about one dataset, the health verdict and its reasons first.
 */
export function DatasetCard(props: {
  dataset: DatasetSummary;
  generation: number;
}) {
  const { dataset } = props;
  const full = dataset.health.reasons.some(r => r.code === 'CACHE_FULL');
  return (
    <InfoCard
      title={`${dataset.namespace}/${dataset.name}`}
      subheader={<Subheader dataset={dataset} />}
      titleTypographyProps={{ component: 'h3' }}
    >
      <article aria-label={`Dataset ${dataset.namespace}/${dataset.name}`}>
        <Grid container spacing={3}>
          {dataset.health.reasons.length > 0 && (
            <Grid item xs={12}>
              <HealthReasons reasons={dataset.health.reasons} />
            </Grid>
          )}
          <Grid item xs={12} md={5}>
            <CacheNumbers cache={dataset.cache} full={full} />
          </Grid>
          <Grid item xs={12} md={7}>
            <RuntimeTable dataset={dataset} />
          </Grid>
          <Grid item xs={12} md={5}>
            <ModelServersTable dataset={dataset} />
          </Grid>
          <Grid item xs={12} md={7}>
            <TiersTable dataset={dataset} />
          </Grid>
          <Grid item xs={12}>
            <DataLoadsTable dataset={dataset} />
          </Grid>
          <Grid item xs={12}>
            <ModelsTable dataset={dataset} />
          </Grid>
          <Grid item xs={12}>
            <HistoryChart dataset={dataset} generation={props.generation} />
          </Grid>
        </Grid>
      </article>
    </InfoCard>
  );
}

import { LinearGauge } from '@backstage/core-components';
import type { CacheSummary } from '@internal/plugin-fluid-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatBytes, formatPercent } from '../format';

const useStyles = makeStyles(theme => ({
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'max-content auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
    '& dd': { margin: 0 },
    '& dt': { color: theme.palette.text.secondary },
  },
}));

/** Hit ratio, with Alluxio's local/remote split where the runtime reports it. */
export function hitRatioText(cache: CacheSummary): string {
  const parts = [
    cache.localHitRatio !== null
      ? `local ${formatPercent(cache.localHitRatio)}`
      : null,
    cache.remoteHitRatio !== null
      ? `remote ${formatPercent(cache.remoteHitRatio)}`
      : null,
  ].filter(Boolean);
  const total = formatPercent(cache.hitRatio);
  return parts.length ? `${total} (${parts.join(', ')})` : total;
}

/**
 * Cached bytes against the cache capacity, the share of the data source that
 * is cached, and the hit ratios. The gauge takes the warning colour when the
 * backend rated the cache full (its rule knows each runtime's watermark).
 */
export function CacheNumbers(props: { cache: CacheSummary; full: boolean }) {
  const classes = useStyles();
  const { cache } = props;
  const fill =
    cache.cachedBytes !== null && cache.capacityBytes
      ? Math.min(cache.cachedBytes / cache.capacityBytes, 1)
      : null;
  return (
    <section aria-label="Cache">
      <Typography variant="subtitle2" component="h4">
        Cache
      </Typography>
      <Typography variant="body1">
        {`${formatBytes(cache.cachedBytes)} of ${formatBytes(
          cache.capacityBytes,
        )} cached`}
        {fill !== null && ` (${formatPercent(fill)} full)`}
      </Typography>
      {fill !== null && (
        <div
          role="meter"
          aria-label="Cache fill"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fill * 100)}
          aria-valuetext={`${formatPercent(fill)} full`}
        >
          <LinearGauge
            value={fill}
            getColor={({ palette }) =>
              props.full ? palette.status.warning : palette.status.ok
            }
          />
        </div>
      )}
      <dl className={classes.numbers}>
        <dt>Data source cached</dt>
        <dd>
          {`${formatPercent(cache.cachedFraction)} of ${formatBytes(
            cache.ufsTotalBytes,
          )}`}
          {cache.fileCount !== null && ` (${cache.fileCount} files)`}
        </dd>
        <dt>Hit ratio</dt>
        <dd>{hitRatioText(cache)}</dd>
        {cache.throughputRatio !== null && (
          <>
            <dt>Cache throughput</dt>
            <dd>{formatPercent(cache.throughputRatio)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

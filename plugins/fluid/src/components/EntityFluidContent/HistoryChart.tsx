import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { DatasetRef, HistoryPoint } from '@internal/plugin-fluid-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useEffect, useRef, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { fluidApiRef } from '../../api/FluidApi';
import { usePolling } from '../../hooks/usePolling';
import { describeError } from '../errors';
import { formatBytes, formatPercent, formatTime } from '../format';

const HOUR = 3600_000;

/** The time ranges offered; the backend keeps 30 days. */
export const HISTORY_RANGES = [
  { id: '6h', label: '6 hours', ms: 6 * HOUR },
  { id: '24h', label: '24 hours', ms: 24 * HOUR },
  { id: '7d', label: '7 days', ms: 7 * 24 * HOUR },
  { id: '30d', label: '30 days', ms: 30 * 24 * HOUR },
] as const;

type RangeId = (typeof HISTORY_RANGES)[number]['id'];

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  chart: { width: '100%', height: 220 },
}));

function first<T>(values: (T | null)[]): T | null {
  return values.find(v => v !== null) ?? null;
}

/** The chart in words, for screen readers and for a quick read. */
export function describeHistory(
  points: HistoryPoint[],
  from: string,
  to: string,
): string {
  if (points.length === 0) {
    return `No samples between ${formatTime(from)} and ${formatTime(
      to,
    )}: the backend stores one every few minutes once the dataset is seen.`;
  }
  const ratios = points.map(p => p.hitRatio);
  const cached = points.map(p => p.cachedBytes);
  const [ratioFrom, ratioTo] = [first(ratios), first([...ratios].reverse())];
  const [cachedFrom, cachedTo] = [first(cached), first([...cached].reverse())];
  return (
    `Hit ratio ${formatPercent(ratioFrom)} → ${formatPercent(ratioTo)}; ` +
    `cached ${formatBytes(cachedFrom)} → ${formatBytes(cachedTo)}; ` +
    `${points.length} samples from ${formatTime(points[0].at)} to ${formatTime(
      points[points.length - 1].at,
    )}.`
  );
}

/**
 * Hit ratio and cached bytes of one dataset over a chosen time range, from
 * the history the backend stores. Reloads with the tab (`generation`).
 */
export function HistoryChart(props: {
  dataset: DatasetRef;
  generation: number;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const api = useApi(fluidApiRef);
  const [rangeId, setRangeId] = useState<RangeId>('24h');
  const range = HISTORY_RANGES.find(r => r.id === rangeId)!;
  const { cluster, namespace, name } = props.dataset;

  const history = usePolling(
    `${cluster}/${namespace}/${name}/${rangeId}`,
    () => {
      const to = new Date();
      return api.getDatasetHistory(
        { cluster, namespace, name },
        { from: new Date(to.getTime() - range.ms), to },
      );
    },
    0,
  );

  // Reload when the tab reloads, not on the first render.
  const seen = useRef(props.generation);
  const { refresh } = history;
  useEffect(() => {
    if (seen.current !== props.generation) {
      seen.current = props.generation;
      refresh();
    }
  }, [props.generation, refresh]);

  const data = history.value?.points.map(point => ({
    ...point,
    time: Date.parse(point.at),
  }));
  const title = `Trend of ${namespace}/${name}`;

  return (
    <section aria-label={title}>
      <div className={classes.header}>
        <Typography variant="subtitle2" component="h4">
          Trend: hit ratio and cached bytes
        </Typography>
        <ButtonGroup size="small" role="group" aria-label="Time range">
          {HISTORY_RANGES.map(r => (
            <Button
              key={r.id}
              aria-pressed={r.id === rangeId}
              variant={r.id === rangeId ? 'contained' : 'outlined'}
              color="primary"
              onClick={() => setRangeId(r.id)}
            >
              {r.label}
            </Button>
          ))}
        </ButtonGroup>
      </div>
      {history.error && (
        <ResponseErrorPanel
          error={history.error}
          title={`History unavailable: ${describeError(history.error)}`}
        />
      )}
      {!history.value && history.loading && <Progress />}
      {history.value && data && (
        <figure style={{ margin: 0 }}>
          {data.length > 0 && (
            <div className={classes.chart} aria-hidden="true">
              {/* The initial size holds until the first measurement, and
                  where there is no ResizeObserver (jsdom). */}
              <ResponsiveContainer
                initialDimension={{ width: 600, height: 220 }}
              >
                <ComposedChart data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis
                    dataKey="time"
                    type="number"
                    scale="time"
                    domain={['dataMin', 'dataMax']}
                    tickFormatter={(t: number) =>
                      new Date(t).toLocaleString(
                        undefined,
                        range.ms > 24 * HOUR
                          ? { month: 'short', day: 'numeric' }
                          : { hour: '2-digit', minute: '2-digit' },
                      )
                    }
                  />
                  <YAxis
                    yAxisId="ratio"
                    domain={[0, 1]}
                    tickFormatter={(v: number) => formatPercent(v)}
                  />
                  <YAxis
                    yAxisId="bytes"
                    orientation="right"
                    width={80}
                    tickFormatter={(v: number) => formatBytes(v)}
                  />
                  <Tooltip
                    labelFormatter={t =>
                      formatTime(new Date(Number(t)).toISOString())
                    }
                    formatter={(value, key) =>
                      key === 'Hit ratio'
                        ? formatPercent(Number(value))
                        : formatBytes(Number(value))
                    }
                  />
                  <Legend />
                  <Area
                    yAxisId="bytes"
                    dataKey="cachedBytes"
                    name="Cached"
                    type="monotone"
                    stroke={theme.palette.secondary.main}
                    fill={theme.palette.secondary.light}
                    fillOpacity={0.3}
                    isAnimationActive={false}
                  />
                  <Line
                    yAxisId="ratio"
                    dataKey="hitRatio"
                    name="Hit ratio"
                    type="monotone"
                    dot={false}
                    stroke={theme.palette.primary.main}
                    isAnimationActive={false}
                  />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          )}
          <Typography
            variant="body2"
            color="textSecondary"
            component="figcaption"
          >
            {describeHistory(
              history.value.points,
              history.value.from,
              history.value.to,
            )}
          </Typography>
        </figure>
      )}
    </section>
  );
}

import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type { ReactNode } from 'react';
import type { Polled } from '../hooks/usePolling';
import { RefreshBar } from './RefreshBar';
import { describeError } from './errors';
import { formatClock } from './format';

/**
 * The frame of a polled view: the refresh bar, then the data, a spinner
 * before the first answer, or the error. A failed refresh keeps the data
 * on screen below a warning.
 */
export function PolledView<T>(props: {
  polled: Polled<T>;
  intervalMs: number;
  children(value: T): ReactNode;
}) {
  const { polled } = props;
  return (
    <>
      <RefreshBar
        loadedAt={polled.loadedAt}
        loading={polled.loading}
        intervalMs={props.intervalMs}
        onRefresh={polled.refresh}
      />
      {polled.error && polled.value !== undefined && (
        <WarningPanel
          title={`Refresh failed; showing the data loaded at ${formatClock(
            polled.loadedAt,
          )}`}
          message={describeError(polled.error)}
          defaultExpanded
        />
      )}
      {polled.error && polled.value === undefined && (
        <ResponseErrorPanel
          error={polled.error}
          title={describeError(polled.error)}
        />
      )}
      {polled.value === undefined && !polled.error && <Progress />}
      {polled.value !== undefined && props.children(polled.value)}
    </>
  );
}

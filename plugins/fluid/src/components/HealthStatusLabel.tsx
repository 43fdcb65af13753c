import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { HealthStatus } from '@internal/plugin-fluid-common';
import { makeStyles } from '@material-ui/core/styles';
import type { ComponentType, PropsWithChildren } from 'react';

// The core-components status spans are flex boxes; keep icon and word on
// one line with the text around them.
const useStyles = makeStyles({
  label: {
    display: 'inline-flex',
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
  },
});

const icons: Record<HealthStatus, ComponentType<PropsWithChildren<{}>>> = {
  healthy: StatusOK,
  degraded: StatusWarning,
  unhealthy: StatusError,
  unknown: StatusAborted,
};

/** The word for each status, as shown to people. */
export const statusWords: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

/** Worst first, for sorting (`unhealthy` \> `degraded` \> `unknown` \> `healthy`). */
export const statusRank: Record<HealthStatus, number> = {
  unhealthy: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

/**
 * A health status as a coloured icon and a word: the colour is never the
 * only signal (the core-components icons are hidden from screen readers, the
 * word is not).
 */
export function HealthStatusLabel(props: {
  status: HealthStatus;
  children?: string;
}) {
  const classes = useStyles();
  const Icon = icons[props.status];
  return (
    <span className={classes.label} data-status={props.status}>
      <Icon />
      {props.children ?? statusWords[props.status]}
    </span>
  );
}

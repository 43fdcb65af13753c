import type { HealthReason } from '@internal/plugin-fluid-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { HealthStatusLabel, statusRank } from './HealthStatusLabel';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, padding: 0, listStyle: 'none' },
  item: { marginBottom: theme.spacing(0.5) },
}));

/** The backend writes commands in backticks; show them as code. */
function withCode(message: string) {
  return message
    .split(/`([^`]+)`/)
    .map((part, index) =>
      index % 2 === 1 ? <code key={index}>{part}</code> : part,
    );
}

/**
 * Why a dataset has its status, worst first, as plain sentences. Shown
 * open, never behind an accordion.
 */
export function HealthReasons(props: { reasons: HealthReason[] }) {
  const classes = useStyles();
  if (props.reasons.length === 0) return null;
  const reasons = [...props.reasons].sort(
    (a, b) => statusRank[a.status] - statusRank[b.status],
  );
  return (
    <ul aria-label="Health reasons" className={classes.list}>
      {reasons.map(reason => (
        <li
          key={`${reason.code}:${reason.message}`}
          className={classes.item}
          data-code={reason.code}
        >
          <Typography variant="body1" component="span">
            <HealthStatusLabel status={reason.status} />
            {': '}
            {withCode(reason.message)}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

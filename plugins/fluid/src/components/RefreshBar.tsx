import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { formatClock } from './format';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
  },
}));

/** `Loaded 10:32 · refreshes every 30 s` and a refresh button. */
export function RefreshBar(props: {
  loadedAt?: Date;
  loading: boolean;
  intervalMs: number;
  onRefresh(): void;
}) {
  const classes = useStyles();
  const every =
    props.intervalMs > 0
      ? `refreshes every ${props.intervalMs / 1000} s`
      : 'auto-refresh off';
  return (
    <div className={classes.bar}>
      <Typography variant="body2" color="textSecondary" aria-live="polite">
        {props.loading ? 'Loading…' : `Loaded ${formatClock(props.loadedAt)}`}
        {` · ${every}`}
      </Typography>
      <Tooltip title="Refresh now">
        <IconButton aria-label="Refresh" onClick={props.onRefresh}>
          <RefreshIcon />
        </IconButton>
      </Tooltip>
    </div>
  );
}

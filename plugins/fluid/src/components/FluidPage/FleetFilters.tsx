import type { HealthStatus } from '@internal/plugin-fluid-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { statusWords } from '../HealthStatusLabel';

/** The statuses a filter can pick, worst first. */
export const FILTER_STATUSES: HealthStatus[] = [
  'unhealthy',
  'degraded',
  'unknown',
  'healthy',
];

/** The fleet filters; empty values mean "all". */
export interface FleetFilter {
  cluster: string;
  namespace: string;
  statuses: HealthStatus[];
}

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(3),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
}));

function Choice(props: {
  label: string;
  value: string;
  options: string[];
  onChange(value: string): void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={`fluid-fleet-${props.label.toLowerCase()}`}
      className={classes.select}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {props.options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Cluster and namespace as native selects, statuses as checkboxes: all
 * reachable and operable by keyboard.
 */
export function FleetFilters(props: {
  filter: FleetFilter;
  clusters: string[];
  namespaces: string[];
  onChange(filter: FleetFilter): void;
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  const toggle = (status: HealthStatus, on: boolean) =>
    onChange({
      ...filter,
      statuses: FILTER_STATUSES.filter(s =>
        s === status ? on : filter.statuses.includes(s),
      ),
    });
  return (
    <div className={classes.filters} role="search" aria-label="Filter datasets">
      <Choice
        label="Cluster"
        value={filter.cluster}
        options={props.clusters}
        onChange={cluster => onChange({ ...filter, cluster })}
      />
      <Choice
        label="Namespace"
        value={filter.namespace}
        options={props.namespaces}
        onChange={namespace => onChange({ ...filter, namespace })}
      />
      <FormControl component="fieldset">
        <FormLabel component="legend">Status</FormLabel>
        <FormGroup row>
          {FILTER_STATUSES.map(status => (
            <FormControlLabel
              key={status}
              label={statusWords[status]}
              control={
                <Checkbox
                  checked={filter.statuses.includes(status)}
                  onChange={e => toggle(status, e.target.checked)}
                  color="primary"
                />
              }
            />
          ))}
        </FormGroup>
      </FormControl>
    </div>
  );
}

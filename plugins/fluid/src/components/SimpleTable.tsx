import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * A small read-only table with a visible title and column headers (no
 * paging or search: these tables have a handful of rows).
 */
export function SimpleTable(props: {
  title: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  /** Shown instead of the table when there are no rows. */
  empty: string;
}) {
  return (
    <section aria-label={props.title}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      {props.rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <Table size="small" aria-label={props.title}>
          <TableHead>
            <TableRow>
              {props.columns.map(column => (
                <TableCell key={column} scope="col" component="th">
                  {column}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.rows.map(row => (
              <TableRow key={row.key}>
                {row.cells.map((cell, index) => (
                  <TableCell key={props.columns[index]}>{cell}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

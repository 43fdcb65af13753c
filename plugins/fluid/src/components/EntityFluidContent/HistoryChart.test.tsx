import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { HistoryPoint } from '@internal/plugin-fluid-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import {
  backendError,
  fluidApi,
  handlers,
  setupFluidServer,
} from '../../__testUtils__/server';
import { HistoryChart } from './HistoryChart';

const GiB = 1024 ** 3;
const ref = {
  cluster: 'sim-east',
  namespace: 'model-serving',
  name: 'llama-chat',
};

function point(
  at: string,
  hitRatio: number | null,
  cachedGiB: number,
): HistoryPoint {
  return {
    at,
    status: 'healthy',
    hitRatio,
    cachedBytes: cachedGiB * GiB,
    capacityBytes: 20 * GiB,
    cachedFraction: cachedGiB / 16,
  };
}

describe('HistoryChart', () => {
  const server = setupFluidServer();

  function render() {
    return renderInTestApp(<HistoryChart dataset={ref} generation={0} />, {
      apis: [fluidApi()],
    });
  }

  it('says so when the range has no samples', async () => {
    server.use(handlers.history([]));
    render();
    expect(
      await screen.findByText(
        /^No samples between .* and .*: the backend stores one/,
      ),
    ).toBeInTheDocument();
  });

  it('describes the trend in words beside the chart', async () => {
    server.use(
      handlers.history([
        point('2026-10-01T10:00:00Z', null, 2),
        point('2026-10-01T10:05:00Z', 0.5, 4),
        point('2026-10-01T10:10:00Z', 0.921, 15),
      ]),
    );
    render();
    expect(
      await screen.findByText(
        /^Hit ratio 50% → 92.1%; cached 2 GiB → 15 GiB; 3 samples from /,
      ),
    ).toBeInTheDocument();
    // The chart itself: both series are drawn (the legend names them).
    const chart = document.querySelector('.recharts-wrapper')!;
    expect(chart).toBeInTheDocument();
    expect(chart.querySelector('.recharts-area')).not.toBeNull();
    expect(chart.querySelector('.recharts-line')).not.toBeNull();
    expect(chart).toHaveTextContent('Hit ratio');
    expect(chart).toHaveTextContent('Cached');
  });

  it('asks for the chosen time range', async () => {
    const spans: number[] = [];
    server.use(
      handlers.history(url => {
        const from = Date.parse(url.searchParams.get('from')!);
        const to = Date.parse(url.searchParams.get('to')!);
        spans.push(Math.round((to - from) / 3600_000));
        return HttpResponse.json({
          ...ref,
          from: url.searchParams.get('from'),
          to: url.searchParams.get('to'),
          points: [],
        });
      }),
    );
    render();
    await screen.findByText(/^No samples/);
    const range = screen.getByRole('group', { name: 'Time range' });
    expect(screen.getByRole('button', { name: '24 hours' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.click(screen.getByRole('button', { name: '7 days' }));
    await screen.findByText(/^No samples/);
    expect(screen.getByRole('button', { name: '7 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(range).toBeInTheDocument();
    expect(spans).toEqual([24, 168]);
  });

  it('shows why the history is unavailable', async () => {
    server.use(
      handlers.history(() =>
        backendError(404, 'NotFoundError', 'No cluster named sim-east'),
      ),
    );
    render();
    expect(
      await screen.findByText(
        'Error: History unavailable: No cluster named sim-east (HTTP 404)',
      ),
    ).toBeInTheDocument();
  });
});

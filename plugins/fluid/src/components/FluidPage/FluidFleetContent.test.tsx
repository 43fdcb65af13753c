import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DatasetSummary } from '@internal/plugin-fluid-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useLocation } from 'react-router-dom';
import {
  cluster,
  dataset,
  degradedDataset,
  minutesAgo,
  staleDataset,
  unhealthyDataset,
} from '../../testUtils';
import {
  BASE_URL,
  backendError,
  fluidApi,
  handlers,
  setupFluidServer,
} from '../../__testUtils__/server';
import { FluidFleetContent } from './FluidFleetContent';
import { FluidPage } from './FluidPage';

const fleet: DatasetSummary[] = [
  dataset({
    cluster: 'sim-east',
    namespace: 'model-serving',
    name: 'llama-chat',
  }),
  {
    ...degradedDataset,
    cluster: 'sim-east',
    namespace: 'model-serving',
    name: 'embeddings',
  },
  {
    ...unhealthyDataset,
    cluster: 'sim-west',
    namespace: 'speech',
    name: 'whisper',
  },
  dataset({ cluster: 'sim-west', namespace: 'speech', name: 'asr-small' }),
  {
    ...staleDataset,
    cluster: 'sim-west',
    namespace: 'model-serving',
    name: 'rerank',
  },
];

const clusters = [
  cluster({ name: 'sim-east', datasets: 2 }),
  cluster({
    name: 'sim-west',
    title: 'Simulated west',
    datasets: 3,
    runtimeKinds: ['AlluxioRuntime'],
  }),
];

describe('FluidFleetContent', () => {
  const server = setupFluidServer();

  /** Serves the fleet in pages of two, as the backend's cursor does. */
  function serveFleet(
    items = fleet,
    errors: { cluster: string; message: string }[] = [],
  ) {
    const cursors: (string | null)[] = [];
    server.use(
      http.get(`${BASE_URL}/v1/datasets`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        const start = cursor ? Number(cursor) : 0;
        const end = start + 2;
        return HttpResponse.json({
          items: items.slice(start, end),
          totalItems: items.length,
          errors,
          ...(end < items.length ? { nextCursor: String(end) } : {}),
        });
      }),
      handlers.clusters(clusters),
    );
    return cursors;
  }

  function Location() {
    return <output aria-label="search">{useLocation().search}</output>;
  }

  function render(url = '/fluid') {
    return renderInTestApp(
      <>
        <FluidFleetContent />
        <Location />
      </>,
      {
        apis: [fluidApi()],
        config: { fluid: { frontend: { refreshIntervalSeconds: 0 } } },
        initialRouteEntries: [url],
      },
    );
  }

  /** The data rows of the fleet table as `cluster/namespace/name`. */
  async function listed(): Promise<string[]> {
    const title = await screen.findByText(/^Datasets \(\d+ of \d+\)$/);
    const table = title.closest('.MuiPaper-root')!.querySelector('table')!;
    return within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => {
        const cells = within(row).getAllByRole('cell');
        return cells.length > 3
          ? // The dataset cell has the name, then the reason below it.
            `${cells[1].textContent}/${cells[2].textContent}/${cells[3].firstElementChild?.textContent}`
          : row.textContent ?? '';
      });
  }

  it('lists every dataset of every cluster, following the pages, worst first', async () => {
    const cursors = serveFleet();
    render();
    expect(await screen.findByText('Datasets (5 of 5)')).toBeInTheDocument();
    expect(cursors).toEqual([null, '2', '4']);
    expect(await listed()).toEqual([
      'sim-west/speech/whisper',
      'sim-east/model-serving/embeddings',
      'sim-west/model-serving/rerank',
      'sim-east/model-serving/llama-chat',
      'sim-west/speech/asr-small',
    ]);
    expect(
      screen.getByText(
        '5 datasets in 2 clusters: 1 unhealthy, 1 degraded, 1 unknown, 2 healthy',
      ),
    ).toBeInTheDocument();
    // Key numbers of a row.
    const row = screen
      .getAllByRole('row')
      .find(
        r =>
          within(r).queryAllByRole('cell')[3]?.firstElementChild
            ?.textContent === 'llama-chat',
      )!;
    expect(row).toHaveTextContent('15 GiB / 20 GiB');
    expect(row).toHaveTextContent('93.8% of the source');
    expect(row).toHaveTextContent('92.1%');
    expect(row).toHaveTextContent('2/2');
  });

  it('sorts by a column header', async () => {
    serveFleet();
    render();
    await screen.findByText('Datasets (5 of 5)');
    // material-table nests a drag handle in each sort button: take the outer.
    const sortBy = (name: string) =>
      userEvent.click(screen.getAllByRole('button', { name })[0]);
    await sortBy('Namespace');
    const byNamespace = await listed();
    expect(byNamespace.map(r => r.split('/')[1])).toEqual([
      'model-serving',
      'model-serving',
      'model-serving',
      'speech',
      'speech',
    ]);
    await sortBy('Hit ratio');
    const byHitRatio = await listed();
    expect(byHitRatio[0]).toBe('sim-east/model-serving/embeddings');
  });

  it('filters by cluster, namespace and status, and keeps the filter in the URL', async () => {
    serveFleet();
    render();
    await screen.findByText('Datasets (5 of 5)');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Cluster' }),
      'sim-west',
    );
    expect(await screen.findByText('Datasets (3 of 5)')).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Namespace' }),
      'speech',
    );
    expect(await listed()).toEqual([
      'sim-west/speech/whisper',
      'sim-west/speech/asr-small',
    ]);

    await userEvent.click(screen.getByRole('checkbox', { name: 'Healthy' }));
    expect(await listed()).toEqual(['sim-west/speech/asr-small']);
    expect(screen.getByRole('status', { name: 'search' })).toHaveTextContent(
      '?cluster=sim-west&namespace=speech&status=healthy',
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'Unhealthy' }));
    expect(await screen.findByText('Datasets (2 of 5)')).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Namespace' }),
      'model-serving',
    );
    expect(
      await screen.findByText('No dataset matches the filters.'),
    ).toBeInTheDocument();
  });

  it('starts from the filter in the URL', async () => {
    serveFleet();
    render('/fluid?status=unhealthy,degraded&cluster=sim-east');
    expect(await screen.findByText('Datasets (1 of 5)')).toBeInTheDocument();
    expect(await listed()).toEqual(['sim-east/model-serving/embeddings']);
    expect(screen.getByRole('checkbox', { name: 'Unhealthy' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Healthy' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Cluster' })).toHaveValue(
      'sim-east',
    );
  });

  it('shows failed clusters inline and the state of every cluster', async () => {
    server.use(handlers.clusters(clusters));
    serveFleet(fleet.slice(0, 2), [
      { cluster: 'sim-west', message: 'Unauthorized' },
    ]);
    server.use(
      handlers.clusters([
        clusters[0],
        {
          ...clusters[1],
          state: 'error',
          lastSyncedAt: minutesAgo(30),
          lastError: { message: 'Unauthorized', at: minutesAgo(29) },
        },
      ]),
    );
    render();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Cluster sim-west unreachable since .* \(29 minutes ago\): Unauthorized; last synced .* \(30 minutes ago\)/,
    );
    const table = screen.getByRole('table', { name: 'Clusters' });
    const west = within(table).getByRole('row', { name: /sim-west/ });
    expect(west).toHaveTextContent('Simulated west (sim-west)');
    expect(west).toHaveTextContent('Error');
    expect(west).toHaveTextContent('Unauthorized (29 minutes ago)');
    expect(
      within(table).getByRole('row', { name: /sim-east/ }),
    ).toHaveTextContent('Synced');
    expect(await screen.findByText('Datasets (2 of 2)')).toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    server.use(
      handlers.datasets({ items: [], totalItems: 0, errors: [] }),
      handlers.clusters([]),
    );
    render();
    expect(
      await screen.findByText('No Fluid datasets in any cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The Fluid backend has no clusters configured.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the fleet may not be read', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/datasets`, () =>
        backendError(403, 'NotAllowedError', 'Not allowed: fluid.dataset.read'),
      ),
      handlers.clusters([]),
    );
    render();
    expect(
      await screen.findByText(
        'Error: Not allowed: fluid.dataset.read (HTTP 403)',
      ),
    ).toBeInTheDocument();
  });

  it('has a header of its own on the legacy system', async () => {
    serveFleet();
    renderInTestApp(<FluidPage />, {
      apis: [fluidApi()],
      config: { fluid: { frontend: { refreshIntervalSeconds: 0 } } },
    });
    expect(
      await screen.findByRole('heading', { name: 'Model caches' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Datasets (5 of 5)')).toBeInTheDocument();
  });
});

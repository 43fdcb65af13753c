import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  cluster,
  dataset,
  degradedDataset,
  entityResponse,
  llamaChat,
  notLinked,
  unhealthyDataset,
} from '../../testUtils';
import {
  backendError,
  fluidApi,
  handlers,
  setupFluidServer,
} from '../../__testUtils__/server';
import { EntityFluidCard } from './EntityFluidCard';

describe('EntityFluidCard', () => {
  const server = setupFluidServer();

  function render(entity: Entity = llamaChat) {
    return renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityFluidCard />
      </EntityProvider>,
      {
        apis: [fluidApi()],
        config: { fluid: { frontend: { refreshIntervalSeconds: 0 } } },
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  }

  it('sums up a healthy cache and links to the tab', async () => {
    server.use(
      handlers.entity(entityResponse([dataset()])),
      handlers.clusters([cluster()]),
    );
    render();
    expect(
      await screen.findByText(': 1 dataset, all healthy'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(': 1 dataset, all healthy').parentElement,
    ).toHaveTextContent('Healthy: 1 dataset, all healthy');
    expect(
      screen.getByText('15 GiB of 20 GiB cached · 1 dataset (1 healthy)'),
    ).toBeInTheDocument();
    const row = within(
      screen.getByRole('table', { name: 'Datasets' }),
    ).getByRole('row', { name: /sim-east: model-serving\/llama-chat/ });
    expect(row).toHaveTextContent('Healthy75%92.1%');
    expect(
      screen.getByRole('link', { name: /Model cache details/ }),
    ).toHaveAttribute('href', '/catalog/default/component/llama-chat/fluid');
  });

  it('leads with the reason of the worst dataset', async () => {
    server.use(
      handlers.entity(
        entityResponse([
          dataset({ name: 'a-healthy-one' }),
          degradedDataset,
          { ...unhealthyDataset, name: 'z-broken' },
        ]),
      ),
      handlers.clusters([cluster()]),
    );
    render();
    expect(
      await screen.findByText(
        ': model-serving/z-broken: No cache worker is ready (0 of 2); see kubectl describe alluxioruntime llama-chat -n model-serving.',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Unhealthy').length).toBeGreaterThan(0);
    expect(
      screen.getByText(/3 datasets \(1 unhealthy, 1 degraded, 1 healthy\)/),
    ).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Datasets' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining('z-broken'),
      expect.stringContaining('llama-chat'),
      expect.stringContaining('a-healthy-one'),
    ]);
  });

  it('names the clusters it could not read', async () => {
    server.use(
      handlers.entity(
        entityResponse([dataset()], {
          errors: [{ cluster: 'sim-west', message: 'connect ECONNREFUSED' }],
        }),
      ),
      handlers.clusters([cluster()]),
    );
    render();
    expect(
      await screen.findByText(
        'Cluster sim-west unreachable: connect ECONNREFUSED',
      ),
    ).toBeInTheDocument();
  });

  it('says when the backend has no clusters', async () => {
    server.use(handlers.entity(entityResponse([])), handlers.clusters([]));
    render();
    expect(
      await screen.findByText(
        ': No datasets found: the Fluid backend has no clusters configured',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error of a failed request', async () => {
    server.use(
      handlers.entity(() =>
        backendError(403, 'NotAllowedError', 'Not allowed: fluid.dataset.read'),
      ),
      handlers.clusters([]),
    );
    render();
    expect(
      await screen.findByText('Not allowed: fluid.dataset.read (HTTP 403)'),
    ).toBeInTheDocument();
  });

  it('says which annotation is missing, without asking the backend', async () => {
    render(notLinked);
    expect(
      await screen.findByText(/No Fluid dataset is linked/),
    ).toBeInTheDocument();
    expect(screen.getByText('fluid.io/dataset')).toBeInTheDocument();
  });
});

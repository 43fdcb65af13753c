import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { cluster, dataset, entityResponse, llamaChat } from './testUtils';
import { fluidApi, handlers, setupFluidServer } from './__testUtils__/server';
import {
  EntityFluidCard,
  EntityFluidContent,
  FluidClient,
  FluidPage,
  fluidApiRef,
  fluidPlugin,
  isFluidAvailable,
} from './legacy';

describe('the legacy-frontend-system exports', () => {
  const server = setupFluidServer();
  const config = new MockConfigApi({
    fluid: { frontend: { refreshIntervalSeconds: 0 } },
  });

  function render(element: JSX.Element) {
    return renderInTestApp(
      <TestApiProvider apis={[fluidApi(), [configApiRef, config]]}>
        <EntityProvider entity={llamaChat}>{element}</EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  }

  beforeEach(() => {
    server.use(
      handlers.entity(entityResponse([dataset()])),
      handlers.clusters([cluster()]),
      handlers.history([]),
      handlers.datasets({ items: [dataset()], totalItems: 1, errors: [] }),
    );
  });

  it('registers a FluidClient through discovery and fetch', () => {
    expect(fluidPlugin.getId()).toBe('fluid');
    const [factory] = [...fluidPlugin.getApis()];
    expect(factory.api).toBe(fluidApiRef);
    expect(Object.values(factory.deps)).toEqual([discoveryApiRef, fetchApiRef]);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://x/api/fluid' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(FluidClient);
  });

  it('exports isFluidAvailable for EntitySwitch and EntityLayout.Route', () => {
    expect(isFluidAvailable(llamaChat)).toBe(true);
  });

  it('renders the entity tab', async () => {
    await render(<EntityFluidContent />);
    expect(
      await screen.findByText('15 GiB of 20 GiB cached (75% full)'),
    ).toBeInTheDocument();
  });

  it('renders the entity card', async () => {
    await render(<EntityFluidCard />);
    expect(
      await screen.findByText(': 1 dataset, all healthy'),
    ).toBeInTheDocument();
  });

  it('renders the fleet page', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[fluidApi(), [configApiRef, config]]}>
        <Routes>
          <Route path="/fluid" element={<FluidPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/fluid'] },
    );
    expect(await screen.findByText('Datasets (1 of 1)')).toBeInTheDocument();
  });
});

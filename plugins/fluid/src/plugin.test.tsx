import type { Entity } from '@backstage/catalog-model';
import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import {
  coreExtensionData,
  type FrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { isFluidAvailable } from '@internal/plugin-fluid-common';
import { screen } from '@testing-library/react';
import {
  cluster,
  dataset,
  entityResponse,
  llamaChat,
  notLinked,
} from './testUtils';
import { fluidApi, handlers, setupFluidServer } from './__testUtils__/server';
import { fluidEntityFilter } from './filter';
import plugin from './index';
import {
  entityFluidCard,
  entityFluidContent,
  fluidApi as fluidApiExtension,
  fluidPage,
} from './plugin';

const withAnnotations = (annotations: Record<string, string>): Entity => ({
  ...notLinked,
  metadata: { ...notLinked.metadata, annotations },
});

describe('the new-frontend-system plugin', () => {
  const server = setupFluidServer();

  it('is the default export, with the id fluid and all its extensions', () => {
    expect((plugin as FrontendPlugin).pluginId).toBe('fluid');
    expect(plugin.getExtension('api:fluid')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:fluid/model-cache'),
    ).toBeDefined();
    expect(plugin.getExtension('entity-card:fluid/model-cache')).toBeDefined();
    expect(plugin.getExtension('page:fluid')).toBeDefined();
    expect(fluidApiExtension).toBeDefined();
  });

  it.each([
    [{ 'fluid.io/dataset': 'ml/llama' }, true],
    [{ 'backstage.io/kubernetes-id': 'llama' }, true],
    [{ 'backstage.io/kubernetes-namespace': 'ml' }, false],
    [{}, false],
  ])(
    'shows the tab and card for %j: %s, as isFluidAvailable says',
    (annotations, shown) => {
      const entity = withAnnotations(annotations);
      expect(filterPredicateToFilterFunction(fluidEntityFilter)(entity)).toBe(
        shown,
      );
      expect(isFluidAvailable(entity)).toBe(shown);
    },
  );

  it('adds the Model cache tab to an entity page with the annotation', async () => {
    server.use(
      handlers.entity(entityResponse([dataset()])),
      handlers.clusters([cluster()]),
      handlers.history([]),
    );
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: llamaChat }),
        entityFluidContent,
      ],
      apis: [fluidApi()],
    });
    expect(
      await screen.findByText('15 GiB of 20 GiB cached (75% full)'),
    ).toBeInTheDocument();
  });

  it('leaves the tab and the card out for an entity without it', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: notLinked }),
        entityFluidContent,
        entityFluidCard,
      ],
      apis: [fluidApi()],
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('adds the card to the overview of an entity with the annotation', async () => {
    server.use(
      handlers.entity(entityResponse([dataset()])),
      handlers.clusters([cluster()]),
    );
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: llamaChat }),
        entityFluidCard,
      ],
      apis: [fluidApi()],
    });
    expect(
      await screen.findByText(': 1 dataset, all healthy'),
    ).toBeInTheDocument();
  });

  it('declares the tab at /fluid, titled Model cache', () => {
    const tester = createExtensionTester(entityFluidContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/fluid');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Model cache',
    );
  });

  it('gives the fleet page a title, an icon and a route: what makes it a nav item', () => {
    const tester = createExtensionTester(fluidPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/fluid');
    expect(tester.get(coreExtensionData.title)).toBe('Model caches');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the fleet page at /fluid', async () => {
    server.use(
      handlers.datasets({ items: [dataset()], totalItems: 1, errors: [] }),
      handlers.clusters([cluster()]),
    );
    renderTestApp({
      features: [plugin],
      apis: [fluidApi()],
      initialRouteEntries: ['/fluid'],
    });
    expect(await screen.findByText('Datasets (1 of 1)')).toBeInTheDocument();
  });
});

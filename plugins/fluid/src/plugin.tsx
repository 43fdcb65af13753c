import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { fluidApiRef } from './api/FluidApi';
import { FluidClient } from './api/FluidClient';
import { fluidEntityFilter } from './filter';
import { rootRouteRef } from './routes';

/** `fluidApiRef` → {@link FluidClient}. */
export const fluidApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fluidApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FluidClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Model cache" tab of entity pages. */
export const entityFluidContent = EntityContentBlueprint.make({
  name: 'model-cache',
  params: {
    path: '/fluid',
    title: 'Model cache',
    // Its own tab, not one entry of the "Deployment" menu: the point of
    // it is to be seen at a glance.
    filter: fluidEntityFilter,
    loader: () =>
      import('./components/EntityFluidContent').then(m => (
        <m.EntityFluidContent />
      )),
  },
});

/** The overview card: one-line status, key numbers, link to the tab. */
export const entityFluidCard = EntityCardBlueprint.make({
  name: 'model-cache',
  params: {
    type: 'info',
    filter: fluidEntityFilter,
    loader: () =>
      import('./components/EntityFluidCard').then(m => <m.EntityFluidCard />),
  },
});

/**
 * The fleet page at `/fluid`. Its title and icon make it the sidebar's nav
 * item: in frontend-plugin-api 0.18 the app's nav lists the pages that have
 * both (the NavItemBlueprint of earlier versions is gone).
 */
export const fluidPage = PageBlueprint.make({
  params: {
    path: '/fluid',
    title: 'Model caches',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/FluidPage').then(m => (
        <Content>
          <m.FluidFleetContent />
        </Content>
      )),
  },
});

/**
 * The Fluid frontend plugin for the new frontend system: the API client, the
 * "Model cache" entity tab and card, and the fleet page with its nav item.
 *
 * @public
 */
export const fluidPlugin = createFrontendPlugin({
  pluginId: 'fluid',
  title: 'Model caches',
  icon: <StorageIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [fluidApi, entityFluidContent, entityFluidCard, fluidPage],
  routes: { root: rootRouteRef },
});

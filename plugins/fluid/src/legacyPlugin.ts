import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { fluidApiRef } from './api/FluidApi';
import { FluidClient } from './api/FluidClient';

const fleetRouteRef = createRouteRef({ id: 'fluid:fleet' });

/**
 * The Fluid plugin for the legacy frontend system: registers the API
 * client; mount {@link FluidPage} and the entity extensions yourself.
 *
 * @public
 */
export const fluidPlugin = createPlugin({
  id: 'fluid',
  apis: [
    createApiFactory({
      api: fluidApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FluidClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: fleetRouteRef },
});

/**
 * The "Model cache" tab content, for an `EntityLayout.Route`.
 *
 * @public
 */
export const EntityFluidContent = fluidPlugin.provide(
  createComponentExtension({
    name: 'EntityFluidContent',
    component: {
      lazy: () =>
        import('./components/EntityFluidContent').then(
          m => m.EntityFluidContent,
        ),
    },
  }),
);

/**
 * The overview card with the one-line status; links to `<entity>/fluid`.
 *
 * @public
 */
export const EntityFluidCard = fluidPlugin.provide(
  createComponentExtension({
    name: 'EntityFluidCard',
    component: {
      lazy: () =>
        import('./components/EntityFluidCard').then(m => m.EntityFluidCard),
    },
  }),
);

/**
 * The fleet page with its header, for a `<Route path="/fluid">`.
 *
 * @public
 */
export const FluidPage = fluidPlugin.provide(
  createRoutableExtension({
    name: 'FluidPage',
    component: () => import('./components/FluidPage').then(m => m.FluidPage),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * The Fluid frontend plugin: a "Model cache" tab and card for catalog
 * entities, and a fleet page of every Fluid dataset in every cluster.
 *
 * The default export is the plugin for the new frontend system (picked up
 * by `app.packages: all`); apps on the legacy system import
 * `@internal/plugin-fluid/legacy` instead.
 *
 * @packageDocumentation
 */
export { fluidPlugin as default } from './plugin';
export { fluidApiRef } from './api/FluidApi';
export type {
  FluidApi,
  HistoryRange,
  ListDatasetsRequest,
} from './api/FluidApi';
export { FluidBackendMissingError, FluidClient } from './api/FluidClient';
export { isFluidAvailable } from '@internal/plugin-fluid-common';

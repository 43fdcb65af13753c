/**
 * The Fluid frontend plugin for apps on the legacy frontend system
 * (`createApp` from `@backstage/app-defaults`, an `EntityPage.tsx`).
 *
 * @packageDocumentation
 */
export {
  fluidPlugin,
  EntityFluidContent,
  EntityFluidCard,
  FluidPage,
} from './legacyPlugin';
export { isFluidAvailable } from '@internal/plugin-fluid-common';
export { fluidApiRef } from './api/FluidApi';
export type { FluidApi } from './api/FluidApi';
export { FluidClient } from './api/FluidClient';

/**
 * The scaffolder module with the `fluid:model-cache:generate` action, which
 * writes a ModelExpress-with-Fluid repository into the workspace.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFluid as default } from './module';
export {
  createFluidModelCacheGenerateAction,
  FLUID_MODEL_CACHE_GENERATE,
} from './actions/generate';

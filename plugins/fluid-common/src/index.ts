/**
 * Shared by the Fluid plugins: the `/api/fluid` types, parsing of Fluid status
 * strings, the cache health rules, entity annotation helpers and permissions.
 * Pure and isomorphic: no Node or browser APIs.
 *
 * @packageDocumentation
 */
export * from './types';
export {
  parseBytes,
  parseRatio,
  parseCount,
  parseGoDuration,
  parseQuantity,
  parseWatermark,
} from './status';
export {
  DEFAULT_HEALTH_THRESHOLDS,
  rateDatasetHealth,
  worstStatus,
} from './health';
export type { HealthInput, HealthThresholds } from './health';
export {
  FLUID_DATASET_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_ID_LABEL,
  KUBERNETES_NAMESPACE_ANNOTATION,
  getEntityDatasetLinks,
  isFluidAvailable,
  parseDatasetAnnotation,
} from './annotations';
export type { DatasetSelector, EntityDatasetLinks } from './annotations';
export { fluidDatasetReadPermission, fluidPermissions } from './permissions';

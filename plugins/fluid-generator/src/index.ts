/**
 * Renders a repository that runs NVIDIA ModelExpress on a Fluid-cached
 * volume: a Kustomize base (Dataset, runtime, backend objects, DataLoad,
 * ModelExpress Deployment and Service, RBAC), example Secrets, a catalog
 * Component and TechDocs. The scaffolder action
 * `fluid:model-cache:generate` and the `fluid-model-cache` CLI share it.
 *
 * @packageDocumentation
 */
export {
  modelCacheInputSchema,
  backendSchema,
  tierSchema,
  BACKEND_TYPES,
} from './schema';
export type {
  ModelCacheInput,
  ParsedModelCacheInput,
  Backend,
  BackendType,
  Resources,
  Tier,
} from './schema';
export { validateModelCacheInput, ModelCacheInputError } from './validate';
export type {
  FieldIssue,
  ModelCacheValues,
  ValidatedModelCacheInput,
} from './validate';
export { renderModelCacheRepository, MANIFESTS_PATH } from './render';
export type { GeneratedFile, ModelCacheRepository } from './render';
export {
  DEFAULT_MODELEXPRESS_IMAGE,
  MODELEXPRESS_GRPC_PORT,
  MAX_NAME_LENGTH,
} from './defaults';
export { parseQuantity } from './quantity';

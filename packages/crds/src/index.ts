/**
 * The real CustomResourceDefinitions of Fluid (release v1.0.8 and the master
 * branch) and of NVIDIA ModelExpress, plus composed example Fluid objects, as
 * data for tests, the Kubernetes simulator and manifest validation. Where each
 * file comes from is in `fluid/SOURCE.md` and `modelexpress/SOURCE.md`.
 *
 * @packageDocumentation
 */
export {
  CRD_SETS,
  crdDirectory,
  loadCrds,
  exampleObjectsDirectory,
  loadExampleObjects,
} from './crds';
export type {
  CrdSet,
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
  KubernetesObject,
} from './crds';

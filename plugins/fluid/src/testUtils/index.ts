/**
 * Fixtures for tests of the Fluid views: demo entities and `/api/fluid`
 * answers in each health state (used by the plugin's unit tests and the
 * app's end-to-end tests).
 *
 * @packageDocumentation
 */
export {
  cluster,
  dataset,
  degradedDataset,
  entityResponse,
  llamaChat,
  minutesAgo,
  notLinked,
  staleDataset,
  unhealthyDataset,
} from './fixtures';

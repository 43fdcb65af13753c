/**
 * The Fluid backend plugin: watch-fed cache health of Fluid datasets in every
 * cluster, served at `/api/fluid`, with history in the plugin's database.
 *
 * @packageDocumentation
 */
export { fluidPlugin as default } from './plugin';
export { FluidStore } from './watch/FluidStore';
export type { ClusterSpec } from './clusters/readClusters';

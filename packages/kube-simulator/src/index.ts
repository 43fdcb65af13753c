/**
 * A Kubernetes API simulator for development and tests: a stand-in cluster
 * that kubectl and `@kubernetes/client-node` accept, serving the Fluid and
 * ModelExpress CRDs with a simulated Fluid controller, faults and synthetic
 * scale. It is a development and test tool, never a production cluster.
 *
 * @packageDocumentation
 */
export { startSimulator, DEFAULT_CRDS } from './simulator';
export type { Simulator, SimulatorOptions } from './simulator';
export type { ControllerOptions } from './controller/controller';
export { DEFAULT_FAULTS } from './faults';
export type { FaultOptions, FaultPatch } from './faults';
export type { ScenarioEvent } from './scenario/events';
export { loadScenario } from './scenario/scenario';
export type { ScenarioCluster } from './scenario/scenario';
export type { SyntheticOptions } from './synthetic';
export { kubeconfigYaml } from './kubeconfig';
export type { KubeconfigCluster } from './kubeconfig';
export type { StoredObject } from './store/store';
export { main } from './cli';

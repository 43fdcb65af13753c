import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * How to reach one cluster. Secrets stay in here and never leave the backend.
 *
 * @public
 */
export type ClusterSpec = {
  /** Unique; the `<cluster>` of `fluid.io/dataset` and of the REST paths. */
  name: string;
  title?: string;
  source:
    | {
        type: 'config';
        server: string;
        /** Bearer token; absent means the in-cluster service account. */
        token?: string;
        caData?: string;
        caFile?: string;
        skipTLSVerify: boolean;
      }
    | { type: 'kubeconfig'; path?: string; context?: string };
};

// Only server-side auth works for a backend that watches on its own: the
// Kubernetes plugin's client-side providers (google, oidc, aks) need a
// signed-in user's browser token.
const SUPPORTED_AUTH_PROVIDERS = new Set(['serviceAccount']);

function readConfigClusters(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.flatMap((method, m) => {
    if (method.getString('type') !== 'config') return [];
    return (method.getOptionalConfigArray('clusters') ?? []).flatMap(
      (cluster, c) => {
        const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
        const name = cluster.getString('name');
        const authProvider = cluster.getString('authProvider');
        if (!SUPPORTED_AUTH_PROVIDERS.has(authProvider)) {
          logger.warn(
            `Fluid: not watching cluster ${name}: ${key}.authProvider "${authProvider}" needs a user's token; use serviceAccount`,
          );
          return [];
        }
        const server = cluster.getString('url');
        try {
          // eslint-disable-next-line no-new
          new URL(server);
        } catch {
          throw new InputError(`${key}.url "${server}" is not a URL`);
        }
        return [
          {
            name,
            title: cluster.getOptionalString('title'),
            source: {
              type: 'config' as const,
              server,
              token: cluster.getOptionalString('serviceAccountToken'),
              caData: cluster.getOptionalString('caData'),
              caFile: cluster.getOptionalString('caFile'),
              skipTLSVerify:
                cluster.getOptionalBoolean('skipTLSVerify') ?? false,
            },
          },
        ];
      },
    );
  });
}

function readKubeconfigClusters(config: Config): ClusterSpec[] {
  const kubeconfig = config.getOptionalConfig('fluid.kubeconfig');
  if (!kubeconfig) return [];
  const path = kubeconfig.getOptionalString('path');
  const contexts = kubeconfig.getOptionalStringArray('contexts');
  if (!contexts) {
    return [{ name: 'kubeconfig', source: { type: 'kubeconfig', path } }];
  }
  return contexts.map(context => ({
    name: context,
    source: { type: 'kubeconfig' as const, path, context },
  }));
}

/**
 * The clusters to watch, from `kubernetes.clusterLocatorMethods` (type
 * `config`) and `fluid.kubeconfig`. Throws an InputError naming the config key
 * when a cluster is misconfigured or a name is used twice.
 *
 * @public
 */
export function readClusters(
  config: Config,
  logger: LoggerService,
): ClusterSpec[] {
  const clusters = [
    ...readConfigClusters(config, logger),
    ...readKubeconfigClusters(config),
  ];
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `Fluid: two clusters are named "${cluster.name}"; cluster names must be unique`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}

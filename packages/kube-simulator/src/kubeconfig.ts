import { stringify } from 'yaml';

export interface KubeconfigCluster {
  name: string;
  url: string;
  token: string;
  caData?: string;
  namespace?: string;
}

/**
 * A kubeconfig with one cluster, user and context per simulated cluster; the
 * first is the current context.
 */
export function kubeconfigYaml(clusters: KubeconfigCluster[]): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map(({ name, url, caData }) => ({
      name,
      cluster: {
        server: url,
        ...(caData ? { 'certificate-authority-data': caData } : {}),
      },
    })),
    users: clusters.map(({ name, token }) => ({
      name: `${name}-admin`,
      user: { token },
    })),
    contexts: clusters.map(({ name, namespace }) => ({
      name,
      context: {
        cluster: name,
        user: `${name}-admin`,
        namespace: namespace ?? 'default',
      },
    })),
    'current-context': clusters[0]?.name ?? '',
    preferences: {},
  });
}

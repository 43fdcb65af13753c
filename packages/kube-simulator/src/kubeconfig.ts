import { stringify } from 'yaml';

/** A kubeconfig with one cluster, user and context for a simulator. */
export function kubeconfigYaml(options: {
  name: string;
  url: string;
  token: string;
  caData?: string;
  namespace?: string;
}): string {
  const { name, url, token, caData } = options;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: url,
          ...(caData ? { 'certificate-authority-data': caData } : {}),
        },
      },
    ],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [
      {
        name,
        context: {
          cluster: name,
          user: `${name}-admin`,
          namespace: options.namespace ?? 'default',
        },
      },
    ],
    'current-context': name,
    preferences: {},
  });
}

import type { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import fetch from 'node-fetch';
import type { ClusterSpec } from './readClusters';

/** A Kubernetes object as it comes off the wire. */
export type RawObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

/** One page of a list. */
export interface ListPage {
  items: RawObject[];
  resourceVersion: string;
  continueToken?: string;
}

/** A resource an API group version serves (from discovery). */
export interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** An error from the API server, with its HTTP status (410 = Gone). */
export class KubernetesApiError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'KubernetesApiError';
    this.statusCode = statusCode;
  }
}

/** The calls the watchers make: discovery, paginated list, watch. */
export interface KubernetesClient {
  /** Resources of a group version; `undefined` when the API server does not serve it. */
  discover(groupVersion: string): Promise<ApiResource[] | undefined>;
  list(
    path: string,
    params: { limit: number; continueToken?: string; labelSelector?: string },
  ): Promise<ListPage>;
  /**
   * Streams watch events until the stream ends. `onEvent` gets every event,
   * `onDone` is called once, with null for a clean end.
   */
  watch(
    path: string,
    params: {
      resourceVersion: string;
      labelSelector?: string;
      timeoutSeconds: number;
    },
    onEvent: (type: string, object: any) => void,
    onDone: (error: Error | null) => void,
  ): Promise<{ abort(): void }>;
}

// @kubernetes/client-node is ESM-only; load it once, lazily.
let clientNode: Promise<typeof import('@kubernetes/client-node')> | undefined;
function loadClientNode() {
  clientNode ??= import('@kubernetes/client-node');
  return clientNode;
}

async function kubeConfigFor(spec: ClusterSpec): Promise<KubeConfig> {
  const k8s = await loadClientNode();
  const kc = new k8s.KubeConfig();
  const { source } = spec;
  if (source.type === 'kubeconfig') {
    if (source.path) kc.loadFromFile(source.path);
    else kc.loadFromDefault();
    if (source.context) kc.setCurrentContext(source.context);
    if (!kc.getCurrentCluster()) {
      throw new Error(
        `kubeconfig context ${source.context ?? '(current)'} has no cluster`,
      );
    }
    return kc;
  }
  const token =
    source.token ??
    // No token configured: the backend runs in the cluster it watches.
    fs
      .readFileSync(
        '/var/run/secrets/kubernetes.io/serviceaccount/token',
        'utf8',
      )
      .trim();
  kc.loadFromOptions({
    clusters: [
      {
        name: spec.name,
        server: source.server,
        caData: source.caData,
        caFile: source.caFile,
        skipTLSVerify: source.skipTLSVerify,
      },
    ],
    users: [{ name: spec.name, token }],
    contexts: [{ name: spec.name, cluster: spec.name, user: spec.name }],
    currentContext: spec.name,
  });
  return kc;
}

async function failure(
  response: { status: number; text(): Promise<string> },
  what: string,
) {
  let message = `${what}: HTTP ${response.status}`;
  try {
    const status = JSON.parse(await response.text());
    if (status?.message)
      message = `${what}: ${status.message} (HTTP ${response.status})`;
  } catch {
    // not a Status object
  }
  return new KubernetesApiError(response.status, message);
}

/** A client for one cluster, on @kubernetes/client-node's auth and watch. */
export async function createKubernetesClient(
  spec: ClusterSpec,
): Promise<KubernetesClient> {
  const k8s = await loadClientNode();
  const kc = await kubeConfigFor(spec);
  const server = kc.getCurrentCluster()!.server.replace(/\/$/, '');
  const watcher = new k8s.Watch(kc);

  async function get(path: string, query: Record<string, string | undefined>) {
    const url = new URL(server + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const init = await kc.applyToFetchOptions({});
    return fetch(url.toString(), { ...(init as object), method: 'GET' });
  }

  return {
    async discover(groupVersion) {
      const response = await get(`/apis/${groupVersion}`, {});
      if (response.status === 404) return undefined;
      if (!response.ok)
        throw await failure(response, `discovery of ${groupVersion}`);
      const body = (await response.json()) as { resources?: ApiResource[] };
      return (body.resources ?? []).filter(r => !r.name.includes('/'));
    },

    async list(path, { limit, continueToken, labelSelector }) {
      const response = await get(path, {
        limit: String(limit),
        continue: continueToken,
        labelSelector,
      });
      if (!response.ok) throw await failure(response, `list ${path}`);
      const body = (await response.json()) as {
        items?: RawObject[];
        metadata?: { resourceVersion?: string; continue?: string };
      };
      return {
        items: body.items ?? [],
        resourceVersion: body.metadata?.resourceVersion ?? '',
        continueToken: body.metadata?.continue || undefined,
      };
    },

    async watch(path, params, onEvent, onDone) {
      let done = false;
      const controller = await watcher.watch(
        path,
        {
          resourceVersion: params.resourceVersion,
          labelSelector: params.labelSelector,
          timeoutSeconds: params.timeoutSeconds,
          allowWatchBookmarks: true,
        },
        onEvent,
        (error: any) => {
          if (done) return;
          done = true;
          if (error && typeof error.statusCode === 'number') {
            onDone(
              new KubernetesApiError(
                error.statusCode,
                `watch ${path}: ${error.message}`,
              ),
            );
          } else if (error && error.name !== 'AbortError') {
            onDone(error instanceof Error ? error : new Error(String(error)));
          } else {
            onDone(null);
          }
        },
      );
      return { abort: () => controller.abort() };
    },
  };
}

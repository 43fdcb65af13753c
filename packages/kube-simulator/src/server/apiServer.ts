import http, { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { Socket } from 'node:net';
import {
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../api/discovery';
import { OpenApiV3 } from '../api/openapi';
import { ApiError, errors } from '../api/status';
import { Cluster } from '../cluster';
import { Faults } from '../faults';
import { bearerToken, parseAccept, sendError, sendJson } from './request';
import { handleResource, parseResourcePath } from './resources';
import { OpenWatch } from './watch';

export interface ApiServerOptions {
  token: string;
  bookmarkIntervalMs: number;
  tls?: { key: string; cert: string };
  /** Handles `/simulator/...` (already authenticated). */
  admin: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

/** What `/version` answers: a v1.35 server that says it is simulated. */
export const VERSION_INFO = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.0+kube-simulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.25.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The HTTP(S) front of one simulated cluster: bearer-token auth, faults,
 * health, version, discovery, OpenAPI and the resource paths.
 */
export class ApiServer {
  private readonly server: http.Server;
  private readonly openapi: OpenApiV3;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<OpenWatch>();
  private address?: { host: string; port: number };
  private listening = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly faults: Faults,
    private readonly options: ApiServerOptions,
  ) {
    this.openapi = new OpenApiV3(cluster.registry);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(error => sendError(res, error));
    };
    this.server = options.tls
      ? https.createServer(options.tls, handler)
      : http.createServer(handler);
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    faults.onChange(current => {
      if (!this.address) return;
      if (current.refuseConnections && this.listening) this.pause();
      if (!current.refuseConnections && !this.listening) void this.resume();
    });
  }

  get scheme(): 'http' | 'https' {
    return this.options.tls ? 'https' : 'http';
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const actual = (this.server.address() as { port: number }).port;
    this.address = { host, port: actual };
    this.listening = true;
    if (this.faults.refusing) this.pause();
    return actual;
  }

  /** Stops accepting connections and cuts the open ones. */
  pause(): void {
    this.listening = false;
    this.server.close();
    this.cutEverything();
  }

  async resume(): Promise<void> {
    if (this.listening || !this.address) return;
    this.listening = true;
    const { host, port } = this.address;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Ends every watch stream; `reset` drops the connection instead. */
  dropWatches(reset = false): number {
    const open = [...this.watches];
    for (const watch of open) watch.close(reset);
    return open.length;
  }

  /** Like an API server restart: every watch and connection is cut. */
  cutEverything(): void {
    this.dropWatches(true);
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.address = undefined;
    this.cutEverything();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const token = bearerToken(req);
    const isPublic = PUBLIC_PATHS.has(url.pathname) && token === undefined;
    if (!isPublic && token !== this.options.token) throw errors.unauthorized();
    if (url.pathname.startsWith('/simulator/')) {
      await this.options.admin(req, res, url);
      return;
    }
    const delay = this.faults.delayMs();
    if (delay > 0) await sleep(delay);
    if (!this.listening) {
      res.destroy();
      return;
    }
    await this.route(req, res, url);
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const registry = this.cluster.registry;
    switch (path) {
      case '/healthz':
      case '/livez':
      case '/readyz':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      case '/version':
        sendJson(res, 200, VERSION_INFO);
        return;
      case '/api':
      case '/apis': {
        const aggregated = this.aggregatedVersion(req);
        if (aggregated) {
          sendJson(
            res,
            200,
            aggregatedDiscovery(
              registry,
              path === '/api',
              `apidiscovery.k8s.io/${aggregated}`,
            ),
            {
              'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${aggregated};as=APIGroupDiscoveryList`,
            },
          );
        } else if (path === '/api') {
          sendJson(
            res,
            200,
            apiVersions(`${req.socket.localAddress}:${req.socket.localPort}`),
          );
        } else sendJson(res, 200, apiGroupList(registry));
        return;
      }
      case '/openapi/v3':
        sendJson(res, 200, this.openapi.root());
        return;
      default:
        break;
    }
    if (path.startsWith('/openapi/v3/')) {
      const key = path.slice('/openapi/v3/'.length);
      const doc = this.openapi.get(key);
      if (!doc) throw errors.unknownPath();
      const hash = url.searchParams.get('hash');
      if (hash && hash !== doc.hash) {
        res.writeHead(301, { Location: `/openapi/v3/${key}?hash=${doc.hash}` });
        res.end();
        return;
      }
      sendJson(res, 200, doc.json, {
        'Cache-Control': hash ? 'public, immutable' : 'no-cache, private',
        ETag: `"${doc.hash}"`,
      });
      return;
    }
    const segments = path.split('/').filter(Boolean);
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = apiGroupDocument(registry, segments[1]);
      if (!group) throw errors.unknownPath();
      sendJson(res, 200, group);
      return;
    }
    if (
      (segments[0] === 'api' && segments.length === 2) ||
      (segments[0] === 'apis' && segments.length === 3)
    ) {
      const [group, version] =
        segments[0] === 'api' ? ['', segments[1]] : [segments[1], segments[2]];
      const list = apiResourceList(registry, group, version);
      if (!list) throw errors.unknownPath();
      sendJson(res, 200, list);
      return;
    }
    const resourcePath = parseResourcePath(path);
    if (!resourcePath) throw errors.unknownPath();
    const injected = this.faults.injectedError();
    if (injected) throw this.injectedError(injected, req, resourcePath);
    await handleResource(
      {
        cluster: this.cluster,
        bookmarkIntervalMs: this.options.bookmarkIntervalMs,
        dropWatchesAfterMs: () => this.faults.watchDropAfterMs,
        trackWatch: watch => {
          this.watches.add(watch);
          return () => this.watches.delete(watch);
        },
      },
      resourcePath,
      req,
      res,
      url.searchParams,
    );
  }

  private aggregatedVersion(req: IncomingMessage): string | undefined {
    for (const media of parseAccept(req.headers.accept)) {
      if (
        media.params.as === 'APIGroupDiscoveryList' &&
        media.params.g === 'apidiscovery.k8s.io'
      ) {
        if (media.params.v === 'v2' || media.params.v === 'v2beta1')
          return media.params.v;
      }
      if (media.type === 'application/json' && !media.params.as)
        return undefined;
    }
    return undefined;
  }

  private injectedError(
    code: 500 | 429 | 403,
    req: IncomingMessage,
    path: { group: string; plural: string; namespace?: string },
  ): ApiError {
    if (code === 429) {
      return new ApiError(
        429,
        'TooManyRequests',
        'Too many requests, please try again later.',
        {
          retryAfterSeconds: 1,
        },
      );
    }
    if (code === 403) {
      const verb = (req.method ?? 'GET').toLowerCase();
      const where = path.namespace
        ? ` in the namespace "${path.namespace}"`
        : ' at the cluster scope';
      return new ApiError(
        403,
        'Forbidden',
        `${path.plural}${
          path.group ? `.${path.group}` : ''
        } is forbidden: User "system:serviceaccount:kube-simulator:fault-injection" cannot ${verb} resource "${
          path.plural
        }" in API group "${path.group}"${where}`,
        { group: path.group, kind: path.plural },
      );
    }
    return new ApiError(
      500,
      'InternalError',
      'Internal error occurred: injected by the simulator (fault errorRates.500)',
    );
  }
}

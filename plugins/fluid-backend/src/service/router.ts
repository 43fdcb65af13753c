import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DatasetHistoryResponse,
  DatasetListResponse,
  EntityCacheResponse,
  fluidDatasetReadPermission,
  getEntityDatasetLinks,
  HealthStatus,
  worstStatus,
} from '@internal/plugin-fluid-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { HistoryStore } from '../history/HistoryStore';
import { compareDatasets, FluidStore } from '../watch/FluidStore';

const DAY_MS = 86400_000;
const STATUSES = ['healthy', 'degraded', 'unhealthy', 'unknown'] as const;

const entityQuery = z.object({
  entityRef: z.string({ required_error: 'entityRef is required' }).min(1),
});

const datasetsQuery = z.object({
  cluster: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  status: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const statuses = value.split(',').map(s => s.trim());
      const bad = statuses.filter(
        s => !(STATUSES as readonly string[]).includes(s),
      );
      if (bad.length) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `unknown status ${bad.join(', ')}; use ${STATUSES.join(
            ', ',
          )}`,
        });
        return z.NEVER;
      }
      return new Set(statuses as HealthStatus[]);
    }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return 0;
      const decoded = /^[A-Za-z0-9_-]+$/.test(value)
        ? Buffer.from(value, 'base64url').toString('utf8')
        : '';
      const offset = /^\d+$/.test(decoded) ? Number(decoded) : -1;
      if (offset < 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'is not a cursor from a previous page',
        });
        return z.NEVER;
      }
      return offset;
    }),
});

const historyQuery = z
  .object({
    from: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 time' })
      .optional(),
    to: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 time' })
      .optional(),
  })
  .transform(({ from, to }) => {
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - DAY_MS);
    return { from: start, to: end };
  })
  .refine(({ from, to }) => from <= to, {
    message: 'from must not be after to',
    path: ['from'],
  });

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(issue =>
      issue.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    );
    throw new InputError(`Invalid request: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * The REST API. Every route reads the in-memory store or the history table;
 * none calls a cluster.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: FluidStore;
  history: HistoryStore;
}): Promise<express.Router> {
  const { httpAuth, permissions, catalog, store, history } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Fleet routes ask without a resource: a conditional ("owners only") policy
  // cannot be applied to a whole fleet, so only an unconditional allow passes.
  async function authorizeFleet(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: fluidDatasetReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${fluidDatasetReadPermission.name}`,
      );
    }
  }

  router.get('/v1/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef: raw } = parse(entityQuery, req.query);
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(raw));
    } catch (error) {
      throw new InputError(
        `Invalid request: entityRef: ${(error as Error).message}`,
      );
    }
    const [decision] = await permissions.authorize(
      [{ permission: fluidDatasetReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${fluidDatasetReadPermission.name} on ${entityRef}`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);

    let links;
    try {
      links = getEntityDatasetLinks(entity);
    } catch (error) {
      throw new InputError(`${entityRef}: ${(error as Error).message}`);
    }
    const { datasets, errors } = store.entityDatasets(links);
    const body: EntityCacheResponse = {
      entityRef,
      status: worstStatus(datasets.map(d => d.health.status)),
      datasets,
      errors,
    };
    res.json(body);
  });

  router.get('/v1/datasets', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(datasetsQuery, req.query);
    await authorizeFleet(credentials);
    const matching = store
      .allDatasets()
      .filter(
        d =>
          (!query.cluster || d.cluster === query.cluster) &&
          (!query.namespace || d.namespace === query.namespace) &&
          (!query.status || query.status.has(d.health.status)),
      )
      .sort(compareDatasets);
    const end = query.cursor + query.limit;
    const body: DatasetListResponse = {
      items: matching.slice(query.cursor, end),
      totalItems: matching.length,
      errors: store.errors(query.cluster ? [query.cluster] : undefined),
    };
    if (end < matching.length) {
      body.nextCursor = Buffer.from(String(end), 'utf8').toString('base64url');
    }
    res.json(body);
  });

  router.get(
    '/v1/datasets/:cluster/:namespace/:name/history',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { from, to } = parse(historyQuery, req.query);
      await authorizeFleet(credentials);
      const { cluster, namespace, name } = req.params;
      if (!store.clusterNames().includes(cluster)) {
        throw new NotFoundError(`No cluster named ${cluster}`);
      }
      const ref = { cluster, namespace, name };
      const points = await history.query(ref, from, to);
      if (points.length === 0 && !store.dataset(cluster, namespace, name)) {
        throw new NotFoundError(
          `No dataset ${namespace}/${name} in cluster ${cluster}`,
        );
      }
      const body: DatasetHistoryResponse = {
        ...ref,
        from: from.toISOString(),
        to: to.toISOString(),
        points,
      };
      res.json(body);
    },
  );

  router.get('/v1/clusters', async (req, res) => {
    await authorizeFleet(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    res.json({ items: store.clusters() });
  });

  return router;
}

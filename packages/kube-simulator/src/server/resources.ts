import { IncomingMessage, ServerResponse } from 'node:http';
import { listPage } from '../api/list';
import { PATCH_CONTENT_TYPES } from '../api/patch';
import { ApiError, errors } from '../api/status';
import { IncludeObject, TableConverter } from '../api/table';
import { Cluster, FieldValidation, WriteResult } from '../cluster';
import {
  apiVersionOf,
  ResourceType,
  ResourceVersion,
  typeKey,
} from '../registry/types';
import { parseFieldSelector, parseLabelSelector } from '../store/selectors';
import { Entry } from '../store/store';
import { parseAccept, parseBody, readBody, sendJson } from './request';
import { OpenWatch, serveWatch } from './watch';

/**
 * The resource verbs over HTTP: get, list, watch, create, update, patch,
 * delete and deletecollection, on namespaced and cluster-wide paths and the
 * `/status` subresource.
 */
export interface ResourcePath {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  watch: boolean;
}

/** Splits `/api/v1/...` and `/apis/<group>/<version>/...` paths. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else return undefined;
  let watch = false;
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  const namespaceSubresource =
    rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresource) {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    if (extra.length) return undefined;
    return { group, version, plural, namespace, name, subresource, watch };
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length || !plural) return undefined;
  return { group, version, plural, name, subresource, watch };
}

export interface ResourceContext {
  cluster: Cluster;
  bookmarkIntervalMs: number;
  dropWatchesAfterMs: () => number;
  trackWatch: (watch: OpenWatch) => () => void;
}

type Query = URLSearchParams;

function fieldValidation(query: Query): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value !== 'Strict' && value !== 'Warn' && value !== 'Ignore') {
    throw errors.badRequest(
      `fieldValidation parameter unsupported: ${value}. Supported values are Strict, Warn and Ignore`,
    );
  }
  return value;
}

function tableOf(req: IncomingMessage) {
  const accept = parseAccept(req.headers.accept);
  const first = accept.find(
    media =>
      media.params.as === 'Table' ||
      media.params.as === 'PartialObjectMetadataList' ||
      media.params.as === 'PartialObjectMetadata' ||
      media.type === 'application/json' ||
      media.type === '*/*',
  );
  return first?.params.as;
}

function entryJson(entry: Entry, apiVersion: string): string {
  return entry.object.apiVersion === apiVersion
    ? entry.json
    : JSON.stringify({ ...entry.object, apiVersion });
}

function writeResult(
  res: ServerResponse,
  code: number,
  result: WriteResult,
  apiVersion: string,
): void {
  const headers: Record<string, string[]> = {};
  if (result.warnings.length) {
    headers.Warning = result.warnings.map(
      warning => `299 - ${JSON.stringify(warning)}`,
    );
  }
  sendJson(res, code, entryJson(result.entry, apiVersion), headers);
}

export async function handleResource(
  context: ResourceContext,
  path: ResourcePath,
  req: IncomingMessage,
  res: ServerResponse,
  query: Query,
): Promise<void> {
  const { cluster } = context;
  const found = cluster.registry.find(path.group, path.version, path.plural);
  if (!found) throw errors.unknownPath();
  const { type, version } = found;
  if (!type.namespaced && path.namespace) throw errors.unknownPath();
  if (path.subresource && !(path.subresource === 'status' && version.status)) {
    throw errors.unknownPath();
  }
  const apiVersion = apiVersionOf(type.group, version.name);
  const namespace = type.namespaced ? path.namespace : undefined;
  const method = req.method ?? 'GET';
  const options = {
    dryRun: query.get('dryRun') === 'All',
    fieldValidation: fieldValidation(query),
    subresource: path.subresource,
  };

  if (method === 'GET' && path.name && !path.watch) {
    const entry = cluster.get(type, namespace, path.name);
    const as = tableOf(req);
    if (as === 'Table') {
      const converter = new TableConverter(type, version);
      sendJson(
        res,
        200,
        converter.table(
          [JSON.parse(entryJson(entry, apiVersion))],
          includeObject(query),
          { resourceVersion: String(entry.rv) },
        ),
        { 'Content-Type': 'application/json;as=Table;v=v1;g=meta.k8s.io' },
      );
    } else sendJson(res, 200, entryJson(entry, apiVersion));
    return;
  }
  if (method === 'GET') {
    listOrWatch(context, type, version, namespace, path, req, res, query);
    return;
  }
  if (method === 'POST' && !path.name) {
    const body = await requestBody(req);
    writeResult(
      res,
      201,
      cluster.create(type, version, namespace, body, options),
      apiVersion,
    );
    return;
  }
  if (method === 'PUT' && path.name) {
    const body = await requestBody(req);
    writeResult(
      res,
      200,
      cluster.update(type, version, namespace, path.name, body, options),
      apiVersion,
    );
    return;
  }
  if (method === 'PATCH' && path.name) {
    const contentType = (req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const patchType = PATCH_CONTENT_TYPES[contentType];
    if (!patchType) {
      throw errors.unsupportedMediaType(
        type.builtin
          ? Object.keys(PATCH_CONTENT_TYPES)
          : ['application/json-patch+json', 'application/merge-patch+json'],
      );
    }
    const patch = parseBody(await readBody(req), 'application/json');
    writeResult(
      res,
      200,
      cluster.patch(
        type,
        version,
        namespace,
        path.name,
        patchType,
        patch,
        options,
      ),
      apiVersion,
    );
    return;
  }
  if (method === 'DELETE') {
    const text = await readBody(req);
    const body = (
      text.trim() ? parseBody(text, req.headers['content-type'] ?? '') : {}
    ) as Record<string, any>;
    const deleteOptions = {
      dryRun: options.dryRun || body.dryRun?.includes?.('All'),
      propagationPolicy:
        body.propagationPolicy ?? query.get('propagationPolicy') ?? undefined,
      preconditions: body.preconditions,
    };
    if (path.name) {
      const entry = cluster.delete(type, namespace, path.name, deleteOptions);
      sendJson(res, 200, entryJson(entry, apiVersion));
      return;
    }
    const matches = selectorOf(type, query);
    const deleted: string[] = [];
    for (const entry of [
      ...cluster.store.bucket(typeKey(type)).list(namespace),
    ]) {
      if (!matches(entry.object)) continue;
      deleted.push(
        entryJson(
          cluster.delete(type, entry.namespace, entry.name, deleteOptions),
          apiVersion,
        ),
      );
    }
    sendJson(
      res,
      200,
      `{"kind":"${
        type.listKind
      }","apiVersion":"${apiVersion}","metadata":{"resourceVersion":"${
        cluster.store.resourceVersion
      }"},"items":[${deleted.join(',')}]}`,
    );
    return;
  }
  throw errors.methodNotAllowed();
}

async function requestBody(req: IncomingMessage): Promise<unknown> {
  return parseBody(await readBody(req), req.headers['content-type'] ?? '');
}

function includeObject(query: Query): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function selectorOf(type: ResourceType, query: Query) {
  const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
  const fields = parseFieldSelector(
    query.get('fieldSelector') ?? undefined,
    typeKey(type),
  );
  return (object: Parameters<typeof labels>[0]) =>
    labels(object) && fields(object);
}

function positiveInt(query: Query, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw errors.badRequest(`invalid value for ${name}: ${text}`);
  }
  return value;
}

function listOrWatch(
  context: ResourceContext,
  type: ResourceType,
  version: ResourceVersion,
  namespace: string | undefined,
  path: ResourcePath,
  req: IncomingMessage,
  res: ServerResponse,
  query: Query,
): void {
  const { cluster } = context;
  const apiVersion = apiVersionOf(type.group, version.name);
  let matches = selectorOf(type, query);
  if (path.name) {
    const name = path.name;
    const inner = matches;
    matches = object => object.metadata.name === name && inner(object);
  }
  const as = tableOf(req);
  const watch =
    path.watch || query.get('watch') === 'true' || query.get('watch') === '1';
  if (watch) {
    let stop = () => {};
    const open = serveWatch(
      cluster,
      res,
      {
        type,
        apiVersion,
        namespace,
        matches,
        resourceVersion: query.get('resourceVersion') ?? undefined,
        allowBookmarks: query.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: query.get('sendInitialEvents') === 'true',
        timeoutSeconds: positiveInt(query, 'timeoutSeconds'),
        table: as === 'Table' ? new TableConverter(type, version) : undefined,
        bookmarkIntervalMs: context.bookmarkIntervalMs,
        dropAfterMs: context.dropWatchesAfterMs(),
      },
      () => stop(),
    );
    stop = context.trackWatch(open);
    return;
  }
  const page = listPage(
    cluster.store.bucket(typeKey(type)),
    cluster.store.resourceVersion,
    {
      namespace,
      matches,
      hasSelector: !!(query.get('labelSelector') || query.get('fieldSelector')),
      limit: positiveInt(query, 'limit'),
      continueToken: query.get('continue') || undefined,
      resourceVersion: query.get('resourceVersion') ?? undefined,
      resourceVersionMatch: query.get('resourceVersionMatch') ?? undefined,
    },
  );
  const listMeta: Record<string, unknown> = {
    resourceVersion: String(page.resourceVersion),
  };
  if (page.continueToken) listMeta.continue = page.continueToken;
  if (page.remainingItemCount !== undefined)
    listMeta.remainingItemCount = page.remainingItemCount;
  if (as === 'Table') {
    const converter = new TableConverter(type, version);
    sendJson(
      res,
      200,
      converter.table(
        page.items.map(entry =>
          entry.object.apiVersion === apiVersion
            ? entry.object
            : { ...entry.object, apiVersion },
        ),
        includeObject(query),
        listMeta,
      ),
      { 'Content-Type': 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    );
    return;
  }
  if (as === 'PartialObjectMetadataList' || as === 'PartialObjectMetadata') {
    sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMeta,
      items: page.items.map(entry => ({
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: entry.object.metadata,
      })),
    });
    return;
  }
  const items = page.items.map(entry => entryJson(entry, apiVersion)).join(',');
  sendJson(
    res,
    200,
    `{"kind":"${
      type.listKind
    }","apiVersion":"${apiVersion}","metadata":${JSON.stringify(
      listMeta,
    )},"items":[${items}]}`,
  );
}

export { ApiError };

import { createHash } from 'node:crypto';
import { groups } from './discovery';
import { Registry, ResourceType } from '../registry/types';

/**
 * OpenAPI v3 per group-version (`/openapi/v3/apis/<group>/<version>`), as
 * kubectl reads it: to learn that the server validates fields itself (the
 * `fieldValidation` parameter of each PATCH operation), for `kubectl explain`,
 * and for patch metadata. Custom resources carry their CRD schema; built-in
 * kinds carry ObjectMeta only, so that kubectl computes their strategic merge
 * patches from its own compiled-in types.
 */
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const OBJECT_META_SCHEMA = {
  description:
    'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  type: 'object',
  properties: {
    annotations: {
      type: 'object',
      additionalProperties: { type: 'string', default: '' },
    },
    creationTimestamp: { type: 'string', format: 'date-time' },
    deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
    deletionTimestamp: { type: 'string', format: 'date-time' },
    finalizers: {
      type: 'array',
      items: { type: 'string', default: '' },
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    },
    generateName: { type: 'string' },
    generation: { type: 'integer', format: 'int64' },
    labels: {
      type: 'object',
      additionalProperties: { type: 'string', default: '' },
    },
    managedFields: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      'x-kubernetes-list-type': 'atomic',
    },
    name: { type: 'string' },
    namespace: { type: 'string' },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: {
          apiVersion: { type: 'string', default: '' },
          blockOwnerDeletion: { type: 'boolean' },
          controller: { type: 'boolean' },
          kind: { type: 'string', default: '' },
          name: { type: 'string', default: '' },
          uid: { type: 'string', default: '' },
        },
        'x-kubernetes-map-type': 'atomic',
      },
      'x-kubernetes-list-map-keys': ['uid'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'uid',
      'x-kubernetes-patch-strategy': 'merge',
    },
    resourceVersion: { type: 'string' },
    selfLink: { type: 'string' },
    uid: { type: 'string' },
  },
};

const PATCH_SCHEMA = {
  description:
    'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  type: 'object',
};

function schemaName(type: ResourceType, version: string): string {
  if (type.builtin) {
    const short = type.group
      ? type.group.replace(/\.k8s\.io$/, '').split('.')[0]
      : 'core';
    const prefix =
      type.group === 'apiextensions.k8s.io'
        ? 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions'
        : `io.k8s.api.${short}`;
    return `${prefix}.${version}.${type.kind}`;
  }
  return `${type.group.split('.').reverse().join('.')}.${version}.${type.kind}`;
}

function objectSchema(type: ResourceType, version: string) {
  const gvk = [{ group: type.group, kind: type.kind, version }];
  const crdSchema = type.versions.find(v => v.name === version)?.validator
    ?.schema;
  const base: Record<string, any> = crdSchema
    ? structuredClone(crdSchema)
    : { type: 'object', description: `${type.kind} (built-in kind)` };
  base.properties = {
    ...base.properties,
    apiVersion: {
      type: 'string',
      description:
        'APIVersion defines the versioned schema of this representation of an object.',
    },
    kind: {
      type: 'string',
      description:
        'Kind is a string value representing the REST resource this object represents.',
    },
    metadata: {
      allOf: [ref(`${META}.ObjectMeta`)],
      description: "Standard object's metadata.",
    },
  };
  base['x-kubernetes-group-version-kind'] = gvk;
  return base;
}

const QUERY_PARAMETERS = [
  'dryRun',
  'fieldManager',
  'fieldValidation',
  'pretty',
].map(name => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function operation(
  type: ResourceType,
  version: string,
  action: string,
  schema: string,
  body: boolean,
) {
  const content = { 'application/json': { schema: ref(schema) } };
  const patchTypes = type.builtin
    ? [
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
      ]
    : ['application/json-patch+json', 'application/merge-patch+json'];
  return {
    operationId: `${action}${type.kind}`,
    ...(action === 'patch' || action === 'update' || action === 'create'
      ? { parameters: QUERY_PARAMETERS }
      : {}),
    ...(body
      ? {
          requestBody: {
            content:
              action === 'patch'
                ? Object.fromEntries(
                    patchTypes.map(t => [t, { schema: ref(`${META}.Patch`) }]),
                  )
                : content,
            required: true,
          },
        }
      : {}),
    responses: { '200': { description: 'OK', content } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': {
      group: type.group,
      version,
      kind: type.kind,
    },
  };
}

function pathsFor(type: ResourceType, version: string, prefix: string) {
  const schema = schemaName(type, version);
  const base = type.namespaced
    ? `${prefix}/namespaces/{namespace}/${type.plural}`
    : `${prefix}/${type.plural}`;
  const paths: Record<string, unknown> = {
    [base]: {
      get: operation(type, version, 'list', schema, false),
      post: operation(type, version, 'post', schema, true),
    },
    [`${base}/{name}`]: {
      get: operation(type, version, 'get', schema, false),
      put: operation(type, version, 'put', schema, true),
      patch: operation(type, version, 'patch', schema, true),
      delete: operation(type, version, 'delete', schema, false),
    },
  };
  if (type.versions.find(v => v.name === version)?.status) {
    paths[`${base}/{name}/status`] = {
      get: operation(type, version, 'get', schema, false),
      put: operation(type, version, 'put', schema, true),
      patch: operation(type, version, 'patch', schema, true),
    };
  }
  return paths;
}

function document(registry: Registry, group: string, version: string) {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const types = registry
    .all()
    .filter(
      t =>
        t.group === group &&
        t.versions.some(v => v.name === version && v.served),
    );
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    [`${META}.ObjectMeta`]: OBJECT_META_SCHEMA,
    [`${META}.Patch`]: PATCH_SCHEMA,
  };
  for (const type of types) {
    Object.assign(paths, pathsFor(type, version, prefix));
    schemas[schemaName(type, version)] = objectSchema(type, version);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.35.0' },
    paths,
    components: { schemas },
  };
}

interface Cached {
  json: string;
  hash: string;
}

/** Builds and caches the documents; rebuilt when the registry changes. */
export class OpenApiV3 {
  private cache = new Map<string, Cached>();
  private revision = -1;

  constructor(private readonly registry: Registry) {}

  private documents(): Map<string, Cached> {
    if (this.revision === this.registry.version) return this.cache;
    this.cache = new Map();
    this.revision = this.registry.version;
    const entries: Array<[string, string, string]> = [['api/v1', '', 'v1']];
    for (const group of groups(this.registry)) {
      for (const version of group.versions) {
        entries.push([`apis/${group.name}/${version}`, group.name, version]);
      }
    }
    for (const [path, group, version] of entries) {
      const json = JSON.stringify(document(this.registry, group, version));
      const hash = createHash('sha512')
        .update(json)
        .digest('hex')
        .toUpperCase();
      this.cache.set(path, { json, hash });
    }
    return this.cache;
  }

  root(): string {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [path, { hash }] of this.documents()) {
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
    return JSON.stringify({ paths });
  }

  get(path: string): Cached | undefined {
    return this.documents().get(path);
  }
}

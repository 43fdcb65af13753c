import { Registry, ResourceType } from '../registry/types';

/**
 * Discovery documents: the legacy ones (`APIVersions`, `APIGroupList`,
 * `APIResourceList`) and aggregated discovery (`APIGroupDiscoveryList`,
 * apidiscovery.k8s.io v2 and v2beta1) that kubectl ≥ 1.30 asks for first.
 */
const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const STATUS_VERBS = ['get', 'patch', 'update'];

const STABILITY: Record<string, number> = { alpha: 1, beta: 2 };

/** Kubernetes' version priority: GA before beta before alpha, newest first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!match) return [0, 0, 0, v] as const;
    const stability = STABILITY[match[2] ?? ''] ?? 3;
    return [stability, Number(match[1]), Number(match[3] ?? 0), v] as const;
  };
  const [sa, ma, na, ta] = parse(a);
  const [sb, mb, nb, tb] = parse(b);
  return sb - sa || mb - ma || nb - na || ta.localeCompare(tb);
}

interface GroupVersions {
  name: string;
  versions: string[];
}

export function groups(registry: Registry): GroupVersions[] {
  const byGroup = new Map<string, Set<string>>();
  for (const type of registry.all()) {
    if (!type.group) continue;
    let versions = byGroup.get(type.group);
    if (!versions) {
      versions = new Set();
      byGroup.set(type.group, versions);
    }
    for (const version of type.versions) {
      if (version.served) versions.add(version.name);
    }
  }
  return [...byGroup.entries()]
    .map(([name, versions]) => ({
      name,
      versions: [...versions].sort(compareVersions),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function typesIn(
  registry: Registry,
  group: string,
  version: string,
): ResourceType[] {
  return registry
    .all()
    .filter(
      type =>
        type.group === group &&
        type.versions.some(v => v.name === version && v.served),
    )
    .sort((a, b) => a.plural.localeCompare(b.plural));
}

function groupVersion(group: string, version: string) {
  return {
    groupVersion: group ? `${group}/${version}` : version,
    version,
  };
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(group: GroupVersions) {
  return {
    name: group.name,
    versions: group.versions.map(v => groupVersion(group.name, v)),
    preferredVersion: groupVersion(group.name, group.versions[0]),
  };
}

export function apiGroupList(registry: Registry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(registry).map(apiGroup),
  };
}

export function apiGroupDocument(registry: Registry, name: string) {
  const group = groups(registry).find(g => g.name === name);
  return group
    ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) }
    : undefined;
}

export function apiResourceList(
  registry: Registry,
  group: string,
  version: string,
) {
  const types = typesIn(registry, group, version);
  if (!types.length && !(group === '' && version === 'v1')) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version).groupVersion,
    resources: types.flatMap(type => {
      const entry = {
        name: type.plural,
        singularName: type.singular,
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: VERBS,
        ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
        ...(type.categories.length ? { categories: type.categories } : {}),
      };
      const hasStatus = type.versions.find(v => v.name === version)?.status;
      return hasStatus
        ? [
            entry,
            {
              name: `${type.plural}/status`,
              singularName: '',
              namespaced: type.namespaced,
              kind: type.kind,
              verbs: STATUS_VERBS,
            },
          ]
        : [entry];
    }),
  };
}

function discoveryVersion(registry: Registry, group: string, version: string) {
  return {
    version,
    resources: typesIn(registry, group, version).map(type => {
      const responseKind = { group, version, kind: type.kind };
      const hasStatus = type.versions.find(v => v.name === version)?.status;
      return {
        resource: type.plural,
        responseKind,
        scope: type.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: type.singular,
        verbs: VERBS,
        ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
        ...(type.categories.length ? { categories: type.categories } : {}),
        ...(hasStatus
          ? {
              subresources: [
                { subresource: 'status', responseKind, verbs: STATUS_VERBS },
              ],
            }
          : {}),
      };
    }),
    freshness: 'Current',
  };
}

/** `/api` (core) or `/apis` (named groups) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(
  registry: Registry,
  legacy: boolean,
  apiVersion: string,
) {
  const items = legacy
    ? [
        {
          metadata: { creationTimestamp: null },
          versions: [discoveryVersion(registry, '', 'v1')],
        },
      ]
    : groups(registry).map(group => ({
        metadata: { name: group.name, creationTimestamp: null },
        versions: group.versions.map(v =>
          discoveryVersion(registry, group.name, v),
        ),
      }));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion,
    metadata: {},
    items,
  };
}

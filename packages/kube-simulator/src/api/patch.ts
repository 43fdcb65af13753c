import { applyPatch, Operation } from 'fast-json-patch';
import { ApiError, errors } from './status';

/**
 * The three patch types of the Kubernetes API: JSON patch (RFC 6902, by
 * fast-json-patch), JSON merge patch (RFC 7386) and strategic merge patch
 * (built-in kinds only, with Kubernetes' patch merge keys and directives).
 */
export type PatchType = 'json' | 'merge' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

type Json = any;

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mergePatch(original: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(original)
    ? { ...original }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export function jsonPatch(original: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) {
    throw errors.badRequest(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  try {
    return applyPatch(
      structuredClone(original),
      operations as Operation[],
      true,
      true,
    ).newDocument;
  } catch (error) {
    throw new ApiError(
      422,
      'Invalid',
      'the server rejected our request due to an error in our request',
      {
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: (error as Error).message.split('\n')[0],
          },
        ],
      },
    );
  }
}

/**
 * Patch merge keys of the built-in kinds (`x-kubernetes-patch-merge-key` in
 * Kubernetes' OpenAPI). Lists without an entry here are replaced whole.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
};
const CONTAINER_LISTS = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

type ListStrategy = { mergeKey: string } | 'primitive' | undefined;

function listStrategy(path: string[]): ListStrategy {
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (field === 'finalizers' && parent === 'metadata') return 'primitive';
  if (field === 'ports') {
    if (CONTAINER_LISTS.has(parent)) return { mergeKey: 'containerPort' };
    if (path.length === 2 && parent === 'spec') return { mergeKey: 'port' };
    return undefined;
  }
  const mergeKey = MERGE_KEYS[field];
  return mergeKey ? { mergeKey } : undefined;
}

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

function withoutDirectives(value: Json): Json {
  if (Array.isArray(value)) {
    return value
      .filter(item => !(isObject(item) && item.$patch === 'delete'))
      .map(withoutDirectives);
  }
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    out[key] = withoutDirectives(child);
  }
  return out;
}

function mergeList(
  original: Json,
  patch: Json[],
  mergeKey: string,
  path: string[],
): Json[] {
  if (patch.some(item => isObject(item) && item.$patch === 'replace')) {
    return withoutDirectives(
      patch.filter(item => !(isObject(item) && item.$patch === 'replace')),
    );
  }
  const result: Json[] = Array.isArray(original) ? [...original] : [];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = result.findIndex(
      existing => isObject(existing) && existing[mergeKey] === item[mergeKey],
    );
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMergePatch(result[index], item, path);
    } else {
      result.push(strategicMergePatch({}, item, path));
    }
  }
  return result;
}

/**
 * Orders a merged list as apimachinery's `normalizeElementOrder` does: items
 * named by the patch (or its `$setElementOrder`) keep the patch's order, and
 * items only on the server are slotted in by their order on the server.
 */
function orderMerged(
  merged: Json[],
  serverKeys: Json[],
  patchKeys: Json[],
  keyOf: (item: Json) => Json,
): Json[] {
  const inPatch = merged
    .filter(item => patchKeys.includes(keyOf(item)))
    .sort((a, b) => patchKeys.indexOf(keyOf(a)) - patchKeys.indexOf(keyOf(b)));
  const serverOnly = merged.filter(item => !patchKeys.includes(keyOf(item)));
  const isLess = (a: Json, b: Json) => {
    const ia = serverKeys.indexOf(keyOf(a));
    const ib = serverKeys.indexOf(keyOf(b));
    return ia >= 0 && ib >= 0 && ia < ib;
  };
  const result: Json[] = [];
  let left = serverOnly;
  let right = inPatch;
  while (left.length && right.length) {
    if (isLess(left[0], right[0])) {
      result.push(left[0]);
      left = left.slice(1);
    } else {
      result.push(right[0]);
      right = right.slice(1);
    }
  }
  return [...result, ...left, ...right];
}

export function strategicMergePatch(
  original: Json,
  patch: Json,
  path: string[] = [],
): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, Json> = isObject(original)
    ? { ...original }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const fieldPath = [...path, key];
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      const strategy = listStrategy(fieldPath);
      const order = patch[`${SET_ORDER}${key}`];
      const existing: Json[] = Array.isArray(result[key]) ? result[key] : [];
      if (strategy === 'primitive') {
        const merged = [
          ...existing,
          ...value.filter(v => !existing.includes(v)),
        ];
        result[key] = orderMerged(
          merged,
          existing,
          Array.isArray(order) ? order : value,
          v => v,
        );
      } else if (strategy) {
        const keyOf = (item: Json) =>
          isObject(item) ? item[strategy.mergeKey] : item;
        const merged = mergeList(existing, value, strategy.mergeKey, fieldPath);
        const patchKeys = (
          Array.isArray(order)
            ? order
            : value.filter(v => !(isObject(v) && v.$patch === 'delete'))
        ).map(keyOf);
        result[key] = orderMerged(
          merged,
          existing.map(keyOf),
          patchKeys,
          keyOf,
        );
      } else {
        result[key] = withoutDirectives(value);
      }
    } else if (isObject(value)) {
      const merged = strategicMergePatch(result[key], value, fieldPath);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  for (const [directive, value] of Object.entries(patch)) {
    if (directive.startsWith(DELETE_FROM) && Array.isArray(value)) {
      const field = directive.slice(DELETE_FROM.length);
      if (Array.isArray(result[field])) {
        result[field] = result[field].filter((v: Json) => !value.includes(v));
      }
    }
    const field = directive.slice(SET_ORDER.length);
    if (
      directive.startsWith(SET_ORDER) &&
      Array.isArray(value) &&
      !(field in patch)
    ) {
      // Only the order changed: the listed items first, in the given order.
      if (Array.isArray(result[field])) {
        const strategy = listStrategy([...path, field]);
        const keyOf = (item: Json) =>
          strategy && strategy !== 'primitive' && isObject(item)
            ? item[strategy.mergeKey]
            : item;
        const current: Json[] = result[field];
        result[field] = orderMerged(
          current,
          current.map(keyOf),
          value.map(keyOf),
          keyOf,
        );
      }
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(result)) {
      if (!patch.$retainKeys.includes(key)) delete result[key];
    }
  }
  return result;
}

export function applyPatchOfType(
  type: PatchType,
  original: Json,
  patch: Json,
): Json {
  switch (type) {
    case 'json':
      return jsonPatch(original, patch);
    case 'merge':
      return mergePatch(original, patch);
    default:
      return strategicMergePatch(original, patch);
  }
}

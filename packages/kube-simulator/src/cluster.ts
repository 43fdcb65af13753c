import { invalidError, FieldError } from './api/fieldErrors';
import {
  newUid,
  pruneObjectMeta,
  randomSuffix,
  timestamp,
  validateObjectMeta,
} from './api/metadata';
import { applyPatchOfType, PatchType } from './api/patch';
import { ApiError, errors } from './api/status';
import { normalize, prepareForCreate, specPart } from './api/strategy';
import { builtinTypes } from './registry/builtins';
import { CrdObject, crdProblems, typeFromCrd } from './registry/crds';
import {
  apiVersionOf,
  Registry,
  ResourceType,
  ResourceVersion,
  storageVersion,
  typeKey,
} from './registry/types';
import { Entry, ObjectStore, objectKey, StoredObject } from './store/store';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  subresource?: string;
}

export interface WriteResult {
  entry: Entry;
  warnings: string[];
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';
const NAMESPACES_KEY = '/namespaces';
const DEFAULT_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/**
 * One simulated cluster's API semantics, independent of HTTP: the verbs with
 * the API server's admission and strategy rules, over the object store.
 * The controller and scenarios write through it too.
 */
export class Cluster {
  readonly registry = new Registry();
  readonly store: ObjectStore;
  /** owner uid → dependents, for background garbage collection. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(options: { historyLimit?: number } = {}) {
    this.store = new ObjectStore(options.historyLimit);
    for (const type of builtinTypes()) this.registry.add(type);
    this.store.onEvent((key, event) => this.index(key, event));
    for (const name of DEFAULT_NAMESPACES) {
      this.load({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }

  typeOf(group: string, plural: string): ResourceType {
    const type = this.registry.get(group, plural);
    if (!type) throw errors.unknownPath();
    return type;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): Entry {
    const entry = this.store.get(
      typeKey(type),
      objectKey(type.namespaced ? namespace : undefined, name),
    );
    if (!entry) throw errors.notFound(type, name);
    return entry;
  }

  find(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
  ): StoredObject | undefined {
    const type = this.registry.get(group, plural);
    if (!type) return undefined;
    const entry = this.store.get(
      typeKey(type),
      objectKey(type.namespaced ? namespace : undefined, name),
    );
    return entry ? (JSON.parse(entry.json) as StoredObject) : undefined;
  }

  create(
    type: ResourceType,
    version: ResourceVersion,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    const object = this.checkBody(type, version, namespace, body);
    const meta = object.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = `${meta.generateName}${randomSuffix()}`;
    }
    const warnings = this.prune(type, version, object, options);
    prepareForCreate(type, object);
    normalize(type, object);
    for (const field of [
      'resourceVersion',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'managedFields',
      'selfLink',
    ]) {
      delete meta[field];
    }
    meta.uid = newUid();
    meta.creationTimestamp = timestamp();
    if (type.generation || !type.builtin) meta.generation = 1;
    else delete meta.generation;
    this.validate(type, version, object);
    if (type.namespaced) this.requireNamespace(object.metadata.namespace!);
    const key = typeKey(type);
    if (this.store.get(key, objectKey(meta.namespace, meta.name))) {
      throw errors.alreadyExists(type, meta.name);
    }
    object.apiVersion = apiVersionOf(type.group, storageVersion(type));
    if (options.dryRun) return { entry: dryEntry(object), warnings };
    const entry = this.store.put(key, object);
    if (key === CRD_KEY) this.registerCrd(object as unknown as CrdObject);
    return { entry, warnings };
  }

  update(
    type: ResourceType,
    version: ResourceVersion,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
    fromPatch = false,
  ): WriteResult {
    const existing = this.get(type, namespace, name);
    const object = this.checkBody(type, version, namespace, body);
    if (object.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const sentUid = object.metadata.uid;
    if (sentUid && sentUid !== existing.object.metadata.uid) {
      throw errors.conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${sentUid}, UID in object meta: ${existing.object.metadata.uid}`,
      );
    }
    const sentRv = object.metadata.resourceVersion;
    if (sentRv && sentRv !== String(existing.rv)) {
      throw errors.conflict(type, name);
    }
    if (!sentRv && !type.builtin && !fromPatch) {
      throw invalidError(type.group, type.kind, name, [
        {
          type: 'Invalid value',
          field: 'metadata.resourceVersion',
          value: 0,
          detail: 'must be specified for an update',
        },
      ]);
    }
    const warnings = this.prune(type, version, object, options);
    const previous = existing.object;
    let next: StoredObject;
    if (options.subresource === 'status') {
      next = JSON.parse(existing.json);
      next.status = object.status;
    } else {
      next = object;
      if (version.status) next.status = previous.status;
      if (next.status === undefined) delete next.status;
      for (const field of [
        'uid',
        'creationTimestamp',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
        'generation',
      ]) {
        if (previous.metadata[field] === undefined) delete next.metadata[field];
        else next.metadata[field] = previous.metadata[field];
      }
    }
    normalize(type, next);
    next.apiVersion = previous.apiVersion;
    next.metadata.resourceVersion = previous.metadata.resourceVersion;
    if (
      options.subresource !== 'status' &&
      previous.metadata.generation !== undefined &&
      specPart(next) !== specPart(previous)
    ) {
      next.metadata.generation = previous.metadata.generation + 1;
    }
    this.validate(type, version, next);
    if (JSON.stringify(next) === existing.json)
      return { entry: existing, warnings };
    if (options.dryRun) return { entry: dryEntry(next), warnings };
    const key = typeKey(type);
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) {
      return { entry: this.removeNow(type, existing, next), warnings };
    }
    const entry = this.store.put(key, next);
    if (key === CRD_KEY && options.subresource !== 'status') {
      this.registerCrd(next as unknown as CrdObject);
    }
    return { entry, warnings };
  }

  patch(
    type: ResourceType,
    version: ResourceVersion,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): WriteResult {
    if (patchType === 'strategic' && !type.builtin) {
      throw errors.unsupportedMediaType([
        'application/json-patch+json',
        'application/merge-patch+json',
      ]);
    }
    const existing = this.get(type, namespace, name);
    const original = JSON.parse(existing.json);
    original.apiVersion = apiVersionOf(type.group, version.name);
    const patched = applyPatchOfType(patchType, original, patch);
    if (!patched?.metadata || typeof patched.metadata !== 'object') {
      throw errors.badRequest('the patch removed the object metadata');
    }
    patched.metadata.resourceVersion ??= String(existing.rv);
    return this.update(type, version, namespace, name, patched, options, true);
  }

  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Entry {
    const existing = this.get(type, namespace, name);
    const { preconditions } = options;
    if (
      (preconditions?.uid &&
        preconditions.uid !== existing.object.metadata.uid) ||
      (preconditions?.resourceVersion &&
        preconditions.resourceVersion !== String(existing.rv))
    ) {
      throw errors.conflict(type, name);
    }
    if (options.dryRun) return existing;
    const finalizers = existing.object.metadata.finalizers ?? [];
    if (type.builtin && type.kind === 'Namespace') {
      return this.terminateNamespace(existing);
    }
    if (finalizers.length) {
      if (existing.object.metadata.deletionTimestamp) return existing;
      const next: StoredObject = JSON.parse(existing.json);
      next.metadata.deletionTimestamp = timestamp();
      next.metadata.deletionGracePeriodSeconds = 0;
      return this.store.put(typeKey(type), next);
    }
    return this.removeNow(type, existing, undefined, options.propagationPolicy);
  }

  /** Applies a change to an object as a controller would (no admission). */
  mutate(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
    change: (object: StoredObject) => void,
  ): StoredObject | undefined {
    const type = this.registry.get(group, plural);
    if (!type) return undefined;
    const key = typeKey(type);
    const entry = this.store.get(
      key,
      objectKey(type.namespaced ? namespace : undefined, name),
    );
    if (!entry) return undefined;
    const next: StoredObject = JSON.parse(entry.json);
    change(next);
    if (JSON.stringify(next) === entry.json) return entry.object;
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) {
      this.removeNow(type, entry);
      return undefined;
    }
    return this.store.put(key, next).object;
  }

  /**
   * Stores an object as if restored from etcd: its status is kept, missing
   * metadata is filled in, its namespace is created when missing.
   */
  load(object: StoredObject): Entry {
    const [group] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : [''];
    const type = this.registry.byKind(group, object.kind);
    if (!type) {
      throw new Error(
        `No resource type for ${object.apiVersion} ${object.kind} (object ${object.metadata?.name}); load its CRD first`,
      );
    }
    const copy: StoredObject = structuredClone(object);
    copy.metadata ??= { name: '' };
    const meta = copy.metadata;
    if (type.namespaced) {
      meta.namespace ??= 'default';
      if (!this.store.get(NAMESPACES_KEY, meta.namespace)) {
        this.load({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: meta.namespace },
        });
      }
    } else delete meta.namespace;
    const errorsFound = validateObjectMeta(meta, type.nameRule);
    if (errorsFound.length) {
      throw invalidError(type.group, type.kind, meta.name ?? '', errorsFound);
    }
    meta.uid ??= newUid();
    meta.creationTimestamp ??= timestamp();
    if (type.generation || !type.builtin) meta.generation ??= 1;
    if (copy.status === undefined && type.builtin) prepareForCreate(type, copy);
    normalize(type, copy);
    const entry = this.store.put(typeKey(type), copy);
    if (typeKey(type) === CRD_KEY)
      this.registerCrd(copy as unknown as CrdObject);
    return entry;
  }

  private checkBody(
    type: ResourceType,
    version: ResourceVersion,
    namespace: string | undefined,
    body: unknown,
  ): StoredObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw errors.badRequest('Object is not a Kubernetes object');
    }
    const object = structuredClone(body) as StoredObject;
    const expected = apiVersionOf(type.group, version.name);
    if (!object.kind) {
      throw errors.badRequest(
        `Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`,
      );
    }
    if (object.apiVersion !== expected || object.kind !== type.kind) {
      throw errors.badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (!object.metadata || typeof object.metadata !== 'object') {
      object.metadata = { name: '' };
    }
    const meta = object.metadata;
    if (type.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace ?? meta.namespace;
      if (!meta.namespace) {
        throw errors.badRequest('the namespace of the object is missing');
      }
    } else delete meta.namespace;
    return object;
  }

  /** Drops undeclared fields; Strict rejects them, Warn reports them. */
  private prune(
    type: ResourceType,
    version: ResourceVersion,
    object: StoredObject,
    options: WriteOptions,
  ): string[] {
    const unknown = pruneObjectMeta(object.metadata);
    if (version.validator) unknown.push(...version.validator.prune(object));
    if (!unknown.length || options.fieldValidation === 'Ignore') return [];
    const fields = unknown.map(path => `unknown field "${path}"`);
    if (options.fieldValidation === 'Strict') {
      throw errors.badRequest(
        `${type.kind} in version "${version.name}" cannot be handled as a ${
          type.kind
        }: strict decoding error: ${fields.join(', ')}`,
      );
    }
    return fields;
  }

  private validate(
    type: ResourceType,
    version: ResourceVersion,
    object: StoredObject,
  ): void {
    const fieldErrors: FieldError[] = validateObjectMeta(
      object.metadata,
      type.nameRule,
    );
    if (version.validator)
      fieldErrors.push(...version.validator.validate(object));
    if (typeKey(type) === CRD_KEY) {
      fieldErrors.push(...crdProblems(object as unknown as CrdObject));
    }
    if (fieldErrors.length) {
      throw invalidError(
        type.group,
        type.kind,
        object.metadata.name ?? '',
        fieldErrors,
      );
    }
  }

  private requireNamespace(name: string): void {
    const namespace = this.store.get(NAMESPACES_KEY, name);
    if (!namespace) {
      throw errors.notFound({ group: '', plural: 'namespaces' }, name);
    }
    if (namespace.object.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${name} because it is being terminated`,
      );
    }
  }

  private removeNow(
    type: ResourceType,
    existing: Entry,
    last?: StoredObject,
    propagation = 'Background',
  ): Entry {
    const key = typeKey(type);
    if (last) {
      // Record the final state (finalizers cleared) before the deletion.
      this.store.put(key, last);
    }
    const removed = this.store.remove(key, existing.key)!;
    if (key === CRD_KEY)
      this.unregisterCrd(removed.object as unknown as CrdObject);
    this.collectDependents(removed, propagation);
    if (type.namespaced) this.finishNamespaceIfEmpty(removed.namespace);
    return removed;
  }

  private index(
    key: string,
    event: { type: string; entry: Entry; previous?: Entry },
  ): void {
    const ref = `${key}|${event.entry.key}`;
    for (const owner of event.previous?.object.metadata.ownerReferences ?? []) {
      this.dependents.get(owner.uid)?.delete(ref);
    }
    if (event.type === 'DELETED') return;
    for (const owner of event.entry.object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(owner.uid);
      if (!set) {
        set = new Set();
        this.dependents.set(owner.uid, set);
      }
      set.add(ref);
    }
  }

  private collectDependents(owner: Entry, policy: string): void {
    const uid = owner.object.metadata.uid;
    const refs = uid ? [...(this.dependents.get(uid) ?? [])] : [];
    this.dependents.delete(uid ?? '');
    for (const ref of refs) {
      const [key, objectRef] = ref.split('|');
      const [group, plural] = key.split('/');
      const type = this.registry.get(group, plural);
      const entry = this.store.get(key, objectRef);
      if (!type || !entry) continue;
      if (policy === 'Orphan') {
        this.mutate(group, plural, entry.namespace, entry.name, object => {
          object.metadata.ownerReferences =
            object.metadata.ownerReferences?.filter(
              (o: { uid: string }) => o.uid !== uid,
            );
        });
      } else {
        this.delete(type, entry.namespace, entry.name, {
          propagationPolicy: 'Background',
        });
      }
    }
  }

  private terminateNamespace(existing: Entry): Entry {
    const name = existing.name;
    const next: StoredObject = JSON.parse(existing.json);
    if (!next.metadata.deletionTimestamp) {
      next.metadata.deletionTimestamp = timestamp();
      next.status = { ...next.status, phase: 'Terminating' };
    }
    const entry = this.store.put(NAMESPACES_KEY, next);
    // The namespace controller empties the namespace, then removes it.
    setImmediate(() => {
      for (const type of this.registry.all()) {
        if (!type.namespaced) continue;
        for (const item of [...this.store.bucket(typeKey(type)).list(name)]) {
          try {
            this.delete(type, name, item.name);
          } catch {
            // Already gone.
          }
        }
      }
      this.finishNamespaceIfEmpty(name);
    });
    return entry;
  }

  private finishNamespaceIfEmpty(name: string): void {
    const namespace = this.store.get(NAMESPACES_KEY, name);
    if (!namespace?.object.metadata.deletionTimestamp) return;
    const left = this.registry
      .all()
      .filter(type => type.namespaced)
      .reduce(
        (sum, type) => sum + this.store.bucket(typeKey(type)).countIn(name),
        0,
      );
    if (left === 0) this.store.remove(NAMESPACES_KEY, name);
  }

  private registerCrd(crd: CrdObject): void {
    if (crdProblems(crd).length) return;
    const previous = this.registry.get(crd.spec.group, crd.spec.names.plural);
    if (previous && previous.crdName !== crd.metadata.name) return;
    this.registry.add(typeFromCrd(crd));
  }

  private unregisterCrd(crd: CrdObject): void {
    const type = this.registry.get(crd.spec.group, crd.spec.names.plural);
    if (!type || type.crdName !== crd.metadata.name) return;
    const key = typeKey(type);
    for (const entry of [...this.store.bucket(key).list()]) {
      this.store.remove(key, entry.key);
    }
    this.registry.remove(type.group, type.plural);
  }
}

function dryEntry(object: StoredObject): Entry {
  const namespace = object.metadata.namespace ?? '';
  return {
    key: objectKey(namespace, object.metadata.name),
    namespace,
    name: object.metadata.name,
    rv: Number(object.metadata.resourceVersion ?? 0),
    object,
    json: JSON.stringify(object),
  };
}

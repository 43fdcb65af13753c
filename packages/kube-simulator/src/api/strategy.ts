import { StoredObject } from '../store/store';
import { ResourceType } from '../registry/types';
import { CrdObject, establishedStatus } from '../registry/crds';

/**
 * What the API server's registry strategies do to an object before it is
 * stored: reset status on create where a `/status` subresource owns it, and
 * give some built-ins their initial status (PrepareForCreate).
 */
export function prepareForCreate(
  type: ResourceType,
  object: StoredObject,
): void {
  const hasStatus = type.versions.some(v => v.status);
  if (hasStatus) delete object.status;
  if (!type.builtin) return;
  switch (type.kind) {
    case 'Namespace':
      object.spec = { finalizers: ['kubernetes'], ...object.spec };
      object.status = { phase: 'Active' };
      break;
    case 'Pod':
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      object.status = { phase: 'Pending' };
      break;
    case 'CustomResourceDefinition':
      object.status = establishedStatus(object as unknown as CrdObject);
      break;
    case 'Secret':
      object.type ??= 'Opaque';
      break;
    case 'Service':
      object.spec = {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ...object.spec,
      };
      object.status = { loadBalancer: {} };
      break;
    default:
      break;
  }
}

/** Fields that the API server rewrites on every write (Secret.stringData). */
export function normalize(type: ResourceType, object: StoredObject): void {
  if (type.builtin && type.kind === 'Secret' && object.stringData) {
    object.data = { ...object.data };
    for (const [key, value] of Object.entries(object.stringData)) {
      object.data[key] = Buffer.from(String(value)).toString('base64');
    }
    delete object.stringData;
  }
}

/** The object without metadata and status: what `generation` follows. */
export function specPart(object: StoredObject): string {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return JSON.stringify(rest);
}

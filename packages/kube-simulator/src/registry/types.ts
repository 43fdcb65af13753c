import type { CustomResourceDefinitionVersion } from '@internal/crds';
import { SchemaValidator } from '../api/schema';
import { NameRule } from '../api/metadata';

/** A CRD `additionalPrinterColumns` entry (also used for built-in tables). */
export type PrinterColumn = NonNullable<
  CustomResourceDefinitionVersion['additionalPrinterColumns']
>[number];

/** One served version of a resource type. */
export interface ResourceVersion {
  name: string;
  served: boolean;
  storage: boolean;
  /** Whether the `/status` subresource exists. */
  status: boolean;
  /** The `/scale` subresource's paths (recorded; `/scale` is not served). */
  scale?: Record<string, string>;
  printerColumns?: PrinterColumn[];
  validator?: SchemaValidator;
}

/**
 * A resource type the simulator serves: a built-in kind or one defined by a
 * CustomResourceDefinition. Objects are stored once per type, whatever the
 * version they were written through (CRD conversion strategy `None`).
 */
export interface ResourceType {
  group: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  versions: ResourceVersion[];
  /** True for kinds compiled into the API server (strategic merge patch works). */
  builtin: boolean;
  nameRule: NameRule;
  /** Whether metadata.generation follows spec changes. */
  generation: boolean;
  /** The name of the CRD that defines this type. */
  crdName?: string;
}

/** The store key of a type: `<group>/<plural>` (`/pods` for core). */
export function typeKey(type: { group: string; plural: string }): string {
  return `${type.group}/${type.plural}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function storageVersion(type: ResourceType): string {
  return (type.versions.find(v => v.storage) ?? type.versions[0]).name;
}

type Listener = () => void;

/** Every served resource type, by group and plural. */
export class Registry {
  private readonly types = new Map<string, ResourceType>();
  private readonly listeners = new Set<Listener>();
  private revision = 0;

  add(type: ResourceType): void {
    this.types.set(typeKey(type), type);
    this.changed();
  }

  remove(group: string, plural: string): void {
    if (this.types.delete(typeKey({ group, plural }))) this.changed();
  }

  get(group: string, plural: string): ResourceType | undefined {
    return this.types.get(typeKey({ group, plural }));
  }

  /** The type and version behind `/apis/<group>/<version>/<plural>`. */
  find(
    group: string,
    version: string,
    plural: string,
  ): { type: ResourceType; version: ResourceVersion } | undefined {
    const type = this.get(group, plural);
    const served = type?.versions.find(v => v.name === version && v.served);
    return type && served ? { type, version: served } : undefined;
  }

  byKind(group: string, kind: string): ResourceType | undefined {
    for (const type of this.types.values()) {
      if (type.group === group && type.kind === kind) return type;
    }
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Bumped on every change, so that discovery documents can be cached. */
  get version(): number {
    return this.revision;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }
}

import { FieldError } from '../api/fieldErrors';
import { SchemaValidator } from '../api/schema';
import { timestamp } from '../api/metadata';
import type { CustomResourceDefinition } from '@internal/crds';
import { ResourceType } from './types';

/** A CustomResourceDefinition as `@internal/crds` types it. */
export type CrdObject = CustomResourceDefinition;

/** What the API server rejects in a CRD before it can serve it. */
export function crdProblems(crd: CrdObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = crd.spec;
  if (!spec?.group) {
    errors.push({ type: 'Required value', field: 'spec.group' });
  }
  if (!spec?.names?.plural) {
    errors.push({ type: 'Required value', field: 'spec.names.plural' });
  }
  if (!spec?.names?.kind) {
    errors.push({ type: 'Required value', field: 'spec.names.kind' });
  }
  if (spec?.scope !== 'Namespaced' && spec?.scope !== 'Cluster') {
    errors.push({
      type: 'Unsupported value',
      field: 'spec.scope',
      value: spec?.scope ?? '',
      detail: 'supported values: "Cluster", "Namespaced"',
    });
  }
  if (spec?.group && spec?.names?.plural) {
    const expected = `${spec.names.plural}.${spec.group}`;
    if (crd.metadata.name !== expected) {
      errors.push({
        type: 'Invalid value',
        field: 'metadata.name',
        value: crd.metadata.name,
        detail: 'must be spec.names.plural+"."+spec.group',
      });
    }
  }
  const versions = spec?.versions ?? [];
  if (!versions.length) {
    errors.push({
      type: 'Invalid value',
      field: 'spec.versions',
      value: versions.length,
      detail: 'must have exactly one version marked as storage version',
    });
  } else if (versions.filter(v => v.storage).length !== 1) {
    errors.push({
      type: 'Invalid value',
      field: 'spec.versions',
      value: versions.filter(v => v.storage).length,
      detail: 'must have exactly one version marked as storage version',
    });
  }
  versions.forEach((version, index) => {
    if (!version.schema?.openAPIV3Schema) {
      errors.push({
        type: 'Required value',
        field: `spec.versions[${index}].schema.openAPIV3Schema`,
        detail: 'schemas are required',
      });
    }
  });
  return errors;
}

export function typeFromCrd(crd: CrdObject): ResourceType {
  const { group, names, scope, versions } = crd.spec;
  return {
    group,
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    namespaced: scope === 'Namespaced',
    versions: versions.map(version => ({
      name: version.name,
      served: version.served,
      storage: version.storage,
      status: !!version.subresources?.status,
      scale: version.subresources?.scale,
      printerColumns: version.additionalPrinterColumns,
      validator: version.schema?.openAPIV3Schema
        ? new SchemaValidator(version.schema.openAPIV3Schema)
        : undefined,
    })),
    builtin: false,
    nameRule: 'subdomain',
    generation: true,
    crdName: crd.metadata.name,
  };
}

/** The status the apiextensions controller writes once names are accepted. */
export function establishedStatus(crd: CrdObject): Record<string, unknown> {
  const now = timestamp();
  const { names } = crd.spec;
  return {
    acceptedNames: {
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      singular: names.singular ?? names.kind.toLowerCase(),
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
    },
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: now,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: now,
      },
    ],
    storedVersions: crd.spec.versions.filter(v => v.storage).map(v => v.name),
  };
}

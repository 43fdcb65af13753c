// Validators for generated objects against real schemas: the Fluid and
// ModelExpress CRDs (OpenAPI v3 in ajv) and the Kubernetes API (the
// kubernetes-models package, generated from Kubernetes' OpenAPI spec).
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CrdSet, loadCrds } from '@internal/crds';

type Schema = Record<string, any>;

/**
 * Makes every object schema that lists `properties` reject other keys, as
 * the API server does for structural schemas under kubectl's default
 * `--validate=strict` (unknown fields are errors, not silently pruned).
 * Maps (`additionalProperties`) and `x-kubernetes-preserve-unknown-fields`
 * keep their meaning.
 */
export function strictSchema(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([k, v]) => [
              k,
              strictSchema(v),
            ]),
          )
        : strictSchema(value);
  }
  if (
    copy.properties &&
    copy.additionalProperties === undefined &&
    copy['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    copy.additionalProperties = false;
  }
  return copy;
}

function kubernetesAjv(): Ajv {
  // strictTypes off: int-or-string fields put `pattern` next to `anyOf` of
  // integer and string, which is valid OpenAPI but not ajv's strict style.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv, ['date-time']);
  // Kubernetes' OpenAPI extensions carry meaning for the API server only.
  for (const keyword of [
    'x-kubernetes-int-or-string',
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-validations',
  ]) {
    ajv.addKeyword({ keyword });
  }
  ajv.addFormat('int32', {
    type: 'number',
    validate: n => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', {
    type: 'number',
    validate: n => Number.isSafeInteger(n),
  });
  return ajv;
}

/** Validates custom resources against the CRDs of one set. */
export class CrdValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(sets: CrdSet[]) {
    const ajv = kubernetesAjv();
    for (const set of sets) {
      for (const crd of loadCrds(set)) {
        for (const version of crd.spec.versions) {
          const schema = version.schema?.openAPIV3Schema;
          if (!schema) continue;
          const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
          this.validators.set(key, ajv.compile(strictSchema(schema)));
        }
      }
    }
  }

  /** Whether the set has a CRD for this apiVersion and kind. */
  has(apiVersion: string, kind: string): boolean {
    return this.validators.has(`${apiVersion}/${kind}`);
  }

  /** The schema errors of one object, as `path: message` strings. */
  errors(object: { apiVersion: string; kind: string }): string[] {
    const validate = this.validators.get(`${object.apiVersion}/${object.kind}`);
    if (!validate) return [`no CRD for ${object.apiVersion} ${object.kind}`];
    if (validate(object)) return [];
    return (validate.errors ?? []).map(
      e =>
        `${e.instancePath || '/'}: ${e.message}${
          e.params && 'additionalProperty' in e.params
            ? ` (${e.params.additionalProperty})`
            : ''
        }`,
    );
  }
}

/**
 * Validates a built-in Kubernetes object with the kubernetes-models class of
 * its kind; returns the errors (empty when valid).
 */
export function kubernetesModelErrors(object: {
  apiVersion: string;
  kind: string;
}): string[] {
  // kubernetes-models lays out one module per kind: <apiVersion>/<Kind>.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`kubernetes-models/${object.apiVersion}/${object.kind}`);
  const Model = module[object.kind];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

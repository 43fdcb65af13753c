import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { FieldError } from './fieldErrors';

/**
 * Validation of custom resources against a CRD's `openAPIV3Schema`, with the
 * API server's order of work: prune unknown fields (structural schema rules),
 * apply `default`s, then validate and word each failure as kube-openapi does
 * (`<field> in body should match '<pattern>'`, …).
 */

export type JsonSchema = Record<string, any>;

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  useDefaults: true,
  validateFormats: false,
  verbose: true,
});

/** Ajv takes OpenAPI's `nullable` only beside a `type`; drop it elsewhere. */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' && !('type' in schema)) continue;
    out[key] =
      key === 'default' || key === 'enum' || key === 'example'
        ? value
        : forAjv(value);
  }
  return out;
}

export class SchemaValidator {
  private compiled?: ValidateFunction;

  constructor(readonly schema: JsonSchema) {}

  private validator(): ValidateFunction {
    this.compiled ??= ajv.compile(forAjv(this.schema) as object);
    return this.compiled;
  }

  /**
   * Removes fields the schema does not declare and returns their paths
   * (`spec.foo`, `spec.mounts[0].bar`), as the API server's pruning does.
   */
  prune(object: Record<string, unknown>): string[] {
    const unknown: string[] = [];
    pruneValue(object, this.schema, '', unknown, true);
    return unknown;
  }

  /** Applies defaults in place and returns the failures as field errors. */
  validate(object: Record<string, unknown>): FieldError[] {
    const validate = this.validator();
    if (validate(object)) return [];
    return toFieldErrors(validate.errors ?? [], object);
  }
}

const OBJECT_META_KEYS = new Set(['apiVersion', 'kind', 'metadata']);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function pruneValue(
  value: unknown,
  schema: JsonSchema | undefined,
  path: string,
  unknown: string[],
  root = false,
): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      pruneValue(item, schema.items, `${path}[${index}]`, unknown),
    );
    return;
  }
  const record = value as Record<string, unknown>;
  const properties: JsonSchema | undefined = schema.properties;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!properties && (preserve || additional === true)) return;
  for (const key of Object.keys(record)) {
    // ObjectMeta is pruned by its own rules (pruneObjectMeta).
    if ((root || embedded) && OBJECT_META_KEYS.has(key)) continue;
    const child = properties?.[key];
    if (child) {
      pruneValue(record[key], child, join(path, key), unknown);
    } else if (additional && typeof additional === 'object') {
      pruneValue(record[key], additional, join(path, key), unknown);
    } else if (preserve || additional === true) {
      continue;
    } else {
      unknown.push(join(path, key));
      delete record[key];
    }
  }
}

/** JSON pointer → `spec.levels[0].quota`, using the data to tell indexes. */
export function fieldPath(pointer: string, data: unknown): string {
  if (!pointer) return '';
  let path = '';
  let current: any = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      path += `[${key}]`;
    } else {
      path = join(path, key);
    }
    current = current?.[key];
  }
  return path;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

function toFieldErrors(ajvErrors: ErrorObject[], data: unknown): FieldError[] {
  // Failures inside the branches of an anyOf are reported once, by the anyOf.
  const result: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of ajvErrors) {
    if (/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath)) continue;
    const field = fieldPath(error.instancePath, data);
    const fieldError = toFieldError(error, field);
    const key = `${fieldError.field}|${fieldError.type}|${fieldError.detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(fieldError);
    }
  }
  return result;
}

function toFieldError(error: ErrorObject, field: string): FieldError {
  const value = error.data;
  const params = error.params as Record<string, any>;
  const where = `${field} in body`;
  switch (error.keyword) {
    case 'required': {
      const child = join(field, params.missingProperty);
      return { type: 'Required value', field: child };
    }
    case 'enum':
      return {
        type: 'Unsupported value',
        field,
        value,
        detail: `supported values: ${(params.allowedValues as unknown[])
          .map(v => JSON.stringify(v))
          .join(', ')}`,
      };
    case 'type': {
      const actual = typeName(value);
      return {
        type: 'Invalid value',
        field,
        value: actual,
        detail: `${where} must be of type ${params.type}: "${actual}"`,
      };
    }
    case 'pattern':
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} should match '${params.pattern}'`,
      };
    case 'minLength':
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} should be at least ${params.limit} chars long`,
      };
    case 'maxLength':
      return {
        type: 'Too long',
        field,
        detail: `may not be more than ${params.limit} bytes`,
      };
    case 'minItems':
      return {
        type: 'Invalid value',
        field,
        value: Array.isArray(value) ? value.length : value,
        detail: `${where} should have at least ${params.limit} items`,
      };
    case 'maxItems':
      return {
        type: 'Too many',
        field,
        value: Array.isArray(value) ? value.length : value,
        detail: `must have at most ${params.limit} items`,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} should be greater than ${
          error.keyword === 'minimum' ? 'or equal to ' : ''
        }${params.limit}`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} should be less than ${
          error.keyword === 'maximum' ? 'or equal to ' : ''
        }${params.limit}`,
      };
    case 'uniqueItems':
      return {
        type: 'Invalid value',
        field,
        value: '',
        detail: `${where} shouldn't contain duplicates`,
      };
    case 'anyOf':
    case 'oneOf':
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} must validate ${
          error.keyword === 'anyOf' ? 'at least' : 'exactly'
        } one schema (${error.keyword})`,
      };
    default:
      return {
        type: 'Invalid value',
        field,
        value,
        detail: `${where} ${error.message ?? 'is invalid'}`,
      };
  }
}

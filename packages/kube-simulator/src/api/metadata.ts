import { randomUUID } from 'node:crypto';
import { FieldError } from './fieldErrors';

/** How a kind's names are checked (apimachinery's name validators). */
export type NameRule = 'subdomain' | 'label' | 'dns1035';

const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** The problems with a name, as detail strings (empty when valid). */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  const max = rule === 'subdomain' ? 253 : 63;
  if (name.length > max)
    problems.push(`must be no more than ${max} characters`);
  if (rule === 'subdomain' && !SUBDOMAIN.test(name)) {
    problems.push(SUBDOMAIN_MESSAGE);
  }
  if (rule === 'label' && !LABEL.test(name)) problems.push(LABEL_MESSAGE);
  if (rule === 'dns1035' && !DNS1035.test(name)) {
    problems.push(DNS1035_MESSAGE);
  }
  return problems;
}

function labelKeyProblems(key: string): string[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const problems: string[] = [];
  if (prefix !== undefined) {
    problems.push(
      ...nameProblems(prefix, 'subdomain').map(p => `prefix part ${p}`),
    );
  }
  if (!name) problems.push('name part must be non-empty');
  else if (name.length > 63) {
    problems.push('name part must be no more than 63 characters');
  } else if (!QUALIFIED_NAME.test(name)) {
    problems.push(QUALIFIED_NAME_MESSAGE);
  }
  return problems;
}

function stringMapErrors(
  field: string,
  map: unknown,
  checkValues: boolean,
): FieldError[] {
  if (map === undefined || map === null) return [];
  if (typeof map !== 'object' || Array.isArray(map)) {
    return [
      {
        type: 'Invalid value',
        field,
        value: map,
        detail: `${field} must be a map of strings`,
      },
    ];
  }
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    for (const problem of labelKeyProblems(key)) {
      errors.push({
        type: 'Invalid value',
        field,
        value: key,
        detail: problem,
      });
    }
    if (typeof value !== 'string') {
      errors.push({
        type: 'Invalid value',
        field: `${field}.${key}`,
        value,
        detail: 'must be a string',
      });
    } else if (checkValues) {
      if (value.length > 63) {
        errors.push({
          type: 'Invalid value',
          field,
          value,
          detail: 'must be no more than 63 characters',
        });
      } else if (!LABEL_VALUE.test(value)) {
        errors.push({
          type: 'Invalid value',
          field,
          value,
          detail: LABEL_VALUE_MESSAGE,
        });
      }
    }
  }
  return errors;
}

/** `ValidateObjectMeta` for the parts that clients get wrong in practice. */
export function validateObjectMeta(
  metadata: Record<string, any>,
  nameRule: NameRule,
): FieldError[] {
  const errors: FieldError[] = [];
  const name = metadata.name;
  if (!name && !metadata.generateName) {
    errors.push({
      type: 'Required value',
      field: 'metadata.name',
      detail: 'name or generateName is required',
    });
  } else if (name) {
    for (const problem of nameProblems(String(name), nameRule)) {
      errors.push({
        type: 'Invalid value',
        field: 'metadata.name',
        value: name,
        detail: problem,
      });
    }
  }
  errors.push(...stringMapErrors('metadata.labels', metadata.labels, true));
  errors.push(
    ...stringMapErrors('metadata.annotations', metadata.annotations, false),
  );
  return errors;
}

/** The fields of ObjectMeta; anything else is pruned like an unknown field. */
export const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

export function pruneObjectMeta(metadata: Record<string, unknown>): string[] {
  const unknown: string[] = [];
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      unknown.push(`metadata.${key}`);
      delete metadata[key];
    }
  }
  return unknown;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix apimachinery appends to `generateName`. */
export function randomSuffix(length = 5): string {
  let suffix = '';
  for (let i = 0; i < length; i++) {
    suffix +=
      GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  }
  return suffix;
}

export function newUid(): string {
  return randomUUID();
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function timestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

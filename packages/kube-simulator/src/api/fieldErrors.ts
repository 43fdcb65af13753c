import { ApiError } from './status';

/**
 * Field errors worded like k8s.io/apimachinery/pkg/util/validation/field, and
 * the 422 "is invalid" Status that the API server builds from them.
 */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Too long'
  | 'Too many'
  | 'Forbidden'
  | 'Duplicate value';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
}

const CAUSE_REASONS: Record<FieldErrorType, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  Forbidden: 'FieldValueForbidden',
  'Duplicate value': 'FieldValueDuplicate',
};

/** Go's `%q` for strings, `%v` for numbers and booleans. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** The part after `<field>: `, e.g. `Invalid value: "2GB": … should match …`. */
export function errorBody(error: FieldError): string {
  let body: string = error.type;
  const valueless =
    error.type === 'Required value' ||
    error.type === 'Forbidden' ||
    error.type === 'Too long';
  if (!valueless) body += `: ${formatValue(error.value)}`;
  if (error.detail) body += `: ${error.detail}`;
  return body;
}

export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${errorBody(error)}`;
}

/** `Kind.group "name" is invalid: …` with one cause per field error. */
export function invalidError(
  group: string,
  kind: string,
  name: string,
  fieldErrors: FieldError[],
): ApiError {
  const messages = fieldErrors.map(formatFieldError);
  const aggregate =
    messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new ApiError(
    422,
    'Invalid',
    `${qualifiedKind} "${name}" is invalid: ${aggregate}`,
    {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: fieldErrors.map(error => ({
        reason: CAUSE_REASONS[error.type],
        message: errorBody(error),
        field: error.field,
      })),
    },
  );
}

import { errors } from '../api/status';
import { StoredObject } from './store';

/**
 * Label and field selectors with the syntax of k8s.io/apimachinery's
 * `labels.Parse` and `fields.ParseSelector`.
 */

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type Matcher = (object: StoredObject) => boolean;

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

function parseRequirement(term: string, selector: string): Requirement {
  let match = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (match) {
    return {
      key: match[1],
      op: match[2] as 'in' | 'notin',
      values: match[3]
        .split(',')
        .map(v => v.trim())
        .filter(v => v !== ''),
    };
  }
  match = /^([^!=<>\s]+)\s*(==|=|!=)\s*([^,]*)$/.exec(term);
  if (match) {
    return {
      key: match[1],
      op: match[2] === '!=' ? 'notin' : 'in',
      values: [match[3].trim()],
    };
  }
  match = /^([^!=<>\s]+)\s*([<>])\s*(-?\d+)$/.exec(term);
  if (match) {
    return {
      key: match[1],
      op: match[2] === '>' ? 'gt' : 'lt',
      value: Number(match[3]),
    };
  }
  match = /^(!?)\s*([^!=<>\s()]+)$/.exec(term);
  if (match) return { key: match[2], op: match[1] ? '!' : 'exists' };
  throw errors.badRequest(
    `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt (in label selector "${selector}")`,
  );
}

function matches(labels: Record<string, string>, req: Requirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.op) {
    case 'in':
      return has && req.values.includes(value);
    case 'notin':
      return !has || !req.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
      return has && Number(value) > req.value;
    case 'lt':
      return has && Number(value) < req.value;
    default:
      return false;
  }
}

export function parseLabelSelector(selector: string | undefined): Matcher {
  if (!selector?.trim()) return () => true;
  const requirements = splitTerms(selector).map(term =>
    parseRequirement(term, selector),
  );
  return object => {
    const labels = object.metadata.labels ?? {};
    return requirements.every(req => matches(labels, req));
  };
}

/** Field paths every type supports, plus a few that built-ins index. */
const FIELDS: Record<string, (object: StoredObject) => string | undefined> = {
  'metadata.name': o => o.metadata.name,
  'metadata.namespace': o => o.metadata.namespace ?? '',
};
const BUILTIN_FIELDS: Record<
  string,
  Record<string, (object: StoredObject) => string | undefined>
> = {
  '/pods': {
    'spec.nodeName': o => o.spec?.nodeName ?? '',
    'status.phase': o => o.status?.phase ?? '',
  },
  '/secrets': { type: o => o.type ?? '' },
  '/events': {
    'involvedObject.name': o => o.involvedObject?.name ?? '',
    'involvedObject.kind': o => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': o => o.involvedObject?.namespace ?? '',
    'involvedObject.uid': o => o.involvedObject?.uid ?? '',
  },
  '/namespaces': { 'status.phase': o => o.status?.phase ?? '' },
};

export function parseFieldSelector(
  selector: string | undefined,
  typeKey: string,
): Matcher {
  if (!selector?.trim()) return () => true;
  const checks = splitTerms(selector).map(term => {
    const match = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) {
      throw errors.badRequest(
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    }
    const [, field, op, value] = match;
    const getter = FIELDS[field] ?? BUILTIN_FIELDS[typeKey]?.[field];
    if (!getter) {
      throw errors.badRequest(`field label not supported: ${field}`);
    }
    return (object: StoredObject) =>
      op === '!=' ? getter(object) !== value : getter(object) === value;
  });
  return object => checks.every(check => check(object));
}

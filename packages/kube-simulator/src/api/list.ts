import { ApiError, errors } from './status';
import { Bucket, Entry } from '../store/store';
import { Matcher } from '../store/selectors';

/**
 * `list` with the API server's paging (`limit`/`continue`) and
 * resourceVersion rules. Pages of one list share the first page's
 * resourceVersion; a continue token whose version has been compacted is
 * answered with 410 Gone, as etcd does.
 */
export interface ListQuery {
  namespace?: string;
  matches: Matcher;
  hasSelector: boolean;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListPage {
  items: Entry[];
  resourceVersion: number;
  continueToken?: string;
  remainingItemCount?: number;
}

interface Token {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function encodeToken(rv: number, start: string): string {
  const token: Token = { v: 'meta.k8s.io/v1', rv, start };
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeToken(text: string): Token {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof token.rv === 'number' && typeof token.start === 'string') {
      return token;
    }
  } catch {
    // fall through
  }
  throw errors.badRequest(`invalid value for continue: "${text}"`);
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function firstAfter(entries: Entry[], key: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid].key <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function listPage(
  bucket: Bucket,
  currentRv: number,
  query: ListQuery,
): ListPage {
  let rv = currentRv;
  let start = 0;
  const entries = bucket.list(query.namespace);
  if (query.continueToken) {
    const token = decodeToken(query.continueToken);
    if (token.rv < bucket.oldestRv) {
      const error = new ApiError(410, 'Expired', CONTINUE_EXPIRED);
      throw Object.assign(error, {
        continueToken: encodeToken(currentRv, token.start),
      });
    }
    rv = token.rv;
    start = firstAfter(entries, token.start);
  } else if (query.resourceVersion && query.resourceVersion !== '0') {
    const wanted = Number(query.resourceVersion);
    if (!Number.isInteger(wanted) || wanted < 0) {
      throw errors.badRequest(
        `invalid resource version: ${query.resourceVersion}`,
      );
    }
    if (wanted > currentRv) {
      throw new ApiError(
        504,
        'Timeout',
        `Too large resource version: ${wanted}, current: ${currentRv}`,
        {
          causes: [
            {
              reason: 'ResourceVersionTooLarge',
              message: 'Too large resource version',
            },
          ],
          retryAfterSeconds: 1,
        },
      );
    }
    if (query.resourceVersionMatch === 'Exact' && wanted < bucket.oldestRv) {
      throw errors.gone(
        `too old resource version: ${wanted} (${bucket.oldestRv})`,
      );
    }
  }
  const limit = query.limit && query.limit > 0 ? query.limit : Infinity;
  const items: Entry[] = [];
  let index = start;
  for (; index < entries.length && items.length < limit; index++) {
    if (query.matches(entries[index].object)) items.push(entries[index]);
  }
  let more = false;
  for (let i = index; i < entries.length; i++) {
    if (query.matches(entries[i].object)) {
      more = true;
      break;
    }
  }
  if (!more) return { items, resourceVersion: rv };
  const last = items[items.length - 1];
  return {
    items,
    resourceVersion: rv,
    continueToken: encodeToken(rv, last.key),
    remainingItemCount: query.hasSelector ? undefined : entries.length - index,
  };
}

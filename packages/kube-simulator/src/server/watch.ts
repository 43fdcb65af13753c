import { ServerResponse } from 'node:http';
import { TableConverter } from '../api/table';
import { Cluster } from '../cluster';
import { ResourceType, typeKey } from '../registry/types';
import { Entry, EventType, StoreEvent } from '../store/store';
import { Matcher } from '../store/selectors';

/**
 * One watch stream: JSON lines `{"type":…,"object":…}` over chunked HTTP,
 * with the API server's rules for resourceVersion ("" and "0" start with the
 * current state as ADDED events, N resumes after N or fails with an ERROR
 * event carrying 410 Expired), bookmarks, sendInitialEvents and
 * timeoutSeconds.
 */
export interface WatchRequest {
  type: ResourceType;
  apiVersion: string;
  namespace?: string;
  matches: Matcher;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  table?: TableConverter;
  bookmarkIntervalMs: number;
  dropAfterMs: number;
}

/** Lines shared by every plain-JSON watcher of the same event. */
const lineCache = new WeakMap<StoreEvent, Map<string, string>>();

export interface OpenWatch {
  close(reset: boolean): void;
}

export function serveWatch(
  cluster: Cluster,
  res: ServerResponse,
  request: WatchRequest,
  onClose: () => void,
): OpenWatch {
  const { type, apiVersion, namespace, matches, table } = request;
  const bucket = cluster.store.bucket(typeKey(type));
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const objectJson = (entry: Entry): string =>
    entry.object.apiVersion === apiVersion
      ? entry.json
      : JSON.stringify({ ...entry.object, apiVersion });

  const line = (eventType: EventType, entry: Entry, event?: StoreEvent) => {
    if (table) {
      const object = { ...entry.object, apiVersion };
      return `${JSON.stringify({
        type: eventType,
        object: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: String(entry.rv) },
          columnDefinitions: table.columnDefinitions,
          rows: [table.row(object, 'Metadata')],
        },
      })}\n`;
    }
    const cacheKey = `${eventType}|${apiVersion}`;
    let lines = event ? lineCache.get(event) : undefined;
    const cached = lines?.get(cacheKey);
    if (cached) return cached;
    const text = `{"type":"${eventType}","object":${objectJson(entry)}}\n`;
    if (event) {
      if (!lines) {
        lines = new Map();
        lineCache.set(event, lines);
      }
      lines.set(cacheKey, text);
    }
    return text;
  };

  let closed = false;
  function write(text: string) {
    if (closed) return;
    res.write(text);
    // A client that stops reading is cut off, as the API server does.
    if (res.writableLength > 64 * 1024 * 1024) close(true);
  }

  const bookmark = (rv: number, initialEventsEnd = false) =>
    write(
      `${JSON.stringify({
        type: 'BOOKMARK',
        object: {
          kind: type.kind,
          apiVersion,
          metadata: {
            resourceVersion: String(rv),
            creationTimestamp: null,
            ...(initialEventsEnd
              ? { annotations: { 'k8s.io/initial-events-end': 'true' } }
              : {}),
          },
        },
      })}\n`,
    );

  const inScope = (entry: Entry | undefined) =>
    !!entry &&
    (namespace === undefined || entry.namespace === namespace) &&
    matches(entry.object);

  function deliver(event: StoreEvent) {
    const now = inScope(event.entry);
    const before = inScope(event.previous);
    if (event.type === 'DELETED') {
      if (before || now) write(line('DELETED', event.entry, event));
    } else if (event.type === 'ADDED') {
      if (now) write(line('ADDED', event.entry, event));
    } else if (now && before) write(line('MODIFIED', event.entry, event));
    else if (now) write(line('ADDED', event.entry, event));
    else if (before) write(line('DELETED', event.entry, event));
  }

  const timers: NodeJS.Timeout[] = [];
  function close(reset: boolean) {
    if (closed) return;
    closed = true;
    bucket.watchers.delete(deliver);
    timers.forEach(clearTimeout);
    timers.forEach(clearInterval);
    if (reset) res.destroy();
    else res.end();
    onClose();
  }
  res.on('close', () => close(false));

  const rv = request.resourceVersion;
  const currentRv = cluster.store.resourceVersion;
  if (request.sendInitialEvents || !rv || rv === '0') {
    for (const entry of bucket.list(namespace)) {
      if (matches(entry.object)) write(line('ADDED', entry));
    }
    if (request.sendInitialEvents && request.allowBookmarks) {
      bookmark(currentRv, true);
    }
  } else {
    const since = bucket.since(Number(rv));
    if (!since) {
      write(
        `${JSON.stringify({
          type: 'ERROR',
          object: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `too old resource version: ${rv} (${bucket.oldestRv})`,
            reason: 'Expired',
            code: 410,
          },
        })}\n`,
      );
      close(false);
      return { close };
    }
    for (const event of since) deliver(event);
  }
  bucket.watchers.add(deliver);

  if (request.allowBookmarks) {
    timers.push(
      setInterval(
        () => bookmark(cluster.store.resourceVersion),
        request.bookmarkIntervalMs,
      ),
    );
  }
  if (request.timeoutSeconds) {
    timers.push(setTimeout(() => close(false), request.timeoutSeconds * 1000));
  }
  if (request.dropAfterMs > 0) {
    timers.push(setTimeout(() => close(false), request.dropAfterMs));
  }
  return { close };
}

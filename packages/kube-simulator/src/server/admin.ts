import { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../api/status';
import { parseFaultPatch } from '../faults';
import { parseObjects } from '../files';
import type { Simulator } from '../simulator';
import { parseBody, readBody, sendJson } from './request';

/**
 * The admin endpoint, `/simulator/...`, protected by the cluster's token:
 *
 * - `GET /simulator/info`: name, title, URL, current resourceVersion;
 * - `GET|PATCH|DELETE /simulator/faults`: read, change (partial JSON) or reset faults;
 * - `POST /simulator/actions/drop-watches` (`{"reset": true}` resets the connections),
 *   `…/expire-resource-versions`, `…/restart`,
 *   `…/refuse-connections` (`{"durationMs": 5000}`);
 * - `POST /simulator/objects`: loads objects (JSON or YAML, status kept);
 * - `POST /simulator/events`: runs one scenario event now (JSON or YAML).
 */
export async function handleAdmin(
  simulator: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  const body = async () => {
    const text = await readBody(req);
    return text.trim()
      ? parseBody(text, req.headers['content-type'] ?? '')
      : {};
  };
  const badRequest = (error: unknown) =>
    errors.badRequest((error as Error).message);

  if (path === '/simulator/info' && method === 'GET') {
    sendJson(res, 200, {
      name: simulator.name,
      title: simulator.title,
      url: simulator.url,
      resourceVersion: String(simulator.cluster.store.resourceVersion),
    });
    return;
  }
  if (path === '/simulator/faults') {
    if (method === 'GET') {
      sendJson(res, 200, simulator.faults());
      return;
    }
    if (method === 'PATCH' || method === 'PUT') {
      let patch;
      try {
        patch = parseFaultPatch(await body(), 'faults');
      } catch (error) {
        throw badRequest(error);
      }
      sendJson(res, 200, simulator.setFaults(patch));
      return;
    }
    if (method === 'DELETE') {
      sendJson(res, 200, simulator.resetFaults());
      return;
    }
  }
  if (path.startsWith('/simulator/actions/') && method === 'POST') {
    const input = (await body()) as Record<string, unknown>;
    switch (path.slice('/simulator/actions/'.length)) {
      case 'drop-watches':
        sendJson(res, 200, {
          dropped: simulator.dropWatches({ reset: input.reset === true }),
        });
        return;
      case 'expire-resource-versions':
        simulator.expireResourceVersions();
        sendJson(res, 200, {
          expiredUpTo: String(simulator.cluster.store.resourceVersion),
        });
        return;
      case 'restart':
        sendJson(res, 202, { restarting: true }, { Connection: 'close' });
        res.on('finish', () => void simulator.restart());
        return;
      case 'refuse-connections': {
        const durationMs = Number(input.durationMs ?? 0);
        if (!Number.isFinite(durationMs) || durationMs < 0) {
          throw errors.badRequest(
            'durationMs: must be a number of milliseconds ≥ 0',
          );
        }
        sendJson(
          res,
          202,
          { refusingForMs: durationMs },
          { Connection: 'close' },
        );
        res.on('finish', () => void simulator.refuseConnections(durationMs));
        return;
      }
      default:
        throw errors.unknownPath();
    }
  }
  if (path === '/simulator/events' && method === 'POST') {
    const event = await body();
    try {
      simulator.runEvent(event as any);
    } catch (error) {
      throw badRequest(error);
    }
    sendJson(res, 200, { ran: (event as { action?: string }).action });
    return;
  }
  if (path === '/simulator/objects' && method === 'POST') {
    const text = await readBody(req);
    let objects;
    try {
      objects = parseObjects(text, 'request body');
      simulator.load(objects);
    } catch (error) {
      throw badRequest(error);
    }
    sendJson(res, 200, { loaded: objects.length });
    return;
  }
  throw errors.unknownPath();
}

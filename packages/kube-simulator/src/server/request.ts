import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from '../api/status';

/** Request parsing and response writing shared by the API and admin handlers. */

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728',
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON (or YAML) request body. */
export function parseBody(text: string, contentType: string): unknown {
  if (!text.trim()) throw errors.badRequest('the request body is empty');
  try {
    if (/yaml/.test(contentType)) return parseYaml(text);
    return JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(
      `couldn't get version/kind; json parse error: ${
        (error as Error).message
      }`,
    );
  }
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** The media types of an Accept header, in order. */
export function parseAccept(header: string | undefined): MediaType[] {
  return (header ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const [type, ...rest] = part.split(';').map(s => s.trim());
      const params: Record<string, string> = {};
      for (const param of rest) {
        const [key, value] = param.split('=');
        if (key && value !== undefined) params[key] = value;
      }
      return { type, params };
    });
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${(error as Error)?.message ?? error}`,
        );
  const status = apiError.toStatus();
  const extra = (apiError as ApiError & { continueToken?: string })
    .continueToken;
  if (extra) status.metadata = { continue: extra };
  const headers: Record<string, string> = {};
  if (apiError.details?.retryAfterSeconds) {
    headers['Retry-After'] = String(apiError.details.retryAfterSeconds);
  }
  sendJson(res, apiError.code, status, headers);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1].trim();
}

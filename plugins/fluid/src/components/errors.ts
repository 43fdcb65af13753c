import type { ResponseError } from '@backstage/errors';

/**
 * The sentence to show for a failed request: the backend's own message
 * (which names the bad field or the missing permission) rather than
 * "Request failed with 400".
 */
export function describeError(error: Error): string {
  if (error.name === 'ResponseError') {
    const { cause, statusCode } = error as ResponseError;
    return `${cause.message} (HTTP ${statusCode})`;
  }
  return error.message;
}

/**
 * Errors as the Kubernetes API server reports them: a `Status` object with
 * the HTTP code, a machine-readable reason and a message in the wording of
 * k8s.io/apimachinery (`errors.NewNotFound`, `NewConflict`, `NewInvalid`…).
 */

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** A failed request; `toStatus()` gives the body the API server would send. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** The `<plural>.<group>` form used in messages (`datasets.data.fluid.io`). */
export interface QualifiedResource {
  group: string;
  plural: string;
}

export function qualified(resource: QualifiedResource): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}

function resourceDetails(
  resource: QualifiedResource,
  name: string,
): StatusDetails {
  return {
    name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.plural,
  };
}

export const errors = {
  notFound(resource: QualifiedResource, name: string): ApiError {
    return new ApiError(
      404,
      'NotFound',
      `${qualified(resource)} "${name}" not found`,
      resourceDetails(resource, name),
    );
  },
  alreadyExists(resource: QualifiedResource, name: string): ApiError {
    return new ApiError(
      409,
      'AlreadyExists',
      `${qualified(resource)} "${name}" already exists`,
      resourceDetails(resource, name),
    );
  },
  conflict(
    resource: QualifiedResource,
    name: string,
    reason = 'the object has been modified; please apply your changes to the latest version and try again',
  ): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(
        resource,
      )} "${name}": ${reason}`,
      resourceDetails(resource, name),
    );
  },
  badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  },
  methodNotAllowed(): ApiError {
    return new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  },
  unsupportedMediaType(accepted: string[]): ApiError {
    return new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
        ', ',
      )}`,
    );
  },
  notAcceptable(): ApiError {
    return new ApiError(
      406,
      'NotAcceptable',
      'only the following media types are accepted: application/json, application/yaml',
    );
  },
  unknownPath(): ApiError {
    return new ApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  },
  gone(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  },
  unauthorized(): ApiError {
    return new ApiError(401, 'Unauthorized', 'Unauthorized');
  },
};

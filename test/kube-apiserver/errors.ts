// The API server's error vocabulary: every failure leaves as a `Status` body with the reason,
// code and details shape of the real kube-apiserver (k8s.io/apimachinery/pkg/api/errors).
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A resource as named in error messages: `configmaps` or `deployments.apps`. */
export interface QualifiedResource {
  group: string;
  resource: string;
}

export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

function qualified(qr: QualifiedResource): string {
  return qr.group ? `${qr.resource}.${qr.group}` : qr.resource;
}

function resourceDetails(qr: QualifiedResource, name: string): StatusDetails {
  return qr.group ? { name, group: qr.group, kind: qr.resource } : { name, kind: qr.resource };
}

export function notFound(qr: QualifiedResource, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(qr)} "${name}" not found`, resourceDetails(qr, name));
}

export function alreadyExists(qr: QualifiedResource, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(qr)} "${name}" already exists`, resourceDetails(qr, name));
}

export function conflict(qr: QualifiedResource, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(qr)} "${name}": ${why}`, resourceDetails(qr, name));
}

export const STALE_OBJECT = 'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid; `kind` is the Kind (`ConfigMap`), `group` its API group. */
export function invalid(gk: { group: string; kind: string }, name: string, causes: StatusCause[]): ApiError {
  const what = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  const texts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const list = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const details: StatusDetails = { name, kind: gk.kind, causes };
  if (gk.group) details.group = gk.group;
  return new ApiError(422, 'Invalid', `${what} "${name}" is invalid: ${list}`, details);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`,
  );
}

export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Gone', message);
}

export function forbidden(qr: QualifiedResource, name: string, why: string): ApiError {
  return new ApiError(403, 'Forbidden', `${qualified(qr)} "${name}" is forbidden: ${why}`, resourceDetails(qr, name));
}

export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

export function successStatus(qr: QualifiedResource, name: string, uid: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...resourceDetails(qr, name), uid },
  };
}

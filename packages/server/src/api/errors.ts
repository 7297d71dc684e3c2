/**
 * Errors of the resource API. Every failure leaves the server as a Kubernetes `Status` with a
 * stable `reason`; the Drover code (`DROVER_ERR_API_*`) travels in the `Drover-Error-Code`
 * header. Codes are stable and never reused; retired codes stay listed as comments.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';

/** Every code with its HTTP status and Kubernetes Status reason. */
export const API_ERRORS = {
  /** No credentials (or anonymous) on an API route. */
  DROVER_ERR_API_UNAUTHORIZED: { status: 401, reason: 'Unauthorized' },
  /** The authorizer refused the verb. */
  DROVER_ERR_API_FORBIDDEN: { status: 403, reason: 'Forbidden' },
  /** Unknown path, kind, object or namespace (or an object the caller may not see). */
  DROVER_ERR_API_NOT_FOUND: { status: 404, reason: 'NotFound' },
  /** create of a name that exists. */
  DROVER_ERR_API_ALREADY_EXISTS: { status: 409, reason: 'AlreadyExists' },
  /** Stale resourceVersion / failed precondition / server-side apply conflict. */
  DROVER_ERR_API_CONFLICT: { status: 409, reason: 'Conflict' },
  /** Schema or metadata violation; `details.causes` names each field. */
  DROVER_ERR_API_INVALID: { status: 422, reason: 'Invalid' },
  /** Malformed request: bad JSON/YAML, bad query parameter, strict unknown field, name mismatch. */
  DROVER_ERR_API_BAD_REQUEST: { status: 400, reason: 'BadRequest' },
  /** HTTP method not served on this path. */
  DROVER_ERR_API_METHOD_NOT_ALLOWED: { status: 405, reason: 'MethodNotAllowed' },
  /** Accept asks only for representations the server does not produce. */
  DROVER_ERR_API_NOT_ACCEPTABLE: { status: 406, reason: 'NotAcceptable' },
  /** Body too large. */
  DROVER_ERR_API_TOO_LARGE: { status: 413, reason: 'RequestEntityTooLarge' },
  /** Content-Type not accepted (e.g. strategic-merge-patch+json). */
  DROVER_ERR_API_UNSUPPORTED_MEDIA_TYPE: { status: 415, reason: 'UnsupportedMediaType' },
  /** A resourceVersion (watch start, continue token) older than the retained history. */
  DROVER_ERR_API_EXPIRED: { status: 410, reason: 'Expired' },
  /** A watch or list at a resourceVersion the store did not reach within the wait (kube: ResourceVersionTooLarge). */
  DROVER_ERR_API_RESOURCE_VERSION_TOO_LARGE: { status: 504, reason: 'Timeout' },
  /** The store is closing. */
  DROVER_ERR_API_UNAVAILABLE: { status: 503, reason: 'ServiceUnavailable' },
  /** Anything unexpected; the cause is logged, not returned. */
  DROVER_ERR_API_INTERNAL: { status: 500, reason: 'InternalError' },
} as const satisfies Record<string, { status: number; reason: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** One field problem of an Invalid (or Conflict) Status. */
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

/** A Kubernetes `meta/v1` Status. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** An API failure. Kind hooks may throw it to abort a write with this Status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;

  constructor(code: ApiErrorCode, message: string, options?: { details?: StatusDetails; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = API_ERRORS[code].status;
    this.reason = API_ERRORS[code].reason;
    this.details = options?.details;
  }

  toStatus(): KubeStatus {
    return statusOf(this.statusCode, this.reason, this.message, this.details);
  }
}

export function statusOf(code: number, reason: string, message: string, details?: StatusDetails): KubeStatus {
  const s: KubeStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details !== undefined) s.details = details;
  return s;
}

/** What a resource error message names: `clusters.management.drover.dev "x"`. */
export interface ErrorSubject {
  plural: string;
  group: string;
  kind: string;
  name?: string;
}

function qualified(s: ErrorSubject): string {
  return s.group === '' ? s.plural : `${s.plural}.${s.group}`;
}

function subjectDetails(s: ErrorSubject): StatusDetails {
  const d: StatusDetails = { group: s.group, kind: s.plural };
  if (s.name !== undefined) d.name = s.name;
  return d;
}

export const notFound = (s: ErrorSubject): ApiError =>
  new ApiError('DROVER_ERR_API_NOT_FOUND', `${qualified(s)} "${s.name ?? ''}" not found`, { details: subjectDetails(s) });

export const alreadyExists = (s: ErrorSubject): ApiError =>
  new ApiError('DROVER_ERR_API_ALREADY_EXISTS', `${qualified(s)} "${s.name ?? ''}" already exists`, { details: subjectDetails(s) });

export const conflict = (s: ErrorSubject, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError =>
  new ApiError('DROVER_ERR_API_CONFLICT', `Operation cannot be fulfilled on ${qualified(s)} "${s.name ?? ''}": ${why}`, { details: subjectDetails(s) });

export const invalid = (s: ErrorSubject, causes: StatusCause[]): ApiError => {
  const list = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`;
  return new ApiError('DROVER_ERR_API_INVALID', `${s.kind}.${s.group} "${s.name ?? ''}" is invalid: ${summary}`, {
    details: { name: s.name ?? '', group: s.group, kind: s.kind, causes },
  });
};

export const badRequest = (message: string, details?: StatusDetails): ApiError =>
  new ApiError('DROVER_ERR_API_BAD_REQUEST', message, details === undefined ? undefined : { details });

export const pathNotFound = (): ApiError => new ApiError('DROVER_ERR_API_NOT_FOUND', 'the server could not find the requested resource', { details: {} });

/** The namespace (= Cluster) of a namespaced request does not exist, worded as Kubernetes words it. */
export const namespaceNotFound = (ns: string): ApiError =>
  new ApiError('DROVER_ERR_API_NOT_FOUND', `namespaces "${ns}" not found`, { details: { name: ns, kind: 'namespaces' } });

/**
 * Maps a StoreError to the ApiError Kubernetes would answer for `subject`; passes ApiErrors
 * through; returns undefined for anything else (an internal error).
 */
export function fromStoreError(err: unknown, subject: ErrorSubject): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (!isStoreError(err)) return undefined;
  switch (err.code) {
    case StoreErrorCode.NOT_FOUND:
      return notFound(subject);
    case StoreErrorCode.ALREADY_EXISTS:
      return alreadyExists(subject);
    case StoreErrorCode.CONFLICT:
      return conflict(subject);
    case StoreErrorCode.EXPIRED:
      return new ApiError('DROVER_ERR_API_EXPIRED', `too old resource version: ${err.message}`, { cause: err });
    case StoreErrorCode.INVALID:
      return badRequest(err.message);
    case StoreErrorCode.CLOSED:
      return new ApiError('DROVER_ERR_API_UNAVAILABLE', 'the server is shutting down', { cause: err });
    default:
      return undefined;
  }
}

/**
 * Any thrown value → Status. ApiErrors and errors shaped like them (a numeric `statusCode` in
 * 400–599 and a string `reason`, e.g. the server's DroverError) keep their status; StoreErrors are
 * mapped without a subject; everything else is a 500 with a generic message.
 */
export function toStatus(err: unknown): { status: KubeStatus; code: string; internal: boolean } {
  if (err instanceof ApiError) return { status: err.toStatus(), code: err.code, internal: err.statusCode >= 500 };
  const mapped = fromStoreError(err, { plural: 'objects', group: '', kind: '' });
  if (mapped !== undefined) return { status: mapped.toStatus(), code: mapped.code, internal: mapped.statusCode >= 500 };
  if (err instanceof Error) {
    const e = err as Error & { statusCode?: unknown; reason?: unknown; code?: unknown };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600) {
      const reason = typeof e.reason === 'string' ? e.reason : reasonForHttp(e.statusCode);
      return { status: statusOf(e.statusCode, reason, e.message), code: typeof e.code === 'string' ? e.code : 'DROVER_ERR_API_INTERNAL', internal: e.statusCode >= 500 };
    }
  }
  return { status: statusOf(500, 'InternalError', 'Internal error occurred'), code: 'DROVER_ERR_API_INTERNAL', internal: true };
}

function reasonForHttp(code: number): string {
  const byStatus: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    406: 'NotAcceptable',
    409: 'Conflict',
    410: 'Gone',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    503: 'ServiceUnavailable',
  };
  return byStatus[code] ?? 'InternalError';
}

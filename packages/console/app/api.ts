/**
 * The console's one HTTP client: same-origin fetch with the session cookie, the CSRF header on
 * every unsafe method, Kubernetes Status bodies turned into ApiError (with the field causes the
 * create form shows), and one 401 handler that sends the user to the login page.
 */

export const GROUP_PATH = '/apis/management.drover.dev/v1';
export const API_VERSION = 'management.drover.dev/v1';
const CSRF_HEADER = 'X-Drover-CSRF';

/** One field problem of a 422 Invalid Status. */
export interface Cause {
  field?: string;
  message: string;
  reason?: string;
}

/** A failed API call: the Status message, its code and the field causes. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly causes: Cause[];
  constructor(status: number, message: string, code: string | undefined, causes: Cause[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.causes = causes;
  }
}

let csrfToken = '';
let onUnauthorized: (err: ApiError) => void = () => undefined;

/** Set by the session provider: the CSRF token of the current session. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Set by the session provider: what a 401 does (back to the login page). */
export function setUnauthorizedHandler(fn: (err: ApiError) => void): void {
  onUnauthorized = fn;
}

/** The ApiError of a failed response (a Status body when there is one). */
export async function errorOf(res: Response): Promise<ApiError> {
  let body: { message?: string; code?: number; details?: { causes?: Cause[] } } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON
  }
  const code = res.headers.get('drover-error-code') ?? undefined;
  const causes = (body.details?.causes ?? []).filter((c) => c.field !== undefined || !c.reason?.startsWith('DROVER_ERR_'));
  return new ApiError(res.status, body.message ?? `${res.status} ${res.statusText}`, code, causes);
}

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Do not call the 401 handler (the login form shows its own error). */
  noRedirect?: boolean;
}

/** Headers of a request by `method` (the CSRF header on unsafe ones). */
export function headersFor(method: string, contentType?: string): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (contentType !== undefined) h['content-type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD') h[CSRF_HEADER] = csrfToken;
  return h;
}

/** One API call; JSON in and out. @throws ApiError on a non-2xx answer. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const contentType = options.body === undefined ? undefined : (options.contentType ?? 'application/json');
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headersFor(method, contentType),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (!res.ok) {
    const err = await errorOf(res);
    if (err.status === 401 && options.noRedirect !== true) onUnauthorized(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Called by the watch when its stream answers 401. */
export function unauthorized(err: ApiError): void {
  onUnauthorized(err);
}

/** A Kubernetes object as the console reads it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The collection path of `plural`, in `namespace` (a cluster's name) when given. */
export function collectionPath(plural: string, namespace?: string): string {
  return namespace === undefined ? `${GROUP_PATH}/${plural}` : `${GROUP_PATH}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/**
 * Error codes of the server outside the generic resource API (config, auth, registration,
 * controllers), and the one table mapping each code to an HTTP status and a Kubernetes
 * `Status.reason`. Codes are stable and never reused; retired codes stay listed as comments.
 */

/** Every code with its HTTP status and Kubernetes Status reason. */
export const ERROR_CODES = {
  /** Configuration (env/argv) failed validation. Never reaches HTTP. */
  DROVER_ERR_CONFIG_INVALID: { status: 500, reason: 'InternalError' },
  /** No credentials on a route that needs them. */
  DROVER_ERR_AUTH_UNAUTHENTICATED: { status: 401, reason: 'Unauthorized' },
  /** A bearer token that is not in the `drover_<name>_<secret>` form or names no Token. */
  DROVER_ERR_AUTH_TOKEN_UNKNOWN: { status: 401, reason: 'Unauthorized' },
  /** The Token exists and the secret matches, but it has expired. */
  DROVER_ERR_AUTH_TOKEN_EXPIRED: { status: 401, reason: 'Unauthorized' },
  /** The Token has been revoked. */
  DROVER_ERR_AUTH_TOKEN_REVOKED: { status: 401, reason: 'Unauthorized' },
  /** The token's user no longer exists or is disabled. */
  DROVER_ERR_AUTH_USER_DISABLED: { status: 401, reason: 'Unauthorized' },
  /** Wrong user name or password at login (one message for both). */
  DROVER_ERR_AUTH_BAD_CREDENTIALS: { status: 401, reason: 'Unauthorized' },
  /** Authenticated but not allowed. */
  DROVER_ERR_AUTH_FORBIDDEN: { status: 403, reason: 'Forbidden' },
  /** Too many login attempts (from one address, or failed for one account); `Retry-After` says when to retry. */
  DROVER_ERR_AUTH_RATE_LIMITED: { status: 429, reason: 'TooManyRequests' },
  /** A malformed request to a non-resource route (login body, `?ttl=`). */
  DROVER_ERR_BAD_REQUEST: { status: 400, reason: 'BadRequest' },
  /** A resource write a kind hook refuses (e.g. a RegistrationToken for a missing Cluster). */
  DROVER_ERR_INVALID: { status: 422, reason: 'Invalid' },
  /** The server does not know the URL agents reach it at (set DROVER_EXTERNAL_URL). */
  DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL: { status: 503, reason: 'ServiceUnavailable' },
  /** Registration: the token is malformed, names no RegistrationToken, or its secret is wrong. */
  DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN: { status: 401, reason: 'Unauthorized' },
  /** Registration: the token is past `status.expiresAt`. */
  DROVER_ERR_REGISTRATION_TOKEN_EXPIRED: { status: 401, reason: 'Unauthorized' },
  /** Registration: the token has `spec.revoked`. */
  DROVER_ERR_REGISTRATION_TOKEN_REVOKED: { status: 401, reason: 'Unauthorized' },
  /** Registration: the node name is bound to another Docker engine (the answer never names it; the Event does). */
  DROVER_ERR_REGISTRATION_NODE_CONFLICT: { status: 409, reason: 'Conflict' },
  /** Registration: the request exceeds its token's spec (roles, node name, labels, taints); the message says what the token allows. */
  DROVER_ERR_REGISTRATION_NOT_ALLOWED: { status: 403, reason: 'Forbidden' },
  /** Registration: too many failed registrations with this token name; `Retry-After` says when to retry. */
  DROVER_ERR_REGISTRATION_RATE_LIMITED: { status: 429, reason: 'TooManyRequests' },
  /** Registration: a malformed body. */
  DROVER_ERR_REGISTRATION_INVALID: { status: 400, reason: 'BadRequest' },
  /** Tunnel: the node credential is malformed, names no credential, or its secret is wrong. */
  DROVER_ERR_NODE_CREDENTIAL_UNKNOWN: { status: 401, reason: 'Unauthorized' },
  /** Tunnel: the node credential was revoked (node or cluster deleted, node re-registered). */
  DROVER_ERR_NODE_CREDENTIAL_REVOKED: { status: 401, reason: 'Unauthorized' },
  /** Tunnel: the credential is presented from another Docker engine than the node's. */
  DROVER_ERR_NODE_ENGINE_MISMATCH: { status: 403, reason: 'Forbidden' },
  /** Tunnel, and registration: the node already has a live session (a registration would take it over). */
  DROVER_ERR_NODE_ALREADY_CONNECTED: { status: 409, reason: 'Conflict' },
  /** Tunnel: the server is shutting down and takes no new sessions. */
  DROVER_ERR_NODE_SERVER_CLOSING: { status: 503, reason: 'ServiceUnavailable' },
  /** dialNode: the node has no agent session on this server. */
  DROVER_ERR_NODE_NOT_CONNECTED: { status: 503, reason: 'ServiceUnavailable' },
  /** dialNode: the agent refused or failed the stream; `cause` is the TunnelError. */
  DROVER_ERR_NODE_DIAL_FAILED: { status: 502, reason: 'BadGateway' },
  /** Command channel: the node has no command channel open (not connected, or an agent from before the channel). */
  DROVER_ERR_NODE_CHANNEL_UNAVAILABLE: { status: 503, reason: 'ServiceUnavailable' },
  /** Command channel: it ended (session closed, stream reset, malformed message) before the request's answer; the request may or may not have run. */
  DROVER_ERR_NODE_CHANNEL_CLOSED: { status: 503, reason: 'ServiceUnavailable' },
  /** Command channel: too many requests pending on it; retry later. */
  DROVER_ERR_NODE_CHANNEL_BUSY: { status: 429, reason: 'TooManyRequests' },
  /** Command channel: the agent answered the request with a Failure; `agentCode` names its FailureCode. */
  DROVER_ERR_NODE_COMMAND_FAILED: { status: 502, reason: 'BadGateway' },
  /** Command channel: no answer within the request's timeout; the agent was told to cancel it. */
  DROVER_ERR_NODE_COMMAND_TIMEOUT: { status: 504, reason: 'Timeout' },
  /** Command channel: the caller aborted the request; the agent was told to cancel it. Never reaches HTTP as such. */
  DROVER_ERR_NODE_COMMAND_CANCELLED: { status: 500, reason: 'InternalError' },
  /** Upgrade: no upgrade route serves the path (upgrade/router.ts). */
  DROVER_ERR_UPGRADE_NOT_FOUND: { status: 404, reason: 'NotFound' },
  /** Upgrade: the `Upgrade` header names a protocol the route does not speak (it takes websocket and/or SPDY/3.1). */
  DROVER_ERR_UPGRADE_PROTOCOL: { status: 400, reason: 'BadRequest' },
  /** An unexpected failure; details are logged, never sent. */
  DROVER_ERR_INTERNAL: { status: 500, reason: 'InternalError' },
  /** The data directory or a key file may be read by other users; the server does not start. Never reaches HTTP. */
  DROVER_ERR_DATA_DIR_INSECURE: { status: 500, reason: 'InternalError' },
  /** A sealed secret (or the secret key file) cannot be read: another key, or altered. */
  DROVER_ERR_SECRET_UNREADABLE: { status: 500, reason: 'InternalError' },
  /** A reconcile failed permanently and is not retried. Never reaches HTTP. */
  DROVER_ERR_CONTROLLER_TERMINAL: { status: 500, reason: 'InternalError' },
} as const satisfies Record<string, { status: number; reason: string }>;

export type DroverErrorCode = keyof typeof ERROR_CODES;

/** A server error with a stable code; `cause` keeps the original error when wrapping. */
export class DroverError extends Error {
  readonly code: DroverErrorCode;
  readonly statusCode: number;
  readonly reason: string;
  /** For 429 and 503: the `Retry-After` the answer carries (seconds). */
  readonly retryAfterSeconds?: number;

  constructor(code: DroverErrorCode, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    this.name = 'DroverError';
    this.code = code;
    this.statusCode = ERROR_CODES[code].status;
    this.reason = ERROR_CODES[code].reason;
  }
}

export function isDroverError(err: unknown, code?: DroverErrorCode): err is DroverError {
  return err instanceof DroverError && (code === undefined || err.code === code);
}

/** A Kubernetes `meta/v1` Status body. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
  details?: { causes?: { reason: string; message: string }[] };
}

/** The Status body for an error; `details.causes[0].reason` carries the Drover code. */
export function statusBody(err: DroverError): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    reason: err.reason,
    code: err.statusCode,
    details: { causes: [{ reason: err.code, message: err.message }] },
  };
}

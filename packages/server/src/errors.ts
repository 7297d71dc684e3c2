/**
 * The server's one error system: every code (the resource API, auth, registration, agents,
 * controllers, config) with its HTTP status and Kubernetes `Status.reason` in one table, one
 * error class carrying optional Status `details`, and the Status body type. `error-status.ts`
 * renders any thrown value as a Status (one `toStatus` for every route and upgrade path);
 * `errors-kube.ts` builds the errors worded as kube-apiserver words them (NotFound, Conflict, …).
 * Codes are stable and never reused; retired codes stay listed as comments.
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
  /** Too many login attempts (from one address, or failed for one account); `Retry-After` says when to retry. */
  DROVER_ERR_AUTH_RATE_LIMITED: { status: 429, reason: 'TooManyRequests' },
  /** A session-cookie request without the CSRF token, or from another origin (auth/session-cookie.ts). */
  DROVER_ERR_AUTH_CSRF: { status: 403, reason: 'Forbidden' },
  // Retired: DROVER_ERR_AUTH_FORBIDDEN (now DROVER_ERR_API_FORBIDDEN), DROVER_ERR_BAD_REQUEST
  // (now DROVER_ERR_API_BAD_REQUEST), DROVER_ERR_INVALID (now DROVER_ERR_API_INVALID).
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
  /** Cluster PKI: the cluster named has no Cluster object (or it is being deleted), so it has no CA. */
  DROVER_ERR_CLUSTER_NOT_FOUND: { status: 404, reason: 'NotFound' },
  /** Proxy: no such cluster, or the caller has no role in it (one answer, so existence is not revealed). */
  DROVER_ERR_PROXY_CLUSTER_NOT_FOUND: { status: 404, reason: 'NotFound' },
  /** Proxy: the caller's role in the cluster does not allow this request (read-only: get/list/watch only); nothing reached the cluster. */
  DROVER_ERR_PROXY_FORBIDDEN: { status: 403, reason: 'Forbidden' },
  /** Proxy: no control-plane Node of the cluster has a live agent session; the message says which nodes exist and their state. */
  DROVER_ERR_PROXY_NO_CONTROLPLANE: { status: 503, reason: 'ServiceUnavailable' },
  /** Proxy: every control-plane node's dial (tunnel stream or TLS to the apiserver) failed; the message names each node. Nothing was sent. */
  DROVER_ERR_PROXY_DIAL_FAILED: { status: 502, reason: 'BadGateway' },
  /** Proxy: the apiserver connection failed after the request was sent, before a response. */
  DROVER_ERR_PROXY_UPSTREAM_FAILED: { status: 502, reason: 'BadGateway' },
  /** An unexpected failure; details are logged, never sent. */
  DROVER_ERR_INTERNAL: { status: 500, reason: 'InternalError' },
  /** The data directory or a key file may be read by other users; the server does not start. Never reaches HTTP. */
  DROVER_ERR_DATA_DIR_INSECURE: { status: 500, reason: 'InternalError' },
  /** A sealed secret (or the secret key file) cannot be read: another key, or altered. */
  DROVER_ERR_SECRET_UNREADABLE: { status: 500, reason: 'InternalError' },
  /** A reconcile failed permanently and is not retried. Never reaches HTTP. */
  DROVER_ERR_CONTROLLER_TERMINAL: { status: 500, reason: 'InternalError' },

  // The resource API (`/apis/...`). Retired: DROVER_ERR_API_UNAUTHORIZED (now
  // DROVER_ERR_AUTH_UNAUTHENTICATED), DROVER_ERR_API_INTERNAL (now DROVER_ERR_INTERNAL).
  /** The caller may not do this: the authorizer refused the verb, or a kind's rule refuses it. */
  DROVER_ERR_API_FORBIDDEN: { status: 403, reason: 'Forbidden' },
  /** Unknown path, kind, object or namespace (or an object the caller may not see). */
  DROVER_ERR_API_NOT_FOUND: { status: 404, reason: 'NotFound' },
  /** create of a name that exists. */
  DROVER_ERR_API_ALREADY_EXISTS: { status: 409, reason: 'AlreadyExists' },
  /** Stale resourceVersion / failed precondition / server-side apply conflict. */
  DROVER_ERR_API_CONFLICT: { status: 409, reason: 'Conflict' },
  /** Schema or metadata violation (`details.causes` names each field), or a kind's rule refuses the write. */
  DROVER_ERR_API_INVALID: { status: 422, reason: 'Invalid' },
  /** Malformed request: bad JSON/YAML/query parameter, strict unknown field, name mismatch, bad login body or `?ttl=`. */
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
  /** A node's plan cannot be computed: an unsupported version, a node without an address, a certificate not issued yet (provisioning/plan.ts). */
  DROVER_ERR_PLAN_INVALID: { status: 422, reason: 'Invalid' },
  /** The agent could not apply a plan: a pull, a file, a container create or a health check failed (details name the node, container, last log lines). */
  DROVER_ERR_PLAN_APPLY_FAILED: { status: 502, reason: 'InternalError' },
  /** Listing or adding etcd members through a member node failed (proxy/etcd-members.ts). */
  DROVER_ERR_ETCD_MEMBERSHIP_FAILED: { status: 502, reason: 'InternalError' },
  /** The node has no Plan yet (the plan controller has not written it). */
  DROVER_ERR_PLAN_NOT_FOUND: { status: 404, reason: 'NotFound' },
} as const satisfies Record<string, { status: number; reason: string }>;

export type DroverErrorCode = keyof typeof ERROR_CODES;

/** One field problem of an Invalid (or Conflict) Status. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** `Status.details` as Kubernetes fills it. */
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

/**
 * A server error with a stable code; `details` go to the Status as they are (Kubernetes-worded
 * errors fill them, see errors-kube.ts); `cause` keeps the original error when wrapping. Kind
 * hooks throw it to abort a write with its Status.
 */
export class DroverError extends Error {
  readonly code: DroverErrorCode;
  readonly statusCode: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;
  /** For 429 and 503: the `Retry-After` the answer carries (seconds). */
  readonly retryAfterSeconds?: number;

  constructor(code: DroverErrorCode, message: string, options?: { details?: StatusDetails; cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    this.name = 'DroverError';
    this.code = code;
    this.statusCode = ERROR_CODES[code].status;
    this.reason = ERROR_CODES[code].reason;
    this.details = options?.details;
  }
}

export function isDroverError(err: unknown, code?: DroverErrorCode): err is DroverError {
  return err instanceof DroverError && (code === undefined || err.code === code);
}

/** A Failure Status. */
export function statusOf(code: number, reason: string, message: string, details?: StatusDetails): KubeStatus {
  const s: KubeStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details !== undefined) s.details = details;
  return s;
}

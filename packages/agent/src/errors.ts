/**
 * Every error code of the agent, in one table, with the process exit status main.ts uses.
 * Codes are stable and never reused; retired codes stay listed as comments.
 */

export const AGENT_ERROR_CODES = {
  /** A flag or environment variable failed validation. */
  DROVER_ERR_AGENT_CONFIG_INVALID: { exit: 2 },
  /** No Docker socket at the configured path (the container needs `-v /var/run:/var/run`). */
  DROVER_ERR_AGENT_DOCKER_SOCKET_MISSING: { exit: 3 },
  /** The Docker socket exists (or DOCKER_HOST is TCP) but the engine does not answer. */
  DROVER_ERR_AGENT_DOCKER_UNREACHABLE: { exit: 3 },
  /** The server could not be reached (DNS, refused, timeout, proxy failure); names URL and proxy. */
  DROVER_ERR_AGENT_SERVER_UNREACHABLE: { exit: 4 },
  /** The server answered something the protocol does not allow (bad /cacerts body, bad JSON). */
  DROVER_ERR_AGENT_SERVER_PROTOCOL: { exit: 4 },
  /** The CA served at /cacerts does not hash to --ca-checksum; shows expected and actual. */
  DROVER_ERR_AGENT_CA_MISMATCH: { exit: 5 },
  /** TLS verification against the pinned CA failed; the message says what to check. */
  DROVER_ERR_AGENT_TLS: { exit: 5 },
  /** The server refused the registration token (unknown, expired, revoked) or the body. */
  DROVER_ERR_AGENT_REGISTRATION_REFUSED: { exit: 6 },
  /** The node name belongs to another host (another Docker engine). */
  DROVER_ERR_AGENT_NODE_CONFLICT: { exit: 6 },
  /**
   * The node is connected from another agent (the server's DROVER_ERR_NODE_ALREADY_CONNECTED) and no
   * older agent container on this engine could be replaced to free it.
   */
  DROVER_ERR_AGENT_NODE_CONNECTED: { exit: 6 },
  /** The server kept answering 429 (too many failed registrations for this token) past our retries. */
  DROVER_ERR_AGENT_RATE_LIMITED: { exit: 4 },
  /** Registration is needed (no node.json for this server and engine) but no --token was given. */
  DROVER_ERR_AGENT_TOKEN_REQUIRED: { exit: 2 },
  /** /etc/drover could not be read or written. */
  DROVER_ERR_AGENT_STATE_IO: { exit: 7 },
  /** Replacing an older agent container failed. */
  DROVER_ERR_AGENT_REPLACE_FAILED: { exit: 8 },
} as const satisfies Record<string, { exit: number }>;

export type AgentErrorCode = keyof typeof AGENT_ERROR_CODES;

export interface AgentErrorOptions {
  cause?: unknown;
  /** Fields for the reader and for tests: expected/actual checksum, url, proxy, status, server code. */
  details?: Record<string, unknown>;
}

/** Every error the agent reports: a stable code, a message meant for the operator, and the cause. */
export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: AgentErrorCode, message: string, options: AgentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** The exit status main.ts uses for this error. */
  get exitCode(): number {
    return AGENT_ERROR_CODES[this.code].exit;
  }
}

export function isAgentError(err: unknown, code?: AgentErrorCode): err is AgentError {
  return err instanceof AgentError && (code === undefined || err.code === code);
}

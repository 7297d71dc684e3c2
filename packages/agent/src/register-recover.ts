/**
 * Registration with the two refusals an agent can resolve by itself:
 *
 * - 409 DROVER_ERR_NODE_ALREADY_CONNECTED: the node has a live session. The server refuses to
 *   hand its name to anyone while the real host is connected (docs/adr/0009). When the node
 *   command is re-run on a host that lost /etc/drover, that live session is the older agent
 *   container on this same engine: remove it (what a re-run does after registering anyway), then
 *   register again once the server has seen its session end. With no older container to remove,
 *   the session is not ours to end, and the refusal stands.
 * - 429 DROVER_ERR_REGISTRATION_RATE_LIMITED: wait the server's Retry-After (capped) and retry.
 *
 * Both retries are bounded in count and time; past them the last AgentError is thrown.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { replaceOlderAgents, type ReplaceLogger } from './container-replace.ts';
import type { DockerApi } from './docker.ts';
import { AgentError, isAgentError } from './errors.ts';
import { register, type Registered, type RegistrationBody } from './register.ts';
import type { ServerClient } from './http.ts';

export interface RecoverOptions {
  docker: DockerApi;
  /** This agent's container id (undefined outside a container: then nothing is replaced). */
  ownContainerId: string | undefined;
  log: ReplaceLogger;
  /** Attempts after an older agent was removed; the server notices the closed session at once, or after its 2 s ping probe. */
  connectedRetries?: number;
  /** Pause between those attempts (ms). */
  connectedRetryDelayMs?: number;
  /** How many 429s to wait out. */
  rateLimitRetries?: number;
  /** Longest single wait for a Retry-After (ms). */
  maxRetryAfterMs?: number;
}

export type RecoverBounds = Required<Pick<RecoverOptions, 'connectedRetries' | 'connectedRetryDelayMs' | 'rateLimitRetries' | 'maxRetryAfterMs'>>;

export const RECOVER_DEFAULTS: Readonly<RecoverBounds> = Object.freeze({
  connectedRetries: 5,
  connectedRetryDelayMs: 1000, // 1 s
  rateLimitRetries: 3,
  maxRetryAfterMs: 60_000, // 1 min
});

/**
 * Registers, resolving a live older agent on this engine and the server's rate limit.
 * @throws AgentError as {@link register}; NODE_CONNECTED when no older agent container could be
 *   replaced (or the node stayed connected after it was); RATE_LIMITED past the retries
 */
export async function registerRecovering(client: ServerClient, body: RegistrationBody, options: RecoverOptions): Promise<Registered> {
  const o = { ...RECOVER_DEFAULTS, ...options };
  let replaced = false;
  let connectedTries = 0;
  let rateLimitedTries = 0;
  for (;;) {
    try {
      return await register(client, body);
    } catch (err) {
      if (isAgentError(err, 'DROVER_ERR_AGENT_NODE_CONNECTED')) {
        if (!replaced) {
          replaced = true;
          const removed = await replaceOlderAgents(o.docker, o.ownContainerId, o.log);
          if (removed.length === 0) {
            throw new AgentError('DROVER_ERR_AGENT_NODE_CONNECTED',
              `${err.message}. No older agent container runs on this Docker engine to replace; if the node is connected from another host, register this one under another --node-name`,
              { cause: err, details: err.details });
          }
          o.log.info({ removed: removed.length }, 'the node was connected through an older agent container on this host; removed it, registering again');
        }
        if (++connectedTries > o.connectedRetries) throw err;
        await sleep(o.connectedRetryDelayMs);
        continue;
      }
      if (isAgentError(err, 'DROVER_ERR_AGENT_RATE_LIMITED') && ++rateLimitedTries <= o.rateLimitRetries) {
        const seconds = typeof err.details.retryAfterSeconds === 'number' ? err.details.retryAfterSeconds : 1;
        const waitMs = Math.min(Math.max(seconds * 1000, 100), o.maxRetryAfterMs);
        o.log.warn({ waitMs }, 'the server is rate-limiting registrations with this token; waiting before the next try');
        await sleep(waitMs);
        continue;
      }
      throw err;
    }
  }
}

/**
 * The agent endpoints on a fastify instance: `POST /v1/agent/register`, the tunnel upgrade at
 * `GET /v1/agent/tunnel`, the session registry with `dialNode`, node access revocation, and
 * their lifecycle: at start, Nodes left Connected by a previous run become Disconnected; on
 * close, new sessions are refused, every session gets GOAWAY (bounded by `goAwayGraceMs`) and
 * the resulting status writes finish before the server closes.
 */
import type { Store } from '@drover/store';
import { DEFAULT_LIMITS } from '@drover/tunnel';
import type { TunnelLimits } from '@drover/tunnel';
import { createTunnelMetrics } from '@drover/tunnel/metrics';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import type { Runnable } from '../controllers/manager.ts';
import { DroverError } from '../errors.ts';
import { sendStatus } from '../error-status.ts';
import { createNodeAccess } from '../registration/node-access.ts';
import type { UpgradeRouter } from '../upgrade/router.ts';
import type { NodeAccess } from '../registration/node-access.ts';
import { createEventRecorder } from './events.ts';
import { createNodeCredentials } from './node-credentials.ts';
import type { NodeCredentials } from './node-credentials.ts';
import { createNodeStatusWriter } from './node-status.ts';
import { createWriteBatcher } from './write-batch.ts';
import { registerRoute, TUNNEL_PATH } from './register.ts';
import { markOrphansDisconnected } from './session-status.ts';
import { AgentSessions, probeTimeoutMs } from './sessions.ts';
import { createTunnelEndpoint } from './tunnel-endpoint.ts';

export { AgentSessions } from './sessions.ts';
export type { DialNodeOptions, SessionEntry } from './sessions.ts';
export { REGISTER_PATH, TUNNEL_PATH } from './register.ts';

export interface AgentEndpointOptions {
  store: Store;
  now: () => Date;
  registry: Registry;
  limits: Partial<TunnelLimits>;
  /** GOAWAY grace on shutdown and for a re-registered node's old session, ms. */
  goAwayGraceMs: number;
  rttWriteIntervalMs: number;
  /**
   * After start, Nodes the store still shows Connected (the previous run crashed or was killed)
   * are marked Disconnected once this long has passed without their agent reconnecting (0: at
   * start). A restarted server's agents are back within seconds: marking all of them first
   * doubled the writes of a reconnect storm and held the start (issue 15).
   */
  orphanGraceMs?: number;
  /** Hashes registration tokens and node credentials (docs/adr/0009). */
  machineSecrets: MachineSecretHasher;
}

export interface AgentEndpoints {
  sessions: AgentSessions;
  credentials: NodeCredentials;
  nodeAccess: NodeAccess;
  /**
   * The session registry's lifecycle: start marks Nodes left Connected by a previous run
   * Disconnected; close refuses new sessions, sends every session GOAWAY (bounded by
   * `goAwayGraceMs`) and flushes the resulting status writes and Events; destroy cuts them now.
   */
  runnable: Runnable;
  /** Adds the routes (after the app's auth hook) and the tunnel's upgrade route. */
  register(upgrades: UpgradeRouter): void;
  /** Resolves when queued Node status and Event writes are in the store (write-batch.ts). */
  flushWrites(): Promise<void>;
}

export function createAgentEndpoints(app: FastifyInstance, o: AgentEndpointOptions): AgentEndpoints {
  const log = app.log.child({ component: 'agents' });
  const sessions = new AgentSessions();
  const credentials = createNodeCredentials(o.store, o.now, o.machineSecrets);
  // Status changes and Events of many nodes share transactions (a storm costs one sync per batch).
  const batcher = createWriteBatcher(o.store);
  const events = createEventRecorder(o.store, o.now, log, undefined, batcher);
  const status = createNodeStatusWriter(batcher, log);
  const endpoint = createTunnelEndpoint({
    store: o.store,
    credentials,
    sessions,
    events,
    status,
    log,
    metrics: createTunnelMetrics(o.registry),
    limits: o.limits,
    now: o.now,
    rttWriteIntervalMs: o.rttWriteIntervalMs,
  });
  function register(upgrades: UpgradeRouter): void {
    endpoint.register(upgrades);
    registerRoute(app, { store: o.store, sessions, events, now: o.now, graceMs: o.goAwayGraceMs, machineSecrets: o.machineSecrets, probeMs: probeTimeoutMs(o.limits.deadPeerTimeoutMs ?? DEFAULT_LIMITS.deadPeerTimeoutMs) });
    // Without an Upgrade header the request reaches fastify: say what the path wants.
    app.get(TUNNEL_PATH, { config: { auth: 'none' } }, (_request, reply) => sendStatus(reply, new DroverError('DROVER_ERR_API_BAD_REQUEST', 'the agent tunnel needs a WebSocket upgrade')));
  }
  let orphanTimer: NodeJS.Timeout | undefined;
  const runnable: Runnable = {
    async start() {
      const mark = async (): Promise<void> => {
        const n = await markOrphansDisconnected(o.store, { sessions, status, now: o.now });
        if (n > 0) log.info({ nodes: n }, 'nodes left connected by the previous run marked disconnected');
      };
      const graceMs = o.orphanGraceMs ?? 0;
      if (graceMs === 0) return mark();
      orphanTimer = setTimeout(() => {
        orphanTimer = undefined;
        mark().catch((err: unknown) => log.warn({ err }, 'marking nodes left connected by the previous run failed'));
      }, graceMs);
      orphanTimer.unref();
    },
    async close() {
      clearTimeout(orphanTimer);
      endpoint.stopAccepting();
      await sessions.closeAll('the server is shutting down', { graceMs: o.goAwayGraceMs });
      endpoint.close();
      await status.flush();
      await events.flush();
    },
    destroy() {
      clearTimeout(orphanTimer);
      endpoint.stopAccepting();
      void sessions.closeAll('the server is shutting down', { graceMs: 0 });
      endpoint.close();
    },
  };
  const flushWrites = async (): Promise<void> => {
    await status.flush();
    await events.flush();
    await batcher.flush();
  };
  return { sessions, credentials, nodeAccess: createNodeAccess({ credentials, sessions }), runnable, register, flushWrites };
}

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
}

export function createAgentEndpoints(app: FastifyInstance, o: AgentEndpointOptions): AgentEndpoints {
  const log = app.log.child({ component: 'agents' });
  const sessions = new AgentSessions();
  const credentials = createNodeCredentials(o.store, o.now, o.machineSecrets);
  const events = createEventRecorder(o.store, o.now, log);
  const status = createNodeStatusWriter(o.store, log);
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
  const runnable: Runnable = {
    async start() {
      const n = await markOrphansDisconnected(o.store, { sessions, status, now: o.now });
      if (n > 0) log.info({ nodes: n }, 'nodes left connected by the previous run marked disconnected');
    },
    async close() {
      endpoint.stopAccepting();
      await sessions.closeAll('the server is shutting down', { graceMs: o.goAwayGraceMs });
      endpoint.close();
      await status.flush();
      await events.flush();
    },
    destroy() {
      endpoint.stopAccepting();
      void sessions.closeAll('the server is shutting down', { graceMs: 0 });
      endpoint.close();
    },
  };
  return { sessions, credentials, nodeAccess: createNodeAccess({ credentials, sessions }), runnable, register };
}

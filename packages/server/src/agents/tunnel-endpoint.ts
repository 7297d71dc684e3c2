/**
 * `GET /v1/agent/tunnel` (docs/agent-protocol.md §3), one route of the upgrade router
 * (upgrade/router.ts): authenticates the node credential **before** the WebSocket upgrade and answers a refusal as an HTTP error with a Status body and
 * a `Drover-Error-Code` header (never a silent close); then runs a server Session for the node
 * (one per node; a held session that does not answer a ping is replaced) and keeps its Node
 * status current (see session-status.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Store } from '@drover/store';
import { DEFAULT_LIMITS, Session, WebSocketTransport, maxWebSocketPayload } from '@drover/tunnel';
import type { TunnelLimits, TunnelMetrics } from '@drover/tunnel';
import type { FastifyBaseLogger } from 'fastify';
import { WebSocketServer } from 'ws';
import { bearerFromHeader, parseNodeCredential } from '../auth/bearer.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { refuseUpgrade } from '../error-status.ts';
import type { UpgradeRouter } from '../upgrade/router.ts';
import { parseNodeInfoHeader } from './agent-info.ts';
import type { EventRecorder } from './events.ts';
import { credentialKey, type NodeCredentials, type NodeIdentity } from './node-credentials.ts';
import { TUNNEL_PATH } from './register.ts';
import { runNodeChannel } from './node-channel.ts';
import { createRttProber, type RttProber } from './rtt-prober.ts';
import { SessionLog } from './session-log.ts';
import { watchSession, type SessionStatusDeps } from './session-status.ts';
import type { NodeStatusWriter } from './node-status.ts';
import { probeTimeoutMs } from './sessions.ts';
import type { AgentSessions } from './sessions.ts';

export interface TunnelEndpointDeps {
  store: Store;
  credentials: NodeCredentials;
  sessions: AgentSessions;
  events: EventRecorder;
  status: NodeStatusWriter;
  log: FastifyBaseLogger;
  metrics: TunnelMetrics;
  limits: Partial<TunnelLimits>;
  now: () => Date;
  rttWriteIntervalMs: number;
  /** Default: one of its own, stopped by close(). */
  rttProber?: RttProber;
}

export interface TunnelEndpoint {
  /** Adds the tunnel route (WebSocket only, auth: the node credential) to the server's upgrade router. */
  register(router: UpgradeRouter): void;
  /** Refuses new sessions (503) from now on. */
  stopAccepting(): void;
  close(): void;
}

export function createTunnelEndpoint(deps: TunnelEndpointDeps): TunnelEndpoint {
  const { store, credentials, sessions, events, log } = deps;
  // No clientTracking: the sessions are tracked by `sessions`; ws's own Set and the close
  // listener it adds to each socket were ~0.2 KB of every agent (ADR 0029).
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: maxWebSocketPayload(deps.limits.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes) });
  let accepting = true;
  /** How long a held session may take to answer the probe ping (ms). */
  const probeMs = probeTimeoutMs(deps.limits.deadPeerTimeoutMs ?? DEFAULT_LIMITS.deadPeerTimeoutMs);
  const rttProber = deps.rttProber ?? createRttProber();
  const statusDeps: SessionStatusDeps = { sessions, events, status: deps.status, now: deps.now, rttWriteIntervalMs: deps.rttWriteIntervalMs, rttProber };

  async function authenticate(req: IncomingMessage): Promise<NodeIdentity> {
    const bearer = bearerFromHeader(req.headers.authorization);
    if (bearer === undefined) throw new DroverError('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', 'node credential required: send Authorization: Bearer <node credential>');
    const named = parseNodeCredential(bearer);
    if (named === undefined) return credentials.verify(bearer); // refuses it
    // The credential's record and its Node in one query: on PostgreSQL a reconnect storm's
    // queries were mostly reads of one key each (issue 15).
    const [record, node] = await store.tryGetMany([credentialKey(named.cluster, named.node), { resource: RESOURCES.nodes, namespace: named.cluster, name: named.node }]);
    const id = await credentials.verifyRecord(bearer, record);
    const engine = req.headers['x-drover-engine-id'];
    if (typeof engine !== 'string' || engine !== id.engineId) {
      throw new DroverError(
        'DROVER_ERR_NODE_ENGINE_MISMATCH',
        // Never the bound engine's ID: a refusal reveals nothing of another host (issue 9, finding 2).
        `the credential of node "${id.node}" belongs to another host but was presented from ${typeof engine === 'string' && engine !== '' ? `engine ${engine.slice(0, 256)}` : 'a host that sent no engine ID'}: a node credential copied to another host is refused`,
      );
    }
    if (node === undefined) throw new DroverError('DROVER_ERR_NODE_CREDENTIAL_REVOKED', `node credential revoked: node "${id.node}" of cluster "${id.cluster}" no longer exists`);
    if (node.metadata.deletionTimestamp !== undefined) throw new DroverError('DROVER_ERR_NODE_CREDENTIAL_REVOKED', `node credential revoked: node "${id.node}" is being deleted`);
    return id;
  }

  const closing = (): DroverError => new DroverError('DROVER_ERR_NODE_SERVER_CLOSING', 'the server is shutting down; reconnect shortly');

  /** Logs a refusal and records it as an Event on the Node the credential names. */
  function noteRefusal(req: IncomingMessage, err: DroverError): void {
    const named = parseNodeCredential(bearerFromHeader(req.headers.authorization) ?? '');
    log.info({ code: err.code, cluster: named?.cluster, node: named?.node, remoteAddress: req.socket.remoteAddress }, 'agent tunnel refused');
    // The bearer's node name is anyone's choice: the recorder writes the Event only for a Node
    // of that cluster that exists, rate-limited per node (events.ts). The log has every refusal.
    if (named !== undefined && err.code !== 'DROVER_ERR_NODE_SERVER_CLOSING') {
      void events.recordRefusal({
        cluster: named.cluster,
        involvedObject: { kind: 'Node', name: named.node },
        reason: 'TunnelRefused',
        message: `agent tunnel refused (${err.code}): ${err.message}`,
        type: 'Warning',
      });
    }
  }

  function refuse(req: IncomingMessage, socket: Duplex, err: DroverError): void {
    noteRefusal(req, err);
    refuseUpgrade(socket, err);
  }

  /** The route's authentication: the router answers its refusals (Status body, before the upgrade). */
  async function authenticateRoute(req: IncomingMessage): Promise<NodeIdentity> {
    try {
      if (!accepting) throw closing();
      return await authenticate(req);
    } catch (err) {
      if (isDroverError(err)) noteRefusal(req, err);
      throw err;
    }
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, id: NodeIdentity): Promise<void> {
    if (!accepting) return refuse(req, socket, closing());
    if (socket.destroyed) return;
    let entry = sessions.reserve(id.cluster, id.node);
    // A host whose link died reconnects before the heartbeat noticed: a held session that does
    // not answer a ping is ended and the newcomer takes the slot; a live one keeps it (409). The
    // slot is asked for again whatever the probe says: the heartbeat may have ended the held
    // session while it was probed (a 409 for a free slot, seen as a rare test failure).
    if (entry === undefined) {
      if ((await sessions.probe(id.cluster, id.node, probeMs)) === 'dead') log.info({ cluster: id.cluster, node: id.node }, 'held agent session did not answer a ping; replaced by the reconnecting agent');
      entry = sessions.reserve(id.cluster, id.node);
    }
    if (entry === undefined) {
      const held = sessions.entry(id.cluster, id.node);
      const since = held?.connectedAt === undefined ? 'connecting' : `connected since ${held.connectedAt.toISOString()}`;
      return refuse(req, socket, new DroverError('DROVER_ERR_NODE_ALREADY_CONNECTED', `node "${id.node}" of cluster "${id.cluster}" already has a live agent session (${since}${held?.remoteAddress === undefined ? '' : ` from ${held.remoteAddress}`}); a second session is refused`));
    }
    entry.remoteAddress = req.socket.remoteAddress;
    // ws answers a malformed handshake itself and destroys the socket: free the slot then.
    const releaseUnstarted = (): void => {
      if (entry.session === undefined) sessions.release(entry);
    };
    socket.once('close', releaseUnstarted);
    const info = parseNodeInfoHeader(req.headers['x-drover-node-info']);
    if (info === undefined && req.headers['x-drover-node-info'] !== undefined) log.warn({ cluster: id.cluster, node: id.node }, 'ignoring a malformed X-Drover-Node-Info header');
    const version = req.headers['x-drover-agent-version'];
    // The router held the socket open: the session's pings and dead-peer timeout bound it.
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Construct the transport in this tick so no frame is lost before the Session attaches.
      const transport = new WebSocketTransport(ws);
      if (!sessions.isCurrent(entry)) {
        ws.terminate(); // revoked while upgrading
        return;
      }
      const logger = new SessionLog(log, id.cluster, id.node);
      const session = new Session(transport, { role: 'server', limits: deps.limits, logger, metrics: deps.metrics });
      entry.session = session;
      entry.ws = ws;
      // From here the session's close frees the slot. The listener would keep this function's
      // context (the host's facts, the identity) for the session's life: ~0.6 KB per agent.
      socket.off('close', releaseUnstarted);
      session.start();
      watchSession(statusDeps, entry, session, { ...(info === undefined ? {} : { info }), ...(typeof version === 'string' ? { agentVersion: version.slice(0, 64) } : {}) }, logger);
      // After watchSession: its Connected status write is queued before the channel's first one.
      session.ready().then(() => runNodeChannel(deps, entry, session, logger), () => undefined);
    });
  }

  return {
    register(router) {
      router.route({ prefix: TUNNEL_PATH, exact: true, protocols: ['websocket'], auth: authenticateRoute, handle: upgrade });
    },
    stopAccepting() {
      accepting = false;
    },
    close() {
      accepting = false;
      wss.close();
      if (deps.rttProber === undefined) rttProber.close();
    },
  };
}

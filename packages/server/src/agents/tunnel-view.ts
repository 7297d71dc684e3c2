/**
 * `GET /v1/clusters/:cluster/nodes/:node/tunnel`: the live state of a node's agent tunnel, read
 * from this server's in-memory session registry (never stored): whether it is connected, since
 * when and from where, the last heartbeat RTT, and the open, pending and buffered streams. The
 * console's node view polls it. Allowed to whoever may get the Node; 404 otherwise.
 * Also the bytes through the current session, and how often the node reconnected to this server
 * in the last hour (kept in memory per process: a restarted server starts counting again).
 */
import type { FastifyInstance } from 'fastify';
import type { RequestUser } from '../api/contract.ts';
import { DroverError } from '../errors.ts';
import { GROUP } from '../kinds/resources.ts';
import type { AgentSessions } from './sessions.ts';

export interface TunnelView {
  cluster: string;
  node: string;
  connected: boolean;
  connectedAt?: string;
  remoteAddress?: string;
  rttMs?: number;
  openStreams?: number;
  pendingOpens?: number;
  bufferedBytes?: number;
  committedBytes?: number;
  /** Tunnel frame bytes received from / sent to the agent over the current session. */
  bytesIn?: number;
  bytesOut?: number;
  /** Sessions of this node that connected to this server in the last hour after an earlier one. */
  reconnectsLastHour: number;
}

/** The tunnel view of one node from the registry. */
export function tunnelView(sessions: AgentSessions, cluster: string, node: string, now: Date = new Date()): TunnelView {
  const entry = sessions.entry(cluster, node);
  const session = sessions.session(cluster, node);
  const reconnectsLastHour = sessions.reconnectsLastHour(cluster, node, now);
  if (entry === undefined || session === undefined) return { cluster, node, connected: false, reconnectsLastHour };
  const view: TunnelView = {
    cluster,
    node,
    connected: true,
    openStreams: session.openStreams,
    pendingOpens: session.pendingOpens,
    bufferedBytes: session.bufferedBytes,
    committedBytes: session.committedBytes,
    bytesIn: session.bytesReceived,
    bytesOut: session.bytesSent,
    reconnectsLastHour,
  };
  if (entry.connectedAt !== undefined) view.connectedAt = entry.connectedAt.toISOString();
  if (entry.remoteAddress !== undefined) view.remoteAddress = entry.remoteAddress;
  if (typeof session.rttMs === 'number') view.rttMs = session.rttMs;
  return view;
}

export function registerTunnelView(app: FastifyInstance, sessions: AgentSessions): void {
  app.get<{ Params: { cluster: string; node: string } }>('/v1/clusters/:cluster/nodes/:node/tunnel', async (request, reply) => {
    const { cluster, node } = request.params;
    const user: RequestUser = request.user;
    const allowed = await app.drover.authorizer.allowed(user, { verb: 'get', group: GROUP, resource: 'nodes', namespace: cluster, name: node });
    if (!allowed) throw new DroverError('DROVER_ERR_API_NOT_FOUND', `nodes.${GROUP} "${node}" not found`);
    return reply.header('cache-control', 'no-store').send(tunnelView(sessions, cluster, node, app.drover.now()));
  });
}

/**
 * AgentSessions: the live agent tunnel sessions of this server, at most one per node, and the way
 * server code reaches a host behind NAT:
 *
 *   const socket = await app.drover.agents.dialNode('prod', 'host-1', tcpTarget('127.0.0.1', 6443), { timeoutMs: 5000 });
 *
 * A node's slot is reserved while its upgrade is being completed, so two simultaneous upgrades
 * for one node cannot both win. Closing a node for a revocation frees its slot at once (a
 * re-registered agent may connect while the old session drains).
 */
import type { Duplex } from 'node:stream';
import type { Session, Target } from '@drover/tunnel';
import { formatTarget, isTunnelError, TunnelError, TunnelErrorCodes } from '@drover/tunnel';
import type { WebSocket } from 'ws';
import { DroverError } from '../errors.ts';
import type { AgentChannel } from './agent-channel.ts';

export interface SessionEntry {
  readonly cluster: string;
  readonly node: string;
  /** Increases with every reservation on this server. */
  readonly seq: number;
  session?: Session;
  ws?: WebSocket;
  /** Set once the handshake completed. */
  connectedAt?: Date;
  remoteAddress?: string;
  /** Why the server closed it, when it did (e.g. "node credential revoked: cluster deleted"). */
  closeReason?: string;
  /** Closed because access was revoked: the Node is gone or re-registered; write no Disconnected status. */
  revoked?: boolean;
  /** The session's command channel while it is open (node-channel.ts). */
  channel?: AgentChannel;
}

export interface DialNodeOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Resolve with the stream at once (tunnel "early-data", docs/adr/0020): what is written first
   * (a TLS ClientHello, a request) travels behind the Open instead of a tunnel round trip
   * later; a refused or failed dial then arrives as the stream's error, not as a rejection.
   */
  early?: boolean;
}

/** How long a probed session may take to answer (ms): 2 s, or half the dead-peer timeout if shorter. */
export function probeTimeoutMs(deadPeerTimeoutMs: number): number {
  return Math.min(2000, Math.floor(deadPeerTimeoutMs / 2));
}

const keyOf = (cluster: string, node: string): string => `${cluster}/${node}`;
/** The times within the reconnect window before `nowMs`. */
const recent = (times: number[], nowMs: number): number[] => times.filter((t) => t >= nowMs - RECONNECT_WINDOW_MS);
/** How long a closed WebSocket may take for its closing handshake before its socket is destroyed. */
const CLOSE_HANDSHAKE_MS = 1000;
/** The window of the tunnel view's "reconnects in the last hour". */
export const RECONNECT_WINDOW_MS = 3_600_000;
/** At most this many reconnect times per node are kept (a flapping node cannot grow memory). */
const RECONNECT_HISTORY_MAX = 64;

export class AgentSessions {
  readonly #entries = new Map<string, SessionEntry>();
  readonly #closing = new Set<Promise<void>>();
  /** Nodes that have connected to this server since it started. */
  readonly #seen = new Set<string>();
  /** Per node, when its sessions became connected again after an earlier one (ms, oldest first, within the window). */
  readonly #reconnects = new Map<string, number[]>();
  #seq = 0;

  /** Records that the node's session became connected at `at` (session-status.ts): its first connect here, or a reconnect. */
  noteConnected(cluster: string, node: string, at: Date): void {
    const key = keyOf(cluster, node);
    if (!this.#seen.has(key)) {
      this.#seen.add(key);
      return;
    }
    const times = recent(this.#reconnects.get(key) ?? [], at.getTime());
    times.push(at.getTime());
    if (times.length > RECONNECT_HISTORY_MAX) times.splice(0, times.length - RECONNECT_HISTORY_MAX);
    this.#reconnects.set(key, times);
  }

  /** How many times the node reconnected to this server in the hour before `now` (a count this process saw; at most 64). */
  reconnectsLastHour(cluster: string, node: string, now: Date): number {
    const key = keyOf(cluster, node);
    const times = this.#reconnects.get(key);
    if (times === undefined) return 0;
    const kept = recent(times, now.getTime());
    if (kept.length === 0) this.#reconnects.delete(key);
    else this.#reconnects.set(key, kept);
    return kept.length;
  }

  /** A new slot for the node, or undefined when it has one (connected or connecting). */
  reserve(cluster: string, node: string): SessionEntry | undefined {
    const key = keyOf(cluster, node);
    if (this.#entries.has(key)) return undefined;
    const entry: SessionEntry = { cluster, node, seq: ++this.#seq };
    this.#entries.set(key, entry);
    return entry;
  }

  /** The node's current slot (connected or connecting). */
  entry(cluster: string, node: string): SessionEntry | undefined {
    return this.#entries.get(keyOf(cluster, node));
  }

  /** True when `entry` still holds its node's slot. */
  isCurrent(entry: SessionEntry): boolean {
    return this.#entries.get(keyOf(entry.cluster, entry.node)) === entry;
  }

  /** Frees `entry`'s slot (no-op when it no longer holds it). */
  release(entry: SessionEntry): void {
    if (this.isCurrent(entry)) this.#entries.delete(keyOf(entry.cluster, entry.node));
  }

  /** Every slot, e.g. for status. */
  list(): SessionEntry[] {
    return [...this.#entries.values()];
  }

  /** The node's session once its handshake completed. */
  session(cluster: string, node: string): Session | undefined {
    const e = this.entry(cluster, node);
    return e?.connectedAt !== undefined && e.session?.state === 'open' ? e.session : undefined;
  }

  /**
   * The node's open command channel (docs/adr/0012).
   * @throws DroverError DROVER_ERR_NODE_CHANNEL_UNAVAILABLE when it has none (not connected, older agent, reopening)
   */
  channel(cluster: string, node: string): AgentChannel {
    const channel = this.session(cluster, node) === undefined ? undefined : this.entry(cluster, node)?.channel;
    if (channel === undefined || channel.isClosed) throw new DroverError('DROVER_ERR_NODE_CHANNEL_UNAVAILABLE', `node "${node}" of cluster "${cluster}" has no command channel open`);
    return channel;
  }

  /**
   * Whether the node's slot holds a live session: `live` when it is still connecting or its
   * session answers a ping within `timeoutMs`; `dead` when a connected session did not answer,
   * in which case it has been destroyed (PEER_TIMEOUT) and the slot freed; `none` without a slot,
   * also when the held session ended (its heartbeat timed out) while it was being probed.
   * A host whose link died thus loses its slot in one probe, not after the heartbeat timeout.
   */
  async probe(cluster: string, node: string, timeoutMs: number): Promise<'none' | 'live' | 'dead'> {
    const held = this.entry(cluster, node);
    if (held === undefined) return 'none';
    const session = held.session;
    if (session === undefined || held.connectedAt === undefined || session.state !== 'open') return 'live';
    const answered = await new Promise<boolean>((resolve) => {
      // Only the answer to this ping: a pong to the heartbeat's last ping, read after the link
      // died, said nothing about the link now (and kept a dead session, 409 to the newcomer).
      const onRtt = (_ms: number, id: number): void => {
        if (id === probeId) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      function done(ok: boolean): void {
        clearTimeout(timer);
        session?.off('rtt', onRtt);
        resolve(ok);
      }
      session.on('rtt', onRtt);
      // A pong is read in a later turn than this one, so probeId is set by then.
      const probeId = session.ping();
      if (probeId === undefined) done(false);
    });
    if (!this.isCurrent(held)) return this.entry(cluster, node) === undefined ? 'none' : 'live';
    if (answered) return 'live';
    this.release(held);
    session.destroy(new TunnelError(TunnelErrorCodes.PEER_TIMEOUT, `no answer to a ping within ${timeoutMs} ms while the node reconnected`));
    return 'dead';
  }

  /**
   * Opens a tunnel stream to `target` as seen from the node's host (the agent's dial policy
   * decides). Rejects with DroverError DROVER_ERR_NODE_NOT_CONNECTED when the node has no
   * session, DROVER_ERR_NODE_DIAL_FAILED (cause: the TunnelError) when the agent refused or
   * could not connect the target, or the open timed out or was aborted.
   */
  async dialNode(cluster: string, node: string, target: Target, options: DialNodeOptions = {}): Promise<Duplex> {
    const session = this.session(cluster, node);
    if (session === undefined) throw new DroverError('DROVER_ERR_NODE_NOT_CONNECTED', `node "${node}" of cluster "${cluster}" has no agent session`);
    try {
      return await session.openStream(target, options);
    } catch (err) {
      const code = isTunnelError(err) ? err.code : 'unknown';
      throw new DroverError('DROVER_ERR_NODE_DIAL_FAILED', `dial ${formatTarget(target)} on node "${node}" of cluster "${cluster}" failed (${code}): ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Closes the node's session (GOAWAY, then `graceMs` for open streams) and frees its slot now.
   * `revoked` marks that its access was revoked. Resolves when the session has ended.
   */
  async closeNode(cluster: string, node: string, reason: string, options: { graceMs: number; revoked?: boolean }): Promise<void> {
    const entry = this.entry(cluster, node);
    if (entry === undefined) return;
    this.release(entry);
    await this.#close(entry, reason, options);
  }

  /** Closes every session of `cluster`. */
  async closeCluster(cluster: string, reason: string, options: { graceMs: number; revoked?: boolean }): Promise<void> {
    const entries = this.list().filter((e) => e.cluster === cluster);
    for (const e of entries) this.release(e);
    await Promise.all(entries.map((e) => this.#close(e, reason, options)));
  }

  /** Closes every session (server shutdown) and waits for their sockets. */
  async closeAll(reason: string, options: { graceMs: number }): Promise<void> {
    const entries = this.list();
    for (const e of entries) this.release(e);
    await Promise.all(entries.map((e) => this.#close(e, reason, options)));
    await Promise.all([...this.#closing]);
  }

  #close(entry: SessionEntry, reason: string, options: { graceMs: number; revoked?: boolean }): Promise<void> {
    entry.closeReason = reason;
    if (options.revoked === true) entry.revoked = true;
    const { session, ws } = entry;
    if (session === undefined) {
      ws?.terminate();
      return Promise.resolve();
    }
    // The command channel never ends by itself: end it so GOAWAY's drain need not wait the grace out.
    entry.channel?.end();
    const done = session.close({ graceMs: options.graceMs, message: reason }).then(() => this.#awaitSocket(ws));
    this.#closing.add(done);
    void done.finally(() => this.#closing.delete(done));
    return done;
  }

  /** Waits briefly for the WebSocket closing handshake, then destroys the socket. */
  #awaitSocket(ws: WebSocket | undefined): Promise<void> {
    if (ws === undefined || ws.readyState === ws.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, CLOSE_HANDSHAKE_MS);
      timer.unref();
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

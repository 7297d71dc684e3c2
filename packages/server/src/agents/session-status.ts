/**
 * A session's life mirrored on its Node: handshake done → Connected (agent version, Docker info
 * and addresses from the upgrade headers), heartbeat RTT → `status.rttMs` (rate-limited, and only
 * a significant change), session
 * ended → Disconnected with the reason ("tunnel closed: peer timeout (…)"), plus Events.
 * A Disconnected write is skipped when a newer session for the node is up, or when the session
 * was closed because its access was revoked (the Node is gone or registered again).
 */
import type { Store } from '@drover/store';
import { isTunnelError, TunnelErrorCodes } from '@drover/tunnel';
import type { Session, TunnelLogger } from '@drover/tunnel';
import { nodes } from '../kinds/node.ts';
import { hostStatus } from './agent-info.ts';
import type { NodeInfo } from './agent-info.ts';
import type { EventRecorder } from './events.ts';
import { withState } from './node-status.ts';
import type { NodeStatusObj, NodeStatusWriter } from './node-status.ts';
import type { RttProber } from './rtt-prober.ts';
import type { AgentSessions, SessionEntry } from './sessions.ts';

export interface SessionStatusDeps {
  sessions: AgentSessions;
  events: EventRecorder;
  status: NodeStatusWriter;
  now: () => Date;
  rttWriteIntervalMs: number;
  /** Whether a pong read now measures the network, and quick pings for a first RTT (rtt-prober.ts). */
  rttProber: Pick<RttProber, 'calm' | 'request'>;
}

/** "tunnel closed: …" for the Node's status.reason. */
export function describeClose(err: Error | undefined, closeReason: string | undefined): string {
  if (err === undefined) return `tunnel closed: ${closeReason ?? 'closed by the server'}`;
  if (isTunnelError(err, TunnelErrorCodes.PEER_TIMEOUT)) {
    // Stable text (no measured milliseconds), so repeated Events aggregate.
    const limit = /limit (\d+) ms/.exec(err.message)?.[1];
    return limit === undefined ? `tunnel closed: peer timeout (${err.message})` : `tunnel closed: peer timeout (no heartbeat for ${limit} ms)`;
  }
  if (isTunnelError(err, TunnelErrorCodes.SESSION_CLOSED) && err.message === 'the peer closed the session') return 'tunnel closed: the agent closed the session';
  return `tunnel closed: ${err.message}`;
}

/** Heartbeat RTTs whose median is the Node's RTT. */
const RTT_SAMPLES = 5;
/** Pings an RTT needs before it is written: the first as their median, a change held by each. */
const MIN_CHANGE_SAMPLES = 3;

/**
 * A heartbeat RTT worth writing over `written`: at least 10 ms away and twice or half of it. A
 * busy server's pings jitter by tens of percent; with 19,500 nodes a 50 % rule still wrote ~50
 * Node statuses a second at idle (and more under load, which made the load worse).
 */
export function significantRttChange(written: number, measured: number): boolean {
  return Math.abs(measured - written) >= 10 && (measured >= written * 2 || measured <= written / 2);
}

/** The last `n` RTTs all differ significantly from `written`, the same way: a change that held. */
export function changeHeld(written: number, recent: readonly number[], n: number): boolean {
  if (recent.length < n) return false;
  let up = 0;
  for (let i = recent.length - n; i < recent.length; i++) {
    const x = recent[i]!;
    if (!significantRttChange(written, x)) return false;
    if (x > written) up++;
  }
  return up === 0 || up === n;
}

/**
 * A Connected node's status with a measured RTT, or undefined when there is nothing to write. The
 * session's first RTT is held against the stored one too: after a server restart every agent is
 * back at once, each measured on a busy server, and that wrote an RTT for every node (issue 15).
 */
export function withRtt(status: NodeStatusObj, rttMs: number): NodeStatusObj | undefined {
  if (status.state !== 'Connected') return undefined;
  const stored = typeof status.rttMs === 'number' ? status.rttMs : undefined;
  return stored !== undefined && !significantRttChange(stored, rttMs) ? undefined : { ...status, rttMs };
}

/** The median of a few numbers (of an even count, the upper of the middle two), without copying or sorting them. */
export function median(xs: readonly number[]): number {
  const want = Math.floor(xs.length / 2);
  for (const x of xs) {
    let below = 0;
    let equal = 0;
    for (const y of xs) {
      if (y < x) below++;
      else if (y === x) equal++;
    }
    if (below <= want && want < below + equal) return x;
  }
  return Number.NaN;
}

/** The session is up: the Node says Connected (with the host's facts), and an Event says so. */
function recordConnected(deps: SessionStatusDeps, entry: SessionEntry, hello: { info?: NodeInfo; agentVersion?: string }, log: TunnelLogger): void {
  const { cluster, node } = entry;
  if (!deps.sessions.isCurrent(entry)) return; // revoked during the handshake; close follows
  entry.connectedAt = deps.now();
  deps.sessions.noteConnected(cluster, node, entry.connectedAt);
  const from = entry.remoteAddress === undefined ? '' : ` from ${entry.remoteAddress}`;
  const reason = `agent${hello.agentVersion === undefined ? '' : ` ${hello.agentVersion}`} connected${from}`;
  let wasConnected = false;
  void deps.status
    .write(cluster, node, (status) => {
      wasConnected = status.state === 'Connected';
      const next = withState({ ...status, ...(hello.info === undefined ? {} : hostStatus(hello.info)) }, 'Connected', reason, deps.now());
      if (hello.agentVersion !== undefined) next.agentVersion = hello.agentVersion;
      // Back after a server restart (still Connected in the store): the RTT stays until the
      // heartbeat measures a different one, so an unchanged node costs no write (issue 15).
      if (status.state !== 'Connected') delete next.rttMs;
      return next;
    })
    .then(() => {
      // An Event for a change the Node shows: back within the orphan grace after a server
      // restart, it never showed Disconnected, so it gets no Connected Event either (one per node
      // was 10,000 Event writes in a reconnect storm, issue 15). The log has every connect.
      if (!wasConnected) void deps.events.record({ cluster, involvedObject: { kind: 'Node', name: node }, reason: 'Connected', message: reason, type: 'Normal' });
    });
  log.info({ remoteAddress: entry.remoteAddress, agentVersion: hello.agentVersion }, 'agent connected');
}

/** Wires a started server Session to its Node's status and Events; `log` is the session's logger. */
export function watchSession(deps: SessionStatusDeps, entry: SessionEntry, session: Session, hello: { info?: NodeInfo; agentVersion?: string }, log: TunnelLogger): void {
  const { cluster, node } = entry;

  // Bound, not a closure: the hello (the host's facts) is dropped once Connected is recorded,
  // where a closure would keep it in the context the session's other listeners share.
  session.ready().then(recordConnected.bind(null, deps, entry, hello, log), () => undefined /* the close handler reports it */);

  let lastRttWrite = -Infinity;
  let writtenRtt: number | undefined;
  const recent: number[] = [];
  session.on('rtt', (measured) => {
    // Read while the server's loop ran behind (a storm): that is our backlog, not the network.
    // A first RTT asks again for a sample on a calm tick rather than at the heartbeat's pace.
    if (!deps.rttProber.calm()) {
      if (writtenRtt === undefined) deps.rttProber.request(session);
      return;
    }
    // The median of the last few pings: one slow answer (a busy host) is not a change.
    recent.push(measured);
    if (recent.length > RTT_SAMPLES) recent.shift();
    const ms = median(recent);
    const t = Date.now();
    if (t - lastRttWrite < deps.rttWriteIntervalMs) return;
    // Only a significant change is written: 19,500 idle nodes rewriting a jittering RTT every
    // interval were 650 store writes/s (issue 15).
    // The first too waits for a median of three: one ping answered late (a GC pause, a busy
    // loop) moved the median of two and wrote, and its recovery wrote again; after a reconnect
    // storm every node's first RTT was measured on a busy server, written, then corrected
    // (two writes per node, the second a minute into the quiet that followed).
    // After that a change is written once it held for the last three pings: with the server
    // measuring every exchange, a median still let intermittent slow answers through (a load
    // generator's GC pauses, 60 Node writes/s at idle with 19,500 agents).
    if (recent.length < MIN_CHANGE_SAMPLES) {
      // A first RTT: the next samples now, not at the heartbeat's pace (rtt-prober.ts).
      if (writtenRtt === undefined) deps.rttProber.request(session);
      return;
    }
    if (writtenRtt !== undefined && !changeHeld(writtenRtt, recent, MIN_CHANGE_SAMPLES)) return;
    lastRttWrite = t;
    const rttMs = Math.round(ms * 100) / 100;
    writtenRtt = rttMs;
    void deps.status.write(cluster, node, (status) => (deps.sessions.isCurrent(entry) ? withRtt(status, rttMs) : undefined));
  });

  // The event, not `session.closed`: that promise is made only when asked for (~0.3 KB per session).
  session.on('close', (err) => {
    deps.sessions.release(entry);
    const reason = entry.connectedAt === undefined ? `tunnel handshake failed: ${err?.message ?? entry.closeReason ?? 'closed'}` : describeClose(err, entry.closeReason);
    log.info({ reason, code: isTunnelError(err) ? err.code : undefined }, entry.connectedAt === undefined ? 'agent tunnel handshake failed' : 'agent disconnected');
    if (entry.revoked === true) return;
    void deps.status.write(cluster, node, (status) => {
      // A newer session is up (its Connected was or will be written after this).
      if (deps.sessions.session(cluster, node) !== undefined) return undefined;
      if (entry.connectedAt === undefined && status.state !== 'Connected') return undefined;
      const next = withState(status, 'Disconnected', reason, deps.now());
      delete next.rttMs;
      return next;
    });
    if (entry.connectedAt !== undefined) {
      void deps.events.record({ cluster, involvedObject: { kind: 'Node', name: node }, reason: 'Disconnected', message: reason, type: err === undefined ? 'Normal' : 'Warning' });
    }
  });
}

/**
 * At start no session exists: Nodes the store still shows Connected (the server stopped without
 * writing it, e.g. it crashed) become Disconnected until their agents reconnect.
 */
export async function markOrphansDisconnected(store: Store, deps: Pick<SessionStatusDeps, 'sessions' | 'status' | 'now'>): Promise<number> {
  let n = 0;
  for (const item of await nodes.client(store).list()) {
    const state = item.status?.state;
    const ns = item.metadata.namespace ?? '';
    if (state !== 'Connected' || deps.sessions.entry(ns, item.metadata.name) !== undefined) continue;
    n += 1;
    void deps.status.write(ns, item.metadata.name, (status) =>
      status.state === 'Connected' && deps.sessions.entry(ns, item.metadata.name) === undefined
        ? (({ rttMs: _rtt, ...rest }) => withState(rest, 'Disconnected', 'the server restarted; waiting for the agent to reconnect', deps.now()))(status)
        : undefined,
    );
  }
  await deps.status.flush();
  return n;
}

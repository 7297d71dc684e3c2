import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { StoredObject } from '@drover/store';
import type { Session } from '@drover/tunnel';
import type { EventRecorder } from './events.ts';
import type { NodeStatusObj, NodeStatusWriter } from './node-status.ts';
import { watchSession } from './session-status.ts';
import type { AgentSessions, SessionEntry } from './sessions.ts';

/** Always calm, and counts the quick pings asked for. */
function stubProber(): { calm: () => boolean; request: () => void; requests: number; busy: boolean } {
  const p = {
    requests: 0,
    busy: false,
    calm: () => !p.busy,
    request: () => void p.requests++,
  };
  return p;
}

/** watchSession against a stand-in session: what each heartbeat RTT makes it write. */
function harness(stored: NodeStatusObj, prober = stubProber()) {
  const session = Object.assign(new EventEmitter(), { ready: () => new Promise<void>(() => undefined), closed: new Promise<Error | undefined>(() => undefined) });
  const written: (number | undefined)[] = [];
  const status: NodeStatusWriter = {
    write: (_cluster, _node, mutate) => {
      const next = mutate(stored, {} as StoredObject);
      if (next !== undefined) {
        written.push(next.rttMs as number | undefined);
        stored = next;
      }
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
  };
  const entry = { cluster: 'c', node: 'n', seq: 1 } as SessionEntry;
  const sessions = { isCurrent: () => true } as unknown as AgentSessions;
  const log = { info: () => undefined } as unknown as FastifyBaseLogger;
  watchSession({ sessions, status, events: {} as EventRecorder, now: () => new Date(), rttWriteIntervalMs: 0, rttProber: prober }, entry, session as unknown as Session, {}, log);
  return { rtt: (ms: number) => session.emit('rtt', ms), written, prober };
}

describe('heartbeat RTT on the Node', () => {
  it('is first written from a median of three pings, so one slow answer (a busy server) is never written', () => {
    const h = harness({ state: 'Connected' });
    h.rtt(250); // measured during a reconnect storm
    h.rtt(2);
    expect(h.written).toEqual([]);
    h.rtt(3);
    expect(h.written).toEqual([3]);
  });

  it('then changes only when each of the last three pings shows the same significant change', () => {
    const h = harness({ state: 'Connected' });
    for (const ms of [2, 2, 2]) h.rtt(ms);
    expect(h.written).toEqual([2]);
    h.rtt(400); // one late pong
    h.rtt(3);
    h.rtt(2);
    expect(h.written).toEqual([2]);
    for (const ms of [60, 61, 62]) h.rtt(ms);
    expect(h.written).toEqual([2, 60]);
    // Slow answers now and then (a busy host's pauses) are not a change, even when they are
    // the median of the last five.
    for (const ms of [61, 61, 61, 5, 200, 250, 4, 300]) h.rtt(ms);
    expect(h.written).toEqual([2, 60]);
    for (const ms of [3, 2.5, 2]) h.rtt(ms);
    expect(h.written).toEqual([2, 60, 3]);
  });

  it('asks for the first RTT\'s next samples at once, and no more once it is written', () => {
    const h = harness({ state: 'Connected' });
    h.rtt(2);
    expect(h.prober.requests).toBe(1);
    h.rtt(3);
    expect(h.prober.requests).toBe(2);
    h.rtt(2.5);
    expect(h.written).toEqual([2.5]);
    h.rtt(2);
    expect(h.prober.requests).toBe(2);
  });

  it('takes no sample while the server\'s loop runs behind (a storm): that is its backlog, not the network', () => {
    const h = harness({ state: 'Connected' });
    h.prober.busy = true;
    for (const ms of [300, 250, 400]) h.rtt(ms);
    expect(h.written).toEqual([]);
    // Each asked for another sample on a calm tick.
    expect(h.prober.requests).toBe(3);
    h.prober.busy = false;
    for (const ms of [2, 3, 2]) h.rtt(ms);
    expect(h.written).toEqual([2]);
    expect(h.prober.requests).toBe(5);
    // Nor does a busy spell count toward a change.
    h.prober.busy = true;
    for (const ms of [90, 95, 99]) h.rtt(ms);
    expect(h.written).toEqual([2]);
  });

  it('after a server restart, is not rewritten when the stored one still holds', () => {
    const h = harness({ state: 'Connected', rttMs: 2.5 });
    for (const ms of [40, 3, 2]) h.rtt(ms);
    expect(h.written).toEqual([]);
  });
});

describe('the Connected Event', () => {
  async function connect(stored: NodeStatusObj): Promise<{ events: string[]; status: NodeStatusObj }> {
    const session = Object.assign(new EventEmitter(), { ready: () => Promise.resolve(), closed: new Promise<Error | undefined>(() => undefined) });
    const events: string[] = [];
    let current = stored;
    const status: NodeStatusWriter = {
      write: (_cluster, _node, mutate) => {
        current = mutate(current, {} as StoredObject) ?? current;
        return Promise.resolve();
      },
      flush: () => Promise.resolve(),
    };
    const sessions = { isCurrent: () => true, noteConnected: () => undefined } as unknown as AgentSessions;
    const recorder = { record: (e: { reason: string }) => (events.push(e.reason), Promise.resolve()) } as unknown as EventRecorder;
    const log = { info: () => undefined } as unknown as FastifyBaseLogger;
    watchSession({ sessions, status, events: recorder, now: () => new Date(), rttWriteIntervalMs: 0, rttProber: stubProber() }, { cluster: 'c', node: 'n', seq: 1 }, session as unknown as Session, { agentVersion: '1.0' }, log);
    await new Promise((r) => setImmediate(r));
    return { events, status: current };
  }

  it('is recorded when the Node was not shown Connected (a first connect, a reconnect after a drop)', async () => {
    expect((await connect({ state: 'Registering' })).events).toEqual(['Connected']);
    const back = await connect({ state: 'Disconnected' });
    expect(back.events).toEqual(['Connected']);
    expect(back.status.state).toBe('Connected');
  });

  it('is not recorded when the Node still shows Connected (its agent back within the grace after a server restart)', async () => {
    const back = await connect({ state: 'Connected', rttMs: 2 });
    expect(back.events).toEqual([]);
    expect(back.status).toMatchObject({ state: 'Connected', rttMs: 2, agentVersion: '1.0' });
  });
});

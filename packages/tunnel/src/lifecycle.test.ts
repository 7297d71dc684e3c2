import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket, WebSocketServer } from 'ws';
import { tcpTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { encodeControl, FrameType } from './frame.ts';
import { Session } from './session.ts';
import { WebSocketTransport, createMemoryTransportPair } from './transport.ts';
import { capturingDialer, echoDialer, memorySessions, readAll } from './test-support/helpers.ts';
import { rawPeer } from './test-support/raw-peer.ts';

/** Tracks timeouts created while `fn` runs; returns those still pending afterwards. */
async function pendingTimeoutsAfter(fn: () => Promise<void>): Promise<number> {
  const pending = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  globalThis.setTimeout = ((cb: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = realSet((...a: unknown[]) => {
      pending.delete(handle);
      cb(...a);
    }, ms, ...args);
    pending.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((h: NodeJS.Timeout | undefined) => {
    pending.delete(h);
    realClear(h);
  }) as typeof clearTimeout;
  try {
    await fn();
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
  return pending.size;
}

describe('session lifecycle', () => {
  it('1,000 open/close cycles leave zero streams, timers and listeners', async () => {
    const { client, server } = await memorySessions({ dialPolicy: () => true, dialer: echoDialer });
    const listenersBefore = [server.eventNames().length, client.eventNames().length];
    const leakedTimers = await pendingTimeoutsAfter(async () => {
      for (let i = 0; i < 1000; i++) {
        const stream = await server.openStream(tcpTarget('h', 1));
        stream.end(`cycle ${i}`);
        expect((await readAll(stream)).toString()).toBe(`cycle ${i}`);
      }
      await new Promise((r) => setImmediate(r));
    });
    expect(leakedTimers).toBe(0);
    expect(server.openStreams).toBe(0);
    expect(client.openStreams).toBe(0);
    expect(server.pendingOpens).toBe(0);
    expect(server.committedBytes).toBe(0);
    expect(client.committedBytes).toBe(0);
    expect([server.eventNames().length, client.eventNames().length]).toEqual(listenersBefore);
    await server.close();
    await client.closed;
    await new Promise((r) => setImmediate(r));
    expect(server.eventNames()).toEqual([]);
    expect(client.eventNames()).toEqual([]);
  });

  it('a peer that dies silently mid-transfer fails every stream with PEER_TIMEOUT within the liveness timeout', async () => {
    const limits = { pingIntervalMs: 40, deadPeerTimeoutMs: 200 };
    const fars: Duplex[] = [];
    const { server, pair } = await memorySessions({ dialPolicy: () => true, dialer: capturingDialer((d) => fars.push(d)), limits }, { limits });
    const streams = await Promise.all([1, 2, 3].map((p) => server.openStream(tcpTarget('h', p))));
    const errors = streams.map((s) => new Promise<Error & { code?: string }>((r) => s.once('error', r)));
    for (const s of streams) s.write(Buffer.alloc(100_000));
    const killedAt = Date.now();
    pair.sever();
    const got = await Promise.all(errors);
    const elapsed = Date.now() - killedAt;
    for (const e of got) expect(e.code).toBe(TunnelErrorCodes.PEER_TIMEOUT);
    expect(elapsed).toBeLessThan(limits.deadPeerTimeoutMs + 2 * limits.pingIntervalMs + 100);
    expect(await server.closed).toMatchObject({ code: TunnelErrorCodes.PEER_TIMEOUT });
  });

  it('a connection that drops fails every stream and pending open with a code at once', async () => {
    const { server, pair } = await memorySessions({ dialPolicy: () => true, dialer: () => new Promise<Duplex>(() => undefined) });
    const pending = server.openStream(tcpTarget('h', 1));
    await new Promise((r) => setTimeout(r, 10));
    pair.kill();
    await expect(pending).rejects.toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
  });

  it("'closed' resolves with the reason whether it is asked for before the close or after, and is the same promise each time", async () => {
    const before = await memorySessions();
    const early = before.server.closed;
    expect(before.server.closed).toBe(early);
    before.server.destroy(new Error('gone'));
    expect((await early)?.message).toBe('gone');

    const after = await memorySessions();
    after.server.destroy(new Error('gone later'));
    const late = after.server.closed;
    expect((await late)?.message).toBe('gone later');
    expect(after.server.closed).toBe(late);

    const clean = await memorySessions();
    await clean.client.close();
    expect(await clean.client.closed).toBeUndefined();
    await Promise.all([before.client.closed, after.client.closed, clean.server.closed]);
  });

  it('GOAWAY: no new streams, open ones finish, then the session closes cleanly', async () => {
    const fars: Duplex[] = [];
    const { client, server } = await memorySessions({ dialPolicy: () => true, dialer: capturingDialer((d) => fars.push(d)) }, { dialPolicy: () => true, dialer: echoDialer });
    const inflight = await server.openStream(tcpTarget('h', 1));
    const goaway = new Promise((r) => client.once('goaway', r));
    const closing = server.close({ graceMs: 5000 });
    await goaway;
    await expect(server.openStream(tcpTarget('h', 2))).rejects.toMatchObject({ code: TunnelErrorCodes.GOING_AWAY });
    await expect(client.openStream(tcpTarget('h', 2))).rejects.toMatchObject({ code: TunnelErrorCodes.GOING_AWAY });
    // The in-flight stream still carries data both ways and ends normally.
    const far = fars[0]!;
    far.pipe(far);
    inflight.end(Buffer.alloc(200_000, 3));
    const echoed = await readAll(inflight);
    expect(echoed.length).toBe(200_000);
    expect(await closing).toBeUndefined();
    expect(server.state).toBe('closed');
    expect(await client.closed).toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
  });

  it('GOAWAY grace expiry resets the streams still open with GOING_AWAY', async () => {
    const { server } = await memorySessions({ dialPolicy: () => true, dialer: capturingDialer(() => undefined) });
    const stuck = await server.openStream(tcpTarget('h', 1));
    const err = new Promise((r) => stuck.once('error', r));
    await server.close({ graceMs: 50 });
    expect(await err).toMatchObject({ code: TunnelErrorCodes.GOING_AWAY });
  });

  it('drops streams the peer has forgotten (SyncStreams)', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server', dialPolicy: () => true, dialer: echoDialer }).start();
    const peer = rawPeer(pair.b);
    peer.hello();
    await session.ready();
    const opening = session.openStream(tcpTarget('h', 1));
    const open = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open);
    peer.send(encodeControl(open.id, { openOk: { initialWindow: 1000 } }));
    const kept = await opening;
    const opening2 = session.openStream(tcpTarget('h', 2));
    const open2 = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open && f.id !== open.id);
    peer.send(encodeControl(open2.id, { openOk: { initialWindow: 1000 } }));
    const forgotten = await opening2;
    const err = new Promise((r) => forgotten.once('error', r));
    // The peer lists only the first stream, having seen both of ours.
    peer.send(encodeControl(0, { syncStreams: { streamIds: [open.id], highestPeerId: open2.id } }));
    expect(await err).toMatchObject({ code: TunnelErrorCodes.STREAM_RESET });
    expect(kept.destroyed).toBe(false);
    expect(session.openStreams).toBe(1);
    // A stream the peer has not seen yet (id above highestPeerId) is never dropped.
    const opening3 = session.openStream(tcpTarget('h', 3));
    const open3 = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open && f.id > open2.id);
    peer.send(encodeControl(0, { syncStreams: { streamIds: [open.id], highestPeerId: open2.id } }));
    peer.send(encodeControl(open3.id, { openOk: { initialWindow: 1000 } }));
    const third = await opening3;
    expect(third.destroyed).toBe(false);
    kept.on('error', () => undefined);
    third.on('error', () => undefined);
    session.destroy();
  });

  it('sends a SyncStreams only in an interval in which a stream ended', async () => {
    const pair = createMemoryTransportPair();
    const syncIntervalMs = 64;
    const session = new Session(pair.a, { role: 'server', dialPolicy: () => true, dialer: echoDialer, limits: { syncIntervalMs } }).start();
    const peer = rawPeer(pair.b);
    peer.hello();
    await session.ready();
    const syncs = (): { streamIds?: number[] | null; highestPeerId?: number | null }[] =>
      peer.frames.filter((f) => f.type === FrameType.CONTROL && !!f.control.syncStreams).map((f) => (f as { control: { syncStreams: { streamIds?: number[] | null; highestPeerId?: number | null } } }).control.syncStreams);
    // New streams, ours and the peer's, owe no sync: the peer knows them from the Open and OpenOk.
    const opening = session.openStream(tcpTarget('h', 1));
    const open = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open);
    peer.send(encodeControl(open.id, { openOk: { initialWindow: 1000 } }));
    const stream = await opening;
    stream.on('error', () => undefined);
    peer.send(encodeControl(1, { open: { target: { tcp: { host: 'h', port: 2 } }, initialWindow: 1000 } }));
    await peer.waitFor((f) => f.type === FrameType.CONTROL && f.id === 1 && !!f.control.openOk, 2000);
    await sleep(syncIntervalMs * 4);
    expect(syncs()).toHaveLength(0);
    // One ends: the next interval lists what is left and the highest id the peer opened, once.
    stream.destroy();
    await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.syncStreams, 2000);
    await sleep(syncIntervalMs * 4);
    expect(syncs()).toEqual([{ streamIds: [1], highestPeerId: 1 }]);
    session.destroy();
  });
});

describe('a Hello that arrives before start()', () => {
  // WebSocketTransport holds frames that arrive before attach() and hands them over inside it.
  // connectTunnel creates the Session a microtask after the WebSocket opened, so on a busy
  // machine the server's Hello is often already held: the session must still count as handshaken.
  it('keeps the session open past the handshake timeout', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const servers: Session[] = [];
    wss.on('connection', (ws) => servers.push(new Session(new WebSocketTransport(ws), { role: 'server' }).start()));
    const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    // The transport is made in the 'open' tick, as connectWebSocket does (the Hello may come in the same read).
    const { transport, hello } = await new Promise<{ transport: WebSocketTransport; hello: Promise<unknown> }>((resolve) =>
      ws.once('open', () => resolve({ transport: new WebSocketTransport(ws), hello: once(ws, 'message') })),
    );
    await hello; // the server's Hello, now held by the transport
    const client = new Session(transport, { role: 'client', limits: { handshakeTimeoutMs: 200 } }).start();
    try {
      await client.ready();
      await sleep(400); // twice the handshake timeout
      expect(client.state).toBe('open');
    } finally {
      client.destroy();
      for (const s of servers) s.destroy();
      wss.close();
    }
  });
});

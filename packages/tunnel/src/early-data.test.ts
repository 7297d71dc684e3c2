import { describe, expect, it } from 'vitest';

import type { Duplex } from 'node:stream';
import { tcpTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { decodeFrame, encodeControl, FrameType } from './frame.ts';
import { EARLY_DATA_BYTES } from './handshake.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair, type Transport } from './transport.ts';
import { capturingDialer, echoDialer, memorySessions, nextError, readAll } from './test-support/helpers.ts';
import { rawPeer } from './test-support/raw-peer.ts';

const allowAll = () => true;

/** Records the type of every frame `t` sends (DATA, WINDOW, or the control message's name). */
function recordSends(t: Transport): string[] {
  const seen: string[] = [];
  const orig = t.send.bind(t);
  t.send = (frame, cb) => {
    const f = decodeFrame(frame, 1 << 24);
    seen.push(f.type === FrameType.DATA ? 'data' : f.type === FrameType.WINDOW ? 'window' : String(f.control.body));
    orig(frame, cb);
  };
  return seen;
}

describe('early data (the "early-data" capability)', () => {
  it('sends the first bytes and FIN right behind the Open, before OpenOk, and they reach the target', async () => {
    const pair = createMemoryTransportPair();
    const sent = recordSends(pair.b);
    const client = new Session(pair.a, { role: 'client', dialPolicy: allowAll, dialer: echoDialer }).start();
    const server = new Session(pair.b, { role: 'server' }).start();
    await server.ready();
    const stream = await server.openStream(tcpTarget('127.0.0.1', 1), { early: true });
    stream.on('error', () => undefined);
    expect(stream.state).toBe('opening');
    stream.end('GET / HTTP/1.1\r\n\r\n');
    expect((await readAll(stream)).toString()).toBe('GET / HTTP/1.1\r\n\r\n');
    expect(sent.slice(sent.indexOf('open'), sent.indexOf('open') + 3)).toEqual(['open', 'data', 'fin']);
    expect(stream.state).toBe('open');
    client.destroy();
    server.destroy();
  });

  it('holds writes beyond the implicit credit until OpenOk grants the rest of the window', async () => {
    const fars: Duplex[] = [];
    let release!: () => void;
    const dialled = new Promise<void>((r) => (release = r));
    const dialer = capturingDialer((far) => fars.push(far));
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: async (t, o) => (await dialled, dialer(t, o)) });
    const stream = await server.openStream(tcpTarget('h', 1), { early: true });
    stream.on('error', () => undefined);
    const payload = Buffer.alloc(EARLY_DATA_BYTES + 100_000, 3);
    stream.end(payload);
    await new Promise((r) => setTimeout(r, 20));
    expect(stream.state).toBe('opening');
    expect(stream.sendCredit).toBe(0); // the implicit credit is spent; the rest waits for OpenOk
    release();
    const got = await readAll(await waitFor(() => fars[0]));
    expect(got.equals(payload)).toBe(true);
    client.destroy();
    server.destroy();
  });

  it('a refused early open destroys the stream with the code openStream would have rejected with', async () => {
    const { client, server } = await memorySessions({ dialPolicy: () => false });
    const stream = await server.openStream(tcpTarget('127.0.0.1', 22), { early: true });
    stream.write('early bytes the peer discards');
    expect(await nextError(stream)).toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    await new Promise((r) => setImmediate(r));
    expect(server.openStreams).toBe(0);
    expect(client.openStreams).toBe(0);
    expect(server.state).toBe('open');
    client.destroy();
  });

  it('towards a peer without the capability, early changes nothing: the promise waits for OpenOk and no DATA precedes it', async () => {
    const pair = createMemoryTransportPair();
    const peer = rawPeer(pair.a); // lists sync-streams and goaway only
    const server = new Session(pair.b, { role: 'server' }).start();
    peer.hello();
    await server.ready();
    let settled = false;
    const opening = server.openStream(tcpTarget('h', 1), { early: true }).then((s) => ((settled = true), s));
    const open = await peer.waitFor((f) => f.type === FrameType.CONTROL && f.control.open !== undefined && f.control.open !== null);
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    peer.send(encodeControl(open.id, { openOk: { initialWindow: 1000 } }));
    const stream = await opening;
    stream.on('error', () => undefined);
    expect(stream.sendCredit).toBe(1000); // no implicit credit without the capability
    stream.write('x');
    await peer.waitFor((f) => f.type === FrameType.DATA);
    server.destroy();
  });

  it('the accepting side grants the window less the implicit credit, so the opener may send exactly the window', async () => {
    const pair = createMemoryTransportPair();
    const sentByClient: { okWindow?: number } = {};
    const orig = pair.a.send.bind(pair.a);
    pair.a.send = (frame, cb) => {
      const f = decodeFrame(frame, 1 << 24);
      if (f.type === FrameType.CONTROL && f.control.openOk) sentByClient.okWindow = f.control.openOk.initialWindow ?? 0;
      orig(frame, cb);
    };
    const client = new Session(pair.a, { role: 'client', dialPolicy: allowAll, dialer: echoDialer }).start();
    const server = new Session(pair.b, { role: 'server' }).start();
    await server.ready();
    const stream = await server.openStream(tcpTarget('h', 1));
    expect(sentByClient.okWindow).toBe(client.limits.initialWindowBytes - EARLY_DATA_BYTES);
    expect(stream.sendCredit).toBe(client.limits.initialWindowBytes);
    stream.destroy();
    client.destroy();
    server.destroy();
  });
});

async function waitFor<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

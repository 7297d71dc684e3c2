import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { allowTargets, tcpTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { createTunnelMetrics } from './metrics.ts';
import { capturingDialer, echoDialer, memorySessions, nextError, readAll } from './test-support/helpers.ts';
import { finished } from 'node:stream/promises';
import type { Duplex } from 'node:stream';

const allowAll = () => true;

describe('Session over an in-memory transport', () => {
  it('opens a stream, echoes bytes both ways and half-closes', async () => {
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: echoDialer });
    const stream = await server.openStream(tcpTarget('127.0.0.1', 1));
    const payload = Buffer.alloc(300_000, 7);
    stream.end(payload);
    const echoed = await readAll(stream);
    expect(echoed.equals(payload)).toBe(true);
    await finished(stream).catch(() => undefined);
    await new Promise((r) => setImmediate(r));
    expect(server.openStreams).toBe(0);
    expect(client.openStreams).toBe(0);
    await client.close();
    expect(await server.closed).toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
  });

  it('either side may open streams and ids never collide', async () => {
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: echoDialer }, { dialPolicy: allowAll, dialer: echoDialer });
    const fromServer = await Promise.all([1, 2, 3].map(() => server.openStream(tcpTarget('h', 1))));
    const fromClient = await Promise.all([1, 2, 3].map(() => client.openStream(tcpTarget('h', 1))));
    for (const s of [...fromServer, ...fromClient]) s.on('error', () => undefined);
    expect(fromServer.map((s) => s.id)).toEqual([2, 4, 6]);
    expect(fromClient.map((s) => s.id)).toEqual([1, 3, 5]);
    client.destroy();
    server.destroy();
  });

  it('refuses a target the dial policy denies, and the session goes on', async () => {
    const { client, server } = await memorySessions({ dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [6443] }]), dialer: echoDialer });
    await expect(server.openStream(tcpTarget('127.0.0.1', 22))).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    await expect(server.openStream({ kind: 'unix', path: '/var/run/docker.sock' })).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    const ok = await server.openStream(tcpTarget('127.0.0.1', 6443));
    ok.end('x');
    expect((await readAll(ok)).toString()).toBe('x');
    expect(server.state).toBe('open');
    await client.close();
  });

  it('denies everything by default', async () => {
    const { client, server } = await memorySessions();
    await expect(server.openStream(tcpTarget('127.0.0.1', 6443))).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_REFUSED });
    client.destroy();
  });

  it('reports a failed dial with DIAL_FAILED', async () => {
    const { client, server } = await memorySessions({ dialPolicy: allowAll });
    // Port 1 on loopback: nothing listens there.
    await expect(server.openStream(tcpTarget('127.0.0.1', 1))).rejects.toMatchObject({ code: TunnelErrorCodes.DIAL_FAILED });
    client.destroy();
  });

  it('times out and cancels an open; the peer drops its dial', async () => {
    let dialSignal: AbortSignal | undefined;
    const { client, server } = await memorySessions({
      dialPolicy: allowAll,
      dialer: (_t, { signal }) => {
        dialSignal = signal;
        return new Promise<Duplex>(() => undefined);
      },
    });
    await expect(server.openStream(tcpTarget('h', 1), { timeoutMs: 50 })).rejects.toMatchObject({ code: TunnelErrorCodes.OPEN_TIMEOUT });
    await new Promise((r) => setTimeout(r, 20));
    expect(dialSignal?.aborted).toBe(true);
    expect(client.openStreams).toBe(0);
    const ac = new AbortController();
    const p = server.openStream(tcpTarget('h', 1), { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await expect(p).rejects.toMatchObject({ code: TunnelErrorCodes.CANCELLED });
    expect(server.openStreams).toBe(0);
    expect(server.pendingOpens).toBe(0);
    client.destroy();
  });

  it('resets one stream with a code while others go on', async () => {
    const fars: Duplex[] = [];
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: capturingDialer((d) => fars.push(d)) });
    const a = await server.openStream(tcpTarget('h', 1));
    const b = await server.openStream(tcpTarget('h', 2));
    const errP = nextError(a);
    fars[0]!.on('error', () => undefined);
    fars[0]!.destroy(new Error('boom'));
    expect(await errP).toMatchObject({ code: TunnelErrorCodes.IO });
    b.write('still');
    const got = await new Promise<Buffer>((r) => fars[1]!.once('data', r));
    expect(got.toString()).toBe('still');
    b.on('error', () => undefined);
    client.destroy();
  });

  it('destroy() fails every stream and pending open with SESSION_CLOSED and leaves nothing behind', async () => {
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: echoDialer });
    const s = await server.openStream(tcpTarget('h', 1));
    const errP = nextError(s);
    server.destroy();
    expect(await errP).toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
    expect(await client.closed).toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
    expect(server.openStreams).toBe(0);
    expect(server.listenerCount('close')).toBe(0);
    await expect(server.openStream(tcpTarget('h', 1))).rejects.toMatchObject({ code: TunnelErrorCodes.SESSION_CLOSED });
  });

  it('measures RTT and exports metrics to the injected registry', async () => {
    const registry = new Registry();
    const metrics = createTunnelMetrics(registry);
    const { client, server } = await memorySessions({ dialPolicy: allowAll, dialer: echoDialer }, { metrics });
    const rtt = new Promise<number>((r) => server.once('rtt', r));
    server.ping();
    expect(await rtt).toBeGreaterThan(0);
    const s = await server.openStream(tcpTarget('h', 1));
    s.write(Buffer.alloc(1000));
    await new Promise((r) => s.once('data', r));
    const text = await registry.metrics();
    expect(text).toMatch(/drover_tunnel_sessions 1/);
    expect(text).toMatch(/drover_tunnel_streams_open 1/);
    expect(text).toMatch(/drover_tunnel_heartbeat_rtt_seconds_count 1/);
    expect(text).toMatch(/drover_tunnel_open_duration_seconds_count\{outcome="ok"\} 1/);
    expect(text).toMatch(/drover_tunnel_bytes_total\{direction="out"\} [1-9]/);
    s.on('error', () => undefined);
    client.destroy();
    await server.closed;
    expect(await registry.getSingleMetricAsString('drover_tunnel_sessions')).toMatch(/drover_tunnel_sessions 0/);
  });
});

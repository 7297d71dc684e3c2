import { describe, expect, it } from 'vitest';
import { TUNNEL_PROTOCOL_VERSION } from '@drover/protocol';
import { TunnelErrorCodes } from './errors.ts';
import { encodeControl, FrameType } from './frame.ts';
import { CAPABILITIES, negotiate } from './handshake.ts';
import { resolveLimits } from './limits.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair } from './transport.ts';
import { rawPeer } from './test-support/raw-peer.ts';

const own = resolveLimits({ pingIntervalMs: 10_000, deadPeerTimeoutMs: 30_000 });
const hello = (pingIntervalMs?: number, deadPeerTimeoutMs?: number) => ({ version: TUNNEL_PROTOCOL_VERSION, minVersion: 1, capabilities: CAPABILITIES, limits: { maxFrameBytes: 65536, maxStreams: 100, pingIntervalMs, deadPeerTimeoutMs } });
const terms = (h: ReturnType<typeof hello>, role: 'client' | 'server') => {
  const peer = negotiate(h, own, role);
  if ('refusal' in peer) throw new Error(peer.refusal);
  return [peer.pingIntervalMs, peer.deadPeerTimeoutMs];
};

describe('the heartbeat agreed in the Hello (docs/adr/0025)', () => {
  it('a client takes the server’s interval and timeout where they are longer; a server keeps its own', () => {
    expect(terms(hello(15_000, 45_000), 'client')).toEqual([15_000, 45_000]);
    expect(terms(hello(5_000, 60_000), 'client')).toEqual([10_000, 60_000]);
    expect(terms(hello(5_000, 15_000), 'client')).toEqual([10_000, 30_000]);
    expect(terms(hello(15_000, 45_000), 'server')).toEqual([10_000, 30_000]);
  });

  it('a client whose server announced its heartbeat follows it; otherwise (an older server, or a server) it takes turns', () => {
    const follows = (h: ReturnType<typeof hello>, role: 'client' | 'server') => {
      const peer = negotiate(h, own, role);
      return 'refusal' in peer ? undefined : peer.followsHeartbeat;
    };
    expect(follows(hello(15_000, 45_000), 'client')).toBe(true);
    expect(follows(hello(500, 2_000), 'client')).toBe(true); // a faster server pings first anyway
    expect(follows(hello(), 'client')).toBe(false);
    expect(follows(hello(15_000, 45_000), 'server')).toBe(false);
  });

  it('ignores an older peer’s Hello without them, and values that are not a sane pair', () => {
    expect(terms(hello(), 'client')).toEqual([10_000, 30_000]);
    expect(terms(hello(20_000), 'client')).toEqual([10_000, 30_000]);
    expect(terms(hello(60_000, 60_000), 'client')).toEqual([10_000, 30_000]); // timeout not above the interval
    expect(terms(hello(60_000, 600_001), 'client')).toEqual([10_000, 30_000]); // over 10 minutes
    expect(terms(hello(0, 45_000), 'client')).toEqual([10_000, 30_000]);
  });

  it('sends its own in its Hello', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server', limits: { pingIntervalMs: 15_000, deadPeerTimeoutMs: 45_000 } }).start();
    const peer = rawPeer(pair.b);
    const sent = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.hello);
    expect(sent.type === FrameType.CONTROL && sent.control.hello?.limits).toMatchObject({ pingIntervalMs: 15_000, deadPeerTimeoutMs: 45_000 });
    session.destroy();
  });

  it('a client lives by the server’s longer dead-peer timeout: silence past its own is not the end', async () => {
    const pair = createMemoryTransportPair();
    const client = new Session(pair.a, { role: 'client', limits: { pingIntervalMs: 50, deadPeerTimeoutMs: 150 } }).start();
    const server = rawPeer(pair.b); // never answers a ping
    server.send(encodeControl(0, { hello: hello(200, 600) }));
    await client.ready();
    expect(client.peer).toMatchObject({ pingIntervalMs: 200, deadPeerTimeoutMs: 600 });
    const t0 = performance.now();
    const err = await client.closed;
    const waited = performance.now() - t0;
    expect(err).toMatchObject({ code: TunnelErrorCodes.PEER_TIMEOUT });
    expect((err as Error).message).toContain('limit 600 ms');
    expect(waited).toBeGreaterThanOrEqual(590);
  });

  it('a server does not let an agent lengthen its own dead-peer timeout', async () => {
    const pair = createMemoryTransportPair();
    const server = new Session(pair.a, { role: 'server', limits: { pingIntervalMs: 50, deadPeerTimeoutMs: 150 } }).start();
    const agent = rawPeer(pair.b);
    agent.send(encodeControl(0, { hello: hello(60_000, 180_000) }));
    await server.ready();
    expect(server.peer).toMatchObject({ pingIntervalMs: 50, deadPeerTimeoutMs: 150 });
    const err = await server.closed;
    expect((err as Error).message).toContain('limit 150 ms');
  });
});

/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are arbitrary JSON walked by assertions */
/**
 * A Node's first heartbeat RTT over a real tunnel (ADR 0026): the server takes the samples after
 * the first one at once (rtt-prober.ts) instead of at the heartbeat's pace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@drover/tunnel';
import { api, clusterWithToken, connectAgent, register, startAgentTestServer, type AgentTestServer } from './test-support.ts';

let s: AgentTestServer;
let session: Session | undefined;

beforeAll(async () => {
  // A 10 s heartbeat, ticks every 7.5 s: the three pings a first RTT needs took 30 s at that pace
  // (each due 10 s after the last, so at the second tick after it).
  s = await startAgentTestServer({ DROVER_TUNNEL_PING_INTERVAL_MS: '10000', DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '30000' });
});
afterAll(async () => {
  session?.destroy();
  await s?.close();
});

describe('first heartbeat RTT over a real tunnel', () => {
  it('is on the Node soon after the first tick, not three heartbeat intervals later', { timeout: 40_000 }, async () => {
    const token = await clusterWithToken(s, 'edge');
    const res = await register(s, token, 'n1', 'ENG-1');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    session = await connectAgent(s, res.body.credential as string, 'ENG-1');
    const connectedAt = performance.now();
    await expect
      .poll(async () => typeof ((await api(s, 'GET', '/namespaces/edge/nodes/n1')).body?.status as { rttMs?: unknown } | undefined)?.rttMs, { timeout: 26_000, interval: 100 })
      .toBe('number');
    // The first ping comes at the session's first tick (within 7.5 s); its two followers on the
    // prober's next calm ticks (later on a loaded machine: a busy loop's samples are not taken).
    expect(performance.now() - connectedAt).toBeLessThan(22_000);
  });
});

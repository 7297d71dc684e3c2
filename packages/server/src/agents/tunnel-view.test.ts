/**
 * GET /v1/clusters/:cluster/nodes/:node/tunnel on a real server with a real agent session: not
 * connected before the agent dials in; then connected with its address, a measured RTT and the
 * stream it carries; 401 without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpTarget } from '@drover/tunnel';
import type { Session } from '@drover/tunnel';
import { clusterWithToken, connectAgent, register, startAgentTestServer, startEcho } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';
import type { TunnelView } from './tunnel-view.ts';

let s: AgentTestServer;
let echo: { port: number; close(): Promise<void> };
let agent: Session | undefined;

beforeAll(async () => {
  s = await startAgentTestServer();
  echo = await startEcho();
});
afterAll(async () => {
  agent?.destroy();
  await echo.close();
  await s.close();
});

const view = async (token?: string): Promise<{ status: number; body: TunnelView }> => {
  const res = await s.app.inject({ url: '/v1/clusters/tv/nodes/n1/tunnel', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() };
};

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('tunnel view', () => {
  it('shows a node connected, from where, its RTT and open streams, from the session registry', async () => {
    const token = await clusterWithToken(s, 'tv');
    // A worker: a control-plane node would also carry the cluster-rbac controller's dials to its apiserver.
    const reg = await register(s, token, 'n1', 'engine-tv', { roles: ['worker'] });
    expect(reg.status).toBe(201);
    expect((await view(s.admin)).body).toEqual({ cluster: 'tv', node: 'n1', connected: false, reconnectsLastHour: 0 });
    agent = await connectAgent(s, (reg.body as { credential: string }).credential, 'engine-tv', [echo.port]);
    const live = await until(() => view(s.admin), (v) => v.body.connected && v.body.rttMs !== undefined);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ connected: true, remoteAddress: '127.0.0.1', openStreams: 0, pendingOpens: 0, reconnectsLastHour: 0 });
    expect(Date.parse(live.body.connectedAt!)).toBeLessThanOrEqual(Date.now());
    expect(live.body.rttMs).toBeGreaterThanOrEqual(0);
    const stream = await s.app.drover.agents.dialNode('tv', 'n1', tcpTarget('127.0.0.1', echo.port), { timeoutMs: 5000 });
    expect((await until(() => view(s.admin), (v) => v.body.openStreams === 1)).body.openStreams).toBe(1);
    // Bytes through the session grow with what the stream carries (the echo answers 100 KB back).
    const before = (await view(s.admin)).body;
    const payload = Buffer.alloc(100_000, 7);
    const echoed = new Promise<void>((resolve) => {
      let got = 0;
      stream.on('data', (d: Buffer) => {
        got += d.length;
        if (got >= payload.length) resolve();
      });
    });
    stream.write(payload);
    await echoed;
    const after = (await until(() => view(s.admin), (v) => (v.body.bytesIn ?? 0) - (before.bytesIn ?? 0) >= payload.length)).body;
    expect(after.bytesIn! - before.bytesIn!).toBeGreaterThanOrEqual(payload.length);
    expect(after.bytesOut! - before.bytesOut!).toBeGreaterThanOrEqual(payload.length);
    stream.destroy();
    expect((await until(() => view(s.admin), (v) => v.body.openStreams === 0)).body.openStreams).toBe(0);

    // The agent goes and comes back twice: two reconnects in the last hour, counted while it is away too.
    for (let i = 1; i <= 2; i += 1) {
      agent?.destroy();
      expect((await until(() => view(s.admin), (v) => !v.body.connected)).body).toMatchObject({ connected: false, reconnectsLastHour: i - 1 });
      agent = await connectAgent(s, (reg.body as { credential: string }).credential, 'engine-tv', [echo.port]);
      expect((await until(() => view(s.admin), (v) => v.body.connected && v.body.reconnectsLastHour === i)).body.reconnectsLastHour).toBe(i);
    }
  });

  it('needs credentials', async () => {
    expect((await view()).status).toBe(401);
  });
});

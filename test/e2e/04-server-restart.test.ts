/* eslint-disable @typescript-eslint/no-unsafe-member-access -- API bodies are arbitrary JSON walked by assertions */
/**
 * End to end behind NAT: the server restarts on the same store and port; every Node is recorded
 * Disconnected with a reason and comes back Connected, nothing in the store is lost, and the
 * tunnel works again. Opt-in and shared as 01-refusals.test.ts says; joins the hosts itself when
 * run alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@drover/server/testing';
import { tcpTarget } from '@drover/tunnel';
import { readAll, until } from './support/process.ts';
import { hostName } from './support/hosts.ts';
import { CLUSTER, ENABLED, HOSTS, SERVICE_PORT, disconnects, e2e, ensureJoined, ensureService, nodes, printTimings, restartServer, suiteTitle, waitState, type E2e } from './support/e2e.ts';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: server restart'), () => {
  let ctx: E2e;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    ctx = await e2e();
    await ensureJoined(ctx, HOSTS);
    await ensureService(2);
  }, 240_000);
  afterAll(() => printTimings('04-server-restart', timings));

  it('server restart: every Node Disconnected with a reason, then Connected; nothing in the store lost', async () => {
    const before = await nodes(ctx);
    const counts = await Promise.all(HOSTS.map((k) => disconnects(ctx, hostName(k))));
    const restartedAt = Date.now();
    await restartServer(ctx);
    for (const [i, k] of HOSTS.entries()) {
      await waitState(ctx, hostName(k), 'Connected', 90_000);
      timings[`host${k} server restart -> Connected`] = Date.now() - restartedAt;
      await until(`host${k} Disconnected recorded`, 10_000, async () => ((await disconnects(ctx, hostName(k))) > counts[i]! ? true : undefined), 200);
    }
    const after = await nodes(ctx);
    expect(after.map((n) => n.metadata.uid).sort()).toEqual(before.map((n) => n.metadata.uid).sort());
    const tokens = (await api(ctx.s, 'GET', `/namespaces/${CLUSTER}/registrationtokens`)).body.items as { metadata: { name: string } }[];
    expect(tokens.map((r) => r.metadata.name).sort()).toEqual(['expiring', 'join', 'revoked']);
    // The tunnel still works after the restart.
    const stream = await ctx.s.app.drover.agents.dialNode(CLUSTER, hostName(2), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
    expect(await readAll(stream, 'GET / HTTP/1.0\r\n\r\n')).toContain('hello-from-host2');
  }, 180_000);
});

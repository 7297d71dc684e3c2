/**
 * End to end behind NAT: an agent killed, a host cut off at the router, a host's dockerd killed.
 * Each ends Disconnected with a reason, then Connected again. Opt-in and shared as
 * 01-refusals.test.ts says; joins the hosts itself when run alone.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '@drover/server/testing';
import { TESTBED } from './support/global-setup.ts';
import { mustRun, until } from './support/process.ts';
import { agentContainers, docker, env, hostName } from './support/hosts.ts';
import { CLUSTER, ENABLED, HOSTS, disconnects, e2e, ensureJoined, nodeStatus, nodes, printTimings, suiteTitle, waitState, type E2e } from './support/e2e.ts';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: faults'), () => {
  let ctx: E2e;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    ctx = await e2e();
    await ensureJoined(ctx, HOSTS);
  }, 240_000);
  afterAll(() => printTimings('03-faults', timings));

  it('kill -9 of the agent process: the restart policy brings it back; Disconnected, then Connected', async () => {
    const id = (await agentContainers(2))[0]!;
    const pid = (await docker(2, ['inspect', '-f', '{{.State.Pid}}', id])).stdout.trim();
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');
    await until('Disconnected event for host2', 20_000, async () => {
      const ev = await eventsOf(ctx.s, CLUSTER);
      return ev.some((e) => e.involvedObject.name === hostName(2) && /disconnect/i.test(e.reason) && /./.test(e.message)) ? true : undefined;
    });
    await until('host2 agent restarted', 30_000, async () => {
      const n = (await docker(2, ['inspect', '-f', '{{.RestartCount}} {{.State.Running}}', id])).stdout.trim();
      return n !== '0 true' && n.endsWith('true') ? true : undefined;
    });
    await waitState(ctx, hostName(2), 'Connected', 30_000);
    timings['host2 kill -9 -> Connected'] = Date.now() - killedAt;
    expect(await agentContainers(2)).toEqual([id]);
  }, 120_000);

  it('link down at the router: Disconnected with a reason; link up: Connected', async () => {
    const ns = env.TB_ROUTER_NETNS!;
    const link = env.TB_HOST3_LINK!;
    await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', link, 'down']);
    try {
      await waitState(ctx, hostName(3), 'Disconnected', 30_000);
      const st = (await nodeStatus(ctx, hostName(3)))!;
      expect(typeof st.reason).toBe('string');
      expect((st.reason as string).length).toBeGreaterThan(0);
      console.log(`host3 link down: ${st.reason}`);
    } finally {
      await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', link, 'up']);
    }
    const upAt = Date.now();
    await waitState(ctx, hostName(3), 'Connected', 60_000);
    timings['host3 link up -> Connected'] = Date.now() - upAt;
    expect(await nodes(ctx)).toHaveLength(3);
  }, 150_000);

  it("a host's dockerd killed (-9) and restarted: Disconnected with a reason, then Connected; same container", async () => {
    const name = hostName(1);
    const id = (await agentContainers(1))[0]!;
    const before = await disconnects(ctx, name);
    const pid = Number((await readFile(env.TB_HOST1_DOCKERD_PIDFILE!, 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    // The agent keeps running in its shim (its tunnel stays up) until `up` kills what the dead
    // daemon left and restarts it; the restart policy then brings the agent back.
    const restartedAt = Date.now();
    await mustRun(TESTBED, ['up', '3'], { timeoutMs: 300_000 });
    await until(`${name} Disconnected recorded`, 30_000, async () => ((await disconnects(ctx, name)) > before ? true : undefined), 200);
    const reasons = (await eventsOf(ctx.s, CLUSTER)).filter((e) => e.involvedObject.name === name && /^Disconnected$/i.test(e.reason)).map((e) => e.message);
    expect(reasons.every((m) => m.length > 0)).toBe(true);
    await waitState(ctx, name, 'Connected', 60_000);
    timings['host1 dockerd restart -> Connected'] = Date.now() - restartedAt;
    expect(await agentContainers(1)).toEqual([id]);
  }, 360_000);
});

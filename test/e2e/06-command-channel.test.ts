/* eslint-disable @typescript-eslint/no-unsafe-member-access -- API bodies are arbitrary JSON walked by assertions */
/**
 * End to end behind NAT: the command channel (docs/adr/0012). A container labelled
 * drover.dev/managed=true, started by hand on a host's own dockerd, shows in that Node's status
 * (name, image, state) within 10 s, follows its state, and goes when it is removed, all without
 * restarting the agent. Opt-in and shared as 01-refusals.test.ts says; joins host1 itself when
 * run alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './support/process.ts';
import { agentContainers, docker, env, hostName } from './support/hosts.ts';
import { ENABLED, e2e, ensureJoined, nodeStatus, printTimings, suiteTitle, type E2e, type Json } from './support/e2e.ts';

const NAME = 'drover-e2e-managed';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: the command channel'), () => {
  let ctx: E2e;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    ctx = await e2e();
    await ensureJoined(ctx, [1]);
    await docker(1, ['rm', '-f', NAME]);
  }, 240_000);
  afterAll(async () => {
    printTimings('06-command-channel', timings);
    if (ENABLED) await docker(1, ['rm', '-f', NAME]);
  });

  const managed = async (): Promise<Json | undefined> =>
    ((await nodeStatus(ctx, hostName(1)))?.containers as Json[] | undefined)?.find((c) => c.name === NAME);

  it('a container labelled drover.dev/managed=true, started by hand, shows in the Node status within 10 s; its state follows; removal clears it', async () => {
    const image = env.TB_IMAGE_BUSYBOX!;
    const agentsBefore = await agentContainers(1);
    expect(agentsBefore).toHaveLength(1);
    const startedBefore = (await docker(1, ['inspect', '-f', '{{.State.StartedAt}}', agentsBefore[0]!])).stdout.trim();
    expect(await managed()).toBeUndefined();

    const start = Date.now();
    const r = await docker(1, ['run', '-d', '--name', NAME, '--label', 'drover.dev/managed=true', image, 'sleep', '3600']);
    expect(r.code, r.stderr).toBe(0);
    const seen = await until(`${NAME} running in the Node status`, 10_000, async () => {
      const c = await managed();
      return c?.state === 'running' ? c : undefined;
    }, 100);
    timings['docker run -> in Node status'] = Date.now() - start;
    // No spec-hash label and no health check label: health unknown (docs/adr/0021).
    expect(seen).toEqual({ name: NAME, image, state: 'running', health: 'unknown' });
    // The rest of what the agent reported: the host's own engine.
    const st = (await nodeStatus(ctx, hostName(1)))!;
    const engine = (await docker(1, ['info', '-f', '{{.ID}}'])).stdout.trim();
    expect(st.docker.engineId).toBe(engine);
    expect(st.state).toBe('Connected');

    const stopAt = Date.now();
    expect((await docker(1, ['kill', NAME])).code).toBe(0);
    await until(`${NAME} exited in the Node status`, 10_000, async () => ((await managed())?.state === 'exited' ? true : undefined), 100);
    timings['docker kill -> exited in Node status'] = Date.now() - stopAt;

    const rmAt = Date.now();
    expect((await docker(1, ['rm', '-f', NAME])).code).toBe(0);
    await until(`${NAME} gone from the Node status`, 10_000, async () => ((await managed()) === undefined ? true : undefined), 100);
    timings['docker rm -> gone from Node status'] = Date.now() - rmAt;

    // The same agent container all along: no restart was needed.
    expect(await agentContainers(1)).toEqual(agentsBefore);
    expect((await docker(1, ['inspect', '-f', '{{.State.StartedAt}}', agentsBefore[0]!])).stdout.trim()).toBe(startedBefore);
  }, 60_000);
});

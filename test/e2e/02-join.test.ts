/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- node.json and API bodies are arbitrary JSON walked by assertions */
/**
 * End to end behind NAT: hosts join with the node command run verbatim, a name or credential that
 * belongs to another host is refused, the server reaches a service on every host through the
 * tunnel, a copied registration token cannot take over a connected node (its engine ID forged),
 * and re-running the command changes nothing. Opt-in and shared as 01-refusals.test.ts says.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventsOf, https } from '@drover/server/testing';
import { tcpTarget } from '@drover/tunnel';
import { readAll, sleep, until } from './support/process.ts';
import { agentContainers, docker, hostFs, hostName, onHost, refusedRun } from './support/hosts.ts';
import { CLUSTER, ENABLED, HOSTS, SERVICE_PORT, e2e, joinHosts, nodeStatus, nodes, printTimings, startService, suiteTitle, waitState, type E2e, type Json } from './support/e2e.ts';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: joining'), () => {
  let ctx: E2e;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    ctx = await e2e();
  }, 120_000);
  afterAll(() => printTimings('02-join', timings));

  it('host1 and host2 join with the node command run verbatim: Connected', async () => {
    await joinHosts(ctx, [1, 2], timings);
    for (const k of [1, 2]) {
      const st = (await nodeStatus(ctx, hostName(k)))!;
      expect(st.state).toBe('Connected');
      expect(st.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Connected', status: 'True' })]));
      expect(await agentContainers(k)).toHaveLength(1);
    }
  }, 180_000);

  it('refuses a duplicate node name from another host and a node credential copied to another host', async () => {
    const { nodeCommand } = ctx;
    const before = await nodes(ctx);
    expect(before).toHaveLength(2);
    const uids = before.map((n) => n.metadata.uid).sort();
    const dup = await refusedRun(3, `${nodeCommand} --node-name ${hostName(1)}`, /already belongs to/);
    console.log(`duplicate name refused: ${dup.split('\n').find((l) => l.includes('already belongs to'))}`);
    expect(dup).toContain(`node name "${hostName(1)}" in cluster "${CLUSTER}" already belongs to`);
    expect((await nodes(ctx)).map((n) => n.metadata.uid).sort()).toEqual(uids);

    // host1's /etc/drover copied to host3. Copied as is, the agent on host3 ignores it (it is for
    // another engine) and would register host3 with the token; a copy edited to claim host3's engine
    // ID is presented and refused by the server.
    const from = join(hostFs(1), 'etc/drover');
    const to = join(hostFs(3), 'etc/drover');
    const engine3 = (await docker(3, ['info', '-f', '{{.ID}}'])).stdout.trim();
    expect(engine3).not.toBe('');
    try {
      await cp(from, to, { recursive: true });
      const file = join(to, 'node.json');
      const identity = JSON.parse(await readFile(file, 'utf8')) as Json;
      if (typeof identity.engineId === 'string') identity.engineId = engine3;
      else identity.identity.engineId = engine3;
      await writeFile(file, JSON.stringify(identity), { mode: 0o600 });
      const copied = await refusedRun(3, nodeCommand, /copied to another host is refused/);
      console.log(`copied credential refused: ${copied.split('\n').find((l) => l.includes('copied to another host'))}`);
      expect(copied.replaceAll('\\"', '"')).toContain(`the credential of node "${hostName(1)}" belongs to another host`);
      expect(copied).not.toContain(identity.credential ?? identity.identity?.credential);
    } finally {
      // Empty host3's /etc/drover in place: the directory itself is bind-mounted into host3.
      for (const f of await readdir(to)) await rm(join(to, f), { recursive: true, force: true });
    }
    expect((await nodes(ctx)).map((n) => n.metadata.uid).sort()).toEqual(uids);
    expect((await nodeStatus(ctx, hostName(1)))!.state).toBe('Connected');
    const events = await eventsOf(ctx.s, CLUSTER);
    console.log(`events:\n  ${events.map((e) => `${e.reason} ${e.involvedObject.name}: ${e.message}`).join('\n  ')}`);
    expect(events.some((e) => /refused/i.test(e.reason) && e.message.includes('already belongs to'))).toBe(true);
    expect(events.some((e) => /refused/i.test(e.reason) && e.message.includes('copied to another host'))).toBe(true);
  }, 240_000);

  it('a copied registration token with the engine ID of connected host1 forged does not take it over (409); host1 stays Connected', async () => {
    const name = hostName(1);
    const engine1 = (await docker(1, ['info', '-f', '{{.ID}}'])).stdout.trim();
    expect(engine1).not.toBe('');
    const before = (await api(ctx.s, 'GET', `/namespaces/${CLUSTER}/nodes/${name}`)).body;
    expect(before.status.state).toBe('Connected');
    // What an attacker holding a copy of the node command sends: the engine ID is no secret.
    const forged = await https(ctx.s, 'POST', '/v1/agent/register', {
      token: ctx.tokenValue,
      nodeName: name,
      roles: ['worker'],
      docker: { engineId: engine1, version: '28.2.2' },
      hostname: 'attacker',
    });
    expect(forged.status, JSON.stringify(forged.body)).toBe(409);
    expect(forged.headers['drover-error-code']).toBe('DROVER_ERR_NODE_ALREADY_CONNECTED');
    expect(JSON.stringify(forged.body)).not.toContain('drovernode_');
    await sleep(2000);
    const after = (await api(ctx.s, 'GET', `/namespaces/${CLUSTER}/nodes/${name}`)).body;
    expect(after.status.state).toBe('Connected');
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec.roles).toEqual(before.spec.roles);
    // The real agent's session is the same one: no new Connected transition since.
    expect(after.status.since).toBe(before.status.since);
    const events = await eventsOf(ctx.s, CLUSTER);
    expect(events.some((e) => e.reason === 'RegistrationRefused' && e.involvedObject.name === name && e.message.includes('attacker'))).toBe(true);
  }, 60_000);

  it('host3 joins; the server reaches a TCP service on every host loopback through the tunnel', async () => {
    await joinHosts(ctx, [3], timings);
    expect(await nodes(ctx)).toHaveLength(3);
    for (const k of HOSTS) await startService(k);
    for (const k of HOSTS) {
      const answer = await until(`service on host${k}`, 20_000, async () => {
        try {
          const stream = await ctx.s.app.drover.agents.dialNode(CLUSTER, hostName(k), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
          return await readAll(stream, 'GET / HTTP/1.0\r\n\r\n');
        } catch {
          return undefined; // httpd not listening yet
        }
      }, 250);
      expect(answer).toMatch(/^HTTP\/1\.[01] 200/);
      expect(answer).toContain(`hello-from-host${k}`);
    }
    // Agent RSS while idle, read from the root side (hosts have no PID namespace of their own).
    for (const k of HOSTS) {
      const pid = (await docker(k, ['inspect', '-f', '{{.State.Pid}}', (await agentContainers(k))[0]!])).stdout.trim();
      const rss = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
      timings[`host${k} agent RSS kB`] = Number(rss);
    }
  }, 180_000);

  it('re-running the command on a host keeps the same Node and one agent container', async () => {
    const uid = (await nodes(ctx)).find((n) => n.metadata.name === hostName(1))!.metadata.uid;
    const start = Date.now();
    const r = await onHost(1, ctx.nodeCommand);
    expect(r.code, r.stderr).toBe(0);
    const newId = r.stdout.trim();
    await until('one agent container on host1', 30_000, async () => {
      const ids = await agentContainers(1);
      return ids.length === 1 && newId.startsWith(ids[0]!) ? true : undefined;
    });
    await waitState(ctx, hostName(1), 'Connected', 30_000);
    timings['host1 re-run -> Connected'] = Date.now() - start;
    const after = await nodes(ctx);
    expect(after).toHaveLength(3);
    expect(after.find((n) => n.metadata.name === hostName(1))!.metadata.uid).toBe(uid);
  }, 120_000);
});

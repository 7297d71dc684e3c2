/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- API bodies are arbitrary JSON walked by assertions */
/**
 * End to end on real Docker hosts behind NAT (issue 5). OPT-IN: runs only with DROVER_E2E=1, as
 * root, on a machine where `scripts/testbed.sh up 3` works (see docs/testbed.md):
 *
 *   DROVER_E2E=1 pnpm vitest run test/e2e
 *
 * beforeAll brings up the testbed (3 hosts behind a NAT router, a local registry), builds and
 * pushes the images with `scripts/build-images --push $TB_PUSH_REGISTRY`, starts the server in the
 * root namespace on 0.0.0.0 with DROVER_EXTERNAL_URL=https://$TB_CENTRAL_IP:<port>, and creates a
 * cluster (default private registry = the testbed registry) and a registration token through the
 * API. The node command from the token's create response then runs verbatim on each host (only
 * DOCKER_HOST differs). afterAll stops the server and takes the testbed down.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, mustRun, readAll, run, sleep, until } from './support/process.ts';
import { agentContainers, docker, env, hostFs, hostName, onHost, refusedRun } from './support/hosts.ts';
import { DEFAULTS } from '@drover/server';
import { tcpTarget } from '@drover/tunnel';
import { api, createTempStore, eventsOf, startAgentTestServer } from '@drover/server/testing';
import type { AgentTestServer, TempStore } from '@drover/server/testing';

const ENABLED = process.env.DROVER_E2E === '1';
if (!ENABLED) {
  console.log('test/e2e/agents-nat.test.ts: skipped; set DROVER_E2E=1 (needs root and scripts/testbed.sh) to run the end-to-end suite on real Docker hosts behind NAT');
}

const ROOT = resolve(import.meta.dirname, '../..');
const TESTBED = join(ROOT, 'scripts/testbed.sh');
const CLUSTER = 'e2e';
const SERVICE_PORT = 10250; // allowed by the agent's default dial policy
const HOSTS = [1, 2, 3] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node status is arbitrary JSON walked by assertions
type Json = Record<string, any>;
let t: TempStore | undefined;
let serverEnv: Record<string, string> = {};
let serverPort = 0;
let s: AgentTestServer;
let nodeCommand = '';
let tokenValue = '';
let revokedToken = '';
let expiredToken = '';
let caChecksum = '';
const timings: Record<string, number> = {};
let testbedUp = false;

const nodes = async (): Promise<{ metadata: { name: string; uid: string }; status?: Json }[]> =>
  (await api(s, 'GET', `/namespaces/${CLUSTER}/nodes`)).body.items as { metadata: { name: string; uid: string }; status?: Json }[];
const nodeStatus = async (name: string): Promise<Json | undefined> => {
  const res = await api(s, 'GET', `/namespaces/${CLUSTER}/nodes/${name}`);
  return res.status === 200 ? (res.body.status as Json) : undefined;
};
const waitState = (name: string, state: string, timeoutMs: number) =>
  until(`node ${name} ${state}`, timeoutMs, async () => ((await nodeStatus(name))?.state === state ? true : undefined), 50);

/** Starts (or restarts, on the same store and port) the server in the root netns on 0.0.0.0. */
async function startServer(): Promise<AgentTestServer> {
  s = await startAgentTestServer(serverEnv, t, { host: '0.0.0.0', port: serverPort, publicHost: env.TB_CENTRAL_IP });
  return s;
}

/** How many times the node was recorded Disconnected (Events are aggregated by count). */
const disconnects = async (name: string): Promise<number> =>
  (await eventsOf(s, CLUSTER)).filter((e) => e.involvedObject.name === name && /^Disconnected$/i.test(e.reason)).reduce((n, e) => n + (e.count || 1), 0);

/** Joins hosts by the verbatim node command; returns ms from `docker run` to Connected per host. */
async function join_(ks: number[]): Promise<void> {
  await Promise.all(
    ks.map(async (k) => {
      const start = Date.now();
      const r = await onHost(k, nodeCommand);
      expect(r.code, `host${k}: ${r.stderr}`).toBe(0);
      const ran = Date.now();
      await waitState(hostName(k), 'Connected', 60_000);
      timings[`host${k} docker run -> Connected`] = Date.now() - start;
      timings[`host${k} container started -> Connected`] = Date.now() - ran;
    }),
  );
}

describe.skipIf(!ENABLED)(`agents on real Docker hosts behind NAT${ENABLED ? '' : ' (skipped: DROVER_E2E=1 not set; it needs root and scripts/testbed.sh)'}`, () => {
  beforeAll(async () => {
    await mustRun(TESTBED, ['up', '3'], { timeoutMs: 600_000 });
    testbedUp = true;
    for (const line of (await readFile('/run/drover-testbed/env', 'utf8')).split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
    }
    const rootEnv = { DOCKER_HOST: env.TB_ROOT_DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
    const images = async () => (await run('docker', ['images', '-q', '--filter', 'reference=drover/agent', '--filter', 'reference=drover/server'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '');
    const previous = await images();
    const built = await mustRun(join(ROOT, 'scripts/build-images'), ['--push', env.TB_PUSH_REGISTRY!], { timeoutMs: 600_000 });
    const current = await images();
    const replaced = previous.filter((id) => !current.includes(id)); // rebuilt: the old ones are now untagged
    if (replaced.length > 0) await run('docker', ['rmi', ...replaced], { env: rootEnv });
    console.log(`build-images: ${built.trim()}`);

    t = await createTempStore();
    const port = await freePort();
    serverEnv = {
      DROVER_EXTERNAL_URL: `https://${env.TB_CENTRAL_IP}:${port}`,
      DROVER_TUNNEL_PING_INTERVAL_MS: '500',
      DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '3000',
      // The server's own default, not the unit tests' short one: a restart drains as in production.
      DROVER_TUNNEL_GOAWAY_GRACE_MS: String(DEFAULTS.tunnelGoAwayGraceMs),
    };
    serverPort = port;
    caChecksum = (await startServer()).app.drover.caChecksum;

    const cluster = await api(s, 'POST', '/clusters', {
      apiVersion: 'management.drover.dev/v1',
      kind: 'Cluster',
      metadata: { name: CLUSTER },
      spec: { privateRegistries: [{ url: env.TB_REGISTRY, default: true }] },
    });
    expect(cluster.status, JSON.stringify(cluster.body)).toBe(201);
    const rt = await api(s, 'POST', `/namespaces/${CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'join' }, spec: {} });
    expect(rt.status, JSON.stringify(rt.body)).toBe(201);
    nodeCommand = rt.body.status.nodeCommand;
    tokenValue = rt.body.status.token;
    const rv = await api(s, 'POST', `/namespaces/${CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'revoked' }, spec: {} });
    expect(rv.status).toBe(201);
    revokedToken = rv.body.status.token;
    const patched = await api(s, 'PATCH', `/namespaces/${CLUSTER}/registrationtokens/revoked`, { spec: { revoked: true } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const ex = await api(s, 'POST', `/namespaces/${CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'expiring' }, spec: { ttlSeconds: 1 } });
    expect(ex.status, JSON.stringify(ex.body)).toBe(201);
    expiredToken = ex.body.status.token;
    console.log(`node command: ${nodeCommand.replace(tokenValue, '<token>')}`);
    expect(nodeCommand).toContain(`${env.TB_REGISTRY}/drover/agent:`);
    expect(nodeCommand).toContain(`--server https://${env.TB_CENTRAL_IP}:${port}`);
  }, 900_000);

  afterAll(async () => {
    console.log(`timings (ms): ${JSON.stringify(timings, null, 2)}`);
    await s?.close();
    await t?.cleanup();
    if (testbedUp) {
      const down = await run(TESTBED, ['down'], { timeoutMs: 300_000 });
      if (down.code !== 0) console.log(`testbed down failed: ${down.stderr}`);
      // The push-registry tags build-images added on the root dockerd (drover/agent:V and
      // drover/server:V stay), and what earlier runs left untagged under that name.
      const ref = `reference=${env.TB_PUSH_REGISTRY}/drover/*`;
      const rootEnv = { DOCKER_HOST: env.TB_ROOT_DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
      const tags = (await run('docker', ['images', '--filter', ref, '--format', '{{.Repository}}:{{.Tag}}'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '' && !l.endsWith(':<none>'));
      if (tags.length > 0) await run('docker', ['rmi', ...tags], { env: rootEnv });
      const dangling = (await run('docker', ['images', '-q', '--filter', ref, '--filter', 'dangling=true'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '');
      if (dangling.length > 0) await run('docker', ['rmi', ...new Set(dangling)], { env: rootEnv });
    }
  }, 400_000);

  it('privileged containers run on a host (the testbed runc wrapper)', async () => {
    const r = await docker(1, ['run', '--rm', '--privileged', '--net=host', env.TB_IMAGE_BUSYBOX!, 'true'], 60_000);
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses before anything joined: unknown token, expired token, revoked token, wrong --ca-checksum; nothing registered', async () => {
    const fake = tokenValue.slice(0, -6) + (tokenValue.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    const unknown = await refusedRun(3, nodeCommand.replace(tokenValue, fake), /unknown|not valid|invalid/i);
    expect(unknown).toMatch(/token/i);
    expect(unknown).not.toContain(fake);
    const revoked = await refusedRun(3, nodeCommand.replace(tokenValue, revokedToken), /revoked/i);
    expect(revoked).toMatch(/registration token \\?"revoked\\?" of cluster \\?"e2e\\?" has been revoked/);
    expect(revoked).not.toContain(revokedToken);
    await sleep(1200); // the 1 s token has surely expired
    const expired = await refusedRun(3, nodeCommand.replace(tokenValue, expiredToken), /expired/i);
    expect(expired).toMatch(/registration token \\?"expiring\\?" of cluster \\?"e2e\\?" expired at/);
    expect(expired).not.toContain(expiredToken);
    const wrong = 'ab'.repeat(32);
    const mismatch = await refusedRun(3, nodeCommand.replace(caChecksum, wrong), /checksum/i);
    expect(mismatch).toContain(wrong);
    expect(mismatch).toContain(caChecksum);
    expect(await nodes()).toEqual([]);
    expect(await agentContainers(3)).toEqual([]);
  }, 240_000);

  it('host1 and host2 join with the node command run verbatim: Connected', async () => {
    await join_([1, 2]);
    for (const k of [1, 2]) {
      const st = (await nodeStatus(hostName(k)))!;
      expect(st.state).toBe('Connected');
      expect(st.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Connected', status: 'True' })]));
      expect(await agentContainers(k)).toHaveLength(1);
    }
  }, 180_000);

  it('refuses a duplicate node name from another host and a node credential copied to another host', async () => {
    const before = await nodes();
    expect(before).toHaveLength(2);
    const uids = before.map((n) => n.metadata.uid).sort();
    const dup = await refusedRun(3, `${nodeCommand} --node-name ${hostName(1)}`, /already belongs to/);
    console.log(`duplicate name refused: ${dup.split('\n').find((l) => l.includes('already belongs to'))}`);
    expect(dup).toContain(`node name "${hostName(1)}" in cluster "${CLUSTER}" already belongs to`);
    expect((await nodes()).map((n) => n.metadata.uid).sort()).toEqual(uids);

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
      expect(copied.replaceAll('\\"', '"')).toContain(`the credential of node "${hostName(1)}" belongs to`);
      expect(copied).not.toContain(identity.credential ?? identity.identity?.credential);
    } finally {
      // Empty host3's /etc/drover in place: the directory itself is bind-mounted into host3.
      for (const f of await readdir(to)) await rm(join(to, f), { recursive: true, force: true });
    }
    expect((await nodes()).map((n) => n.metadata.uid).sort()).toEqual(uids);
    expect((await nodeStatus(hostName(1)))!.state).toBe('Connected');
    const events = await eventsOf(s, CLUSTER);
    console.log(`events:\n  ${events.map((e) => `${e.reason} ${e.involvedObject.name}: ${e.message}`).join('\n  ')}`);
    expect(events.some((e) => /refused/i.test(e.reason) && e.message.includes('already belongs to'))).toBe(true);
    expect(events.some((e) => /refused/i.test(e.reason) && e.message.includes('copied to another host'))).toBe(true);
  }, 240_000);

  it('host3 joins; the server reaches a TCP service on every host loopback through the tunnel', async () => {
    await join_([3]);
    expect(await nodes()).toHaveLength(3);
    for (const k of HOSTS) {
      await docker(k, ['rm', '-f', 'drover-e2e-svc']);
      const svc = await docker(k, [
        'run', '-d', '--name', 'drover-e2e-svc', '--net=host', env.TB_IMAGE_BUSYBOX!,
        'sh', '-c', `mkdir /www && echo hello-from-host${k} >/www/index.html && exec httpd -f -p 127.0.0.1:${SERVICE_PORT} -h /www`,
      ]);
      expect(svc.code, svc.stderr).toBe(0);
    }
    for (const k of HOSTS) {
      const answer = await until(`service on host${k}`, 20_000, async () => {
        try {
          const stream = await s.app.drover.agents.dialNode(CLUSTER, hostName(k), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
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
    const uid = (await nodes()).find((n) => n.metadata.name === hostName(1))!.metadata.uid;
    const start = Date.now();
    const r = await onHost(1, nodeCommand);
    expect(r.code, r.stderr).toBe(0);
    const newId = r.stdout.trim();
    await until('one agent container on host1', 30_000, async () => {
      const ids = await agentContainers(1);
      return ids.length === 1 && newId.startsWith(ids[0]!) ? true : undefined;
    });
    await waitState(hostName(1), 'Connected', 30_000);
    timings['host1 re-run -> Connected'] = Date.now() - start;
    const after = await nodes();
    expect(after).toHaveLength(3);
    expect(after.find((n) => n.metadata.name === hostName(1))!.metadata.uid).toBe(uid);
  }, 120_000);

  it('kill -9 of the agent process: the restart policy brings it back; Disconnected, then Connected', async () => {
    const id = (await agentContainers(2))[0]!;
    const pid = (await docker(2, ['inspect', '-f', '{{.State.Pid}}', id])).stdout.trim();
    const killedAt = Date.now();
    process.kill(Number(pid), 'SIGKILL');
    await until('Disconnected event for host2', 20_000, async () => {
      const ev = await eventsOf(s, CLUSTER);
      return ev.some((e) => e.involvedObject.name === hostName(2) && /disconnect/i.test(e.reason) && /./.test(e.message)) ? true : undefined;
    });
    await until('host2 agent restarted', 30_000, async () => {
      const n = (await docker(2, ['inspect', '-f', '{{.RestartCount}} {{.State.Running}}', id])).stdout.trim();
      return n !== '0 true' && n.endsWith('true') ? true : undefined;
    });
    await waitState(hostName(2), 'Connected', 30_000);
    timings['host2 kill -9 -> Connected'] = Date.now() - killedAt;
    expect(await agentContainers(2)).toEqual([id]);
  }, 120_000);

  it('link down at the router: Disconnected with a reason; link up: Connected', async () => {
    const ns = env.TB_ROUTER_NETNS!;
    const link = env.TB_HOST3_LINK!;
    await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', link, 'down']);
    try {
      await waitState(hostName(3), 'Disconnected', 30_000);
      const st = (await nodeStatus(hostName(3)))!;
      expect(typeof st.reason).toBe('string');
      expect(st.reason.length).toBeGreaterThan(0);
      console.log(`host3 link down: ${st.reason}`);
    } finally {
      await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', link, 'up']);
    }
    const upAt = Date.now();
    await waitState(hostName(3), 'Connected', 60_000);
    timings['host3 link up -> Connected'] = Date.now() - upAt;
    expect(await nodes()).toHaveLength(3);
  }, 150_000);
  it("a host's dockerd killed (-9) and restarted: Disconnected with a reason, then Connected; same container", async () => {
    const name = hostName(1);
    const id = (await agentContainers(1))[0]!;
    const before = await disconnects(name);
    const pid = Number((await readFile(env.TB_HOST1_DOCKERD_PIDFILE!, 'utf8')).trim());
    process.kill(pid, 'SIGKILL');
    // The agent keeps running in its shim (its tunnel stays up) until `up` kills what the dead
    // daemon left and restarts it; the restart policy then brings the agent back.
    const restartedAt = Date.now();
    await mustRun(TESTBED, ['up', '3'], { timeoutMs: 300_000 });
    await until(`${name} Disconnected recorded`, 30_000, async () => ((await disconnects(name)) > before ? true : undefined), 200);
    const reasons = (await eventsOf(s, CLUSTER)).filter((e) => e.involvedObject.name === name && /^Disconnected$/i.test(e.reason)).map((e) => e.message);
    expect(reasons.every((m) => m.length > 0)).toBe(true);
    await waitState(name, 'Connected', 60_000);
    timings['host1 dockerd restart -> Connected'] = Date.now() - restartedAt;
    expect(await agentContainers(1)).toEqual([id]);
  }, 360_000);

  it('server restart: every Node Disconnected with a reason, then Connected; nothing in the store lost', async () => {
    const before = await nodes();
    const counts = await Promise.all(HOSTS.map((k) => disconnects(hostName(k))));
    await s.close();
    const restartedAt = Date.now();
    await startServer();
    for (const [i, k] of HOSTS.entries()) {
      await waitState(hostName(k), 'Connected', 90_000);
      timings[`host${k} server restart -> Connected`] = Date.now() - restartedAt;
      await until(`host${k} Disconnected recorded`, 10_000, async () => ((await disconnects(hostName(k))) > counts[i]! ? true : undefined), 200);
    }
    const after = await nodes();
    expect(after.map((n) => n.metadata.uid).sort()).toEqual(before.map((n) => n.metadata.uid).sort());
    const tokens = (await api(s, 'GET', `/namespaces/${CLUSTER}/registrationtokens`)).body.items as { metadata: { name: string } }[];
    expect(tokens.map((r) => r.metadata.name).sort()).toEqual(['expiring', 'join', 'revoked']);
    // The tunnel still works after the restart.
    const stream = await s.app.drover.agents.dialNode(CLUSTER, hostName(2), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
    expect(await readAll(stream, 'GET / HTTP/1.0\r\n\r\n')).toContain('hello-from-host2');
  }, 180_000);
  it('an agent behind an HTTP proxy: HTTPS_PROXY in the node command (cluster spec.proxy); it connects through the proxy', async () => {
    // A CONNECT proxy on the central address (the hosts can reach nothing else).
    const connects: string[] = [];
    const tunnels = new Set<Socket>();
    const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      tunnels.add(client);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, env.TB_CENTRAL_IP, r));
    const proxyUrl = `http://${env.TB_CENTRAL_IP}:${(proxy.address() as AddressInfo).port}`;
    try {
      const cluster = await api(s, 'POST', '/clusters', {
        apiVersion: 'management.drover.dev/v1',
        kind: 'Cluster',
        metadata: { name: 'e2e-proxy' },
        spec: { proxy: { httpsProxy: proxyUrl }, privateRegistries: [{ url: env.TB_REGISTRY, default: true }] },
      });
      expect(cluster.status, JSON.stringify(cluster.body)).toBe(201);
      const rt = await api(s, 'POST', '/namespaces/e2e-proxy/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'join' }, spec: {} });
      expect(rt.status, JSON.stringify(rt.body)).toBe(201);
      const command = rt.body.status.nodeCommand as string;
      expect(command).toContain(`-e HTTPS_PROXY=${proxyUrl}`);
      // host3 is registered in cluster "e2e" already, and an agent that finds a node.json for this
      // server and engine reuses it whatever cluster the new token is for (it would reconnect as
      // e2e/drover-tb-host3). Join it as a fresh host: empty its /etc/drover in place.
      await docker(3, ['rm', '-f', ...(await agentContainers(3))]);
      const etc3 = join(hostFs(3), 'etc/drover');
      for (const f of await readdir(etc3)) await rm(join(etc3, f), { recursive: true, force: true });
      const start = Date.now();
      const r = await onHost(3, command);
      expect(r.code, r.stderr).toBe(0);
      try {
        await until('host3 Connected in cluster e2e-proxy', 60_000, async () => {
          const res = await api(s, 'GET', `/namespaces/e2e-proxy/nodes/${hostName(3)}`);
          return res.status === 200 && res.body.status?.state === 'Connected' ? true : undefined;
        });
      } catch (err) {
        const logs = await docker(3, ['logs', '--tail', '30', r.stdout.trim()]);
        console.log(`proxy CONNECTs: ${connects.join(', ')}\nagent logs:\n${logs.stdout}${logs.stderr}`);
        throw err;
      }
      timings['host3 via proxy docker run -> Connected'] = Date.now() - start;
      console.log(`proxy CONNECTs: ${connects.join(', ')}`);
      expect(connects).toContain(`${env.TB_CENTRAL_IP}:${serverPort}`);
      expect(await agentContainers(3)).toHaveLength(1);
      const stream = await s.app.drover.agents.dialNode('e2e-proxy', hostName(3), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
      expect(await readAll(stream, 'GET / HTTP/1.0\r\n\r\n')).toContain('hello-from-host3');
    } finally {
      for (const c of tunnels) c.destroy(); // CONNECT sockets are no longer the server's to close
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  }, 120_000);
});

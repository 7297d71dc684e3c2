/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- API bodies and asymmetric matchers are arbitrary JSON walked by assertions */
/**
 * End to end behind NAT: the Kubernetes API proxy. On host 1 etcd and the stand-in kube-apiserver
 * run as containers (support/control-plane.ts) with certificates from the e2e cluster's own CA
 * (cluster-pki), until provisioning starts the real components. From the root namespace, which
 * cannot reach any host, the real kubectl uses kubeconfigs downloaded from `GET /v1/kubeconfig`:
 * every request goes server → tunnel → agent on host 1 → 127.0.0.1:6443. The cluster-rbac
 * controller applies Drover's group bindings in the cluster once the apiserver answers.
 * Opt-in and shared as 01-refusals.test.ts says; joins the hosts itself when run alone.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DROVER_CLUSTER_ROLE_BINDINGS, issueClusterCert, RESOURCES } from '@drover/server';
import { api, https } from '@drover/server/testing';
import { startStandinControlPlane } from './support/control-plane.ts';
import type { StandinControlPlane } from './support/control-plane.ts';
import { CLUSTER, ENABLED, HOSTS, e2e, ensureJoined, printTimings, suiteTitle, waitState, type E2e } from './support/e2e.ts';
import { env, hostName } from './support/hosts.ts';
import { mustRun, run, until } from './support/process.ts';

const K = 1;
const KUBECTL = '/usr/bin/kubectl';
const CTX = `drover/${CLUSTER}`;
const ECHO_PORT = 18081;
type Role = 'member' | 'read-only';
const USERS: Record<string, Role | undefined> = { 'e2e-member': 'member', 'e2e-viewer': 'read-only', 'e2e-stranger': undefined };

describe.skipIf(!ENABLED)(suiteTitle('Kubernetes API proxy behind NAT: kubectl through the tunnel'), () => {
  let ctx: E2e;
  let cp: StandinControlPlane | undefined;
  let dir: string;
  const kubeconfigs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const timings: Record<string, number> = {};
  let runs = 0;

  /** kubectl as `who` (admin or one of USERS) with its downloaded kubeconfig; stdin from `input`. */
  async function kubectl(who: string, args: string[], input?: string, timeoutMs = 60_000) {
    runs += 1;
    const base = [KUBECTL, '--kubeconfig', kubeconfigs[who]!, '--context', args[0] === '--context' ? args[1]! : CTX, '--cache-dir', join(dir, `cache-${runs}`), '--request-timeout=30s'];
    const rest = args[0] === '--context' ? args.slice(2) : args;
    if (input === undefined) return run(base[0]!, [...base.slice(1), ...rest], { timeoutMs });
    const file = join(dir, `stdin-${runs}`);
    await writeFile(file, input);
    return run('sh', ['-c', '"$@" < "$0"', file, ...base, ...rest], { timeoutMs });
  }

  beforeAll(async () => {
    ctx = await e2e();
    await ensureJoined(ctx, HOSTS);
    dir = await mkdtemp(join(tmpdir(), 'drover-e2e-proxy-'));
    const { store, secretBox } = ctx.s.app.drover;
    const cluster = await store.get(RESOURCES.clusters, '', CLUSTER);
    const ip = env[`TB_HOST${K}_IP`]!;
    const issue = (o: Parameters<typeof issueClusterCert>[3]) => issueClusterCert(store, secretBox, cluster, o);
    const apiserver = await issue({ commonName: 'kube-apiserver', ipAddresses: ['127.0.0.1', ip], dnsNames: ['localhost', 'kubernetes', 'kubernetes.default'], usages: 'server' });
    const pems = {
      caPem: apiserver.ca.certPem,
      apiserver,
      etcdServer: await issue({ commonName: 'kube-etcd', ipAddresses: ['127.0.0.1', ip], dnsNames: ['localhost'], usages: 'both' }),
      etcdClient: await issue({ commonName: 'kube-apiserver-etcd-client', usages: 'client' }),
    };
    const started = Date.now();
    cp = await startStandinControlPlane(K, pems);
    timings['control plane on host1 ready'] = Date.now() - started;

    tokens.admin = ctx.s.admin;
    for (const [name, role] of Object.entries(USERS)) {
      const password = `${name}-Password-1`;
      const u = await api(ctx.s, 'POST', '/users', { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name }, spec: { password } });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
      if (role !== undefined) {
        const m = await api(ctx.s, 'POST', `/namespaces/${CLUSTER}/clustermembers`, { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name }, spec: { user: name, role } });
        expect(m.status, JSON.stringify(m.body)).toBe(201);
      }
      const login = await https(ctx.s, 'POST', '/v1/login', { username: name, password });
      expect(login.status).toBe(200);
      tokens[name] = login.body.token as string;
    }
    // Each user's merged kubeconfig, as the console's download gives it.
    for (const who of Object.keys(tokens)) {
      const res = await https(ctx.s, 'GET', '/v1/kubeconfig', undefined, tokens[who]);
      expect(res.status, String(res.body)).toBe(200);
      kubeconfigs[who] = join(dir, `kubeconfig-${who}`);
      await writeFile(kubeconfigs[who], String(res.body), { mode: 0o600 });
    }
    // The controller applies the bindings once the apiserver answers (it retries every 5 s).
    const bindingsAt = Date.now();
    await until('Drover group ClusterRoleBindings in the cluster', 60_000, async () => {
      const r = await kubectl('admin', ['get', 'clusterrolebindings', '-o', 'name']);
      return DROVER_CLUSTER_ROLE_BINDINGS.every((b) => r.stdout.includes(`clusterrolebinding.rbac.authorization.k8s.io/${b.name}`)) ? true : undefined;
    }, 500);
    timings['apiserver up -> bindings applied'] = Date.now() - bindingsAt;
  }, 300_000);

  afterAll(async () => {
    printTimings('08-k8s-proxy', timings);
    await cp?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('the merged kubeconfig: context drover plus drover/<cluster> for the clusters the user can see', async () => {
    const contexts = async (who: string) => (await mustRun(KUBECTL, ['--kubeconfig', kubeconfigs[who]!, 'config', 'get-contexts', '-o', 'name'])).trim().split('\n').sort();
    expect(await contexts('admin')).toEqual(expect.arrayContaining(['drover', CTX]));
    expect(await contexts('e2e-viewer')).toEqual(['drover', CTX]);
    expect(await contexts('e2e-stranger')).toEqual(['drover']);
  });

  it('admin: get ns, create configmap, a watch sees a later change, auth whoami shows the Drover user', async () => {
    const first = Date.now();
    const ns = await kubectl('admin', ['get', 'ns']);
    expect(ns.code, ns.stderr).toBe(0);
    expect(ns.stdout).toMatch(/^kube-system\s/m);
    timings['first kubectl get ns'] = Date.now() - first;
    const created = await kubectl('admin', ['create', 'configmap', 'e2e-cm', '--from-literal=k=v1']);
    expect(created.code, created.stderr).toBe(0);

    const watch = spawn(KUBECTL, ['--kubeconfig', kubeconfigs.admin!, '--context', CTX, '--cache-dir', join(dir, 'cache-watch'), 'get', 'cm', 'e2e-cm', '-w', '-o', 'jsonpath={.data.k}{"\\n"}'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    watch.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until('watch shows the current value', 30_000, () => Promise.resolve(out.includes('v1') ? true : undefined));
      const patched = await kubectl('admin', ['patch', 'cm', 'e2e-cm', '--type=merge', '-p', '{"data":{"k":"v2"}}']);
      expect(patched.code, patched.stderr).toBe(0);
      const changedAt = Date.now();
      await until('watch shows the change', 30_000, () => Promise.resolve(out.includes('v2') ? true : undefined), 20);
      timings['change -> watch event'] = Date.now() - changedAt;
    } finally {
      if (watch.pid !== undefined) process.kill(-watch.pid, 'SIGKILL');
    }

    const me = await kubectl('admin', ['auth', 'whoami', '-o', 'json']);
    expect(me.code, me.stderr).toBe(0);
    const info = JSON.parse(me.stdout).status.userInfo;
    expect(info.username).toBe('admin');
    expect(info.groups).toEqual(expect.arrayContaining(['drover:admins', 'system:authenticated']));
    expect(info.groups).not.toContain('system:masters');
  });

  it('exec (output and exit code 3), cp in and out, logs -f as lines are written, port-forward round-trips bytes', async () => {
    const pod = (name: string, command?: string[]) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'busybox', ...(command === undefined ? {} : { command }) }] }, status: { phase: 'Running' } });
    expect((await kubectl('admin', ['create', '-f', '-', '--validate=false'], pod('shell'))).code).toBe(0);
    const ex = await kubectl('admin', ['exec', 'shell', '--', 'sh', '-c', 'echo hi; exit 3']);
    expect(ex).toMatchObject({ code: 3, stdout: 'hi\n' });

    const content = randomBytes(100_000);
    await writeFile(join(dir, 'in.bin'), content);
    const into = await kubectl('admin', ['cp', join(dir, 'in.bin'), 'shell:/tmp/in.bin']);
    expect(into.code, into.stderr).toBe(0);
    const out = await kubectl('admin', ['cp', 'shell:/tmp/in.bin', join(dir, 'out.bin')]);
    expect(out.code, out.stderr).toBe(0);
    expect((await readFile(join(dir, 'out.bin'))).equals(content)).toBe(true);

    // logs -f: three lines a second apart arrive one by one, not at the end.
    expect((await kubectl('admin', ['create', '-f', '-', '--validate=false'], pod('ticker', ['sh', '-c', 'for i in 1 2 3; do echo line-$i; sleep 1; done; sleep 30']))).code).toBe(0);
    const logs = spawn(KUBECTL, ['--kubeconfig', kubeconfigs.admin!, '--context', CTX, '--cache-dir', join(dir, 'cache-logs'), 'logs', '-f', 'ticker'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: { line: string; at: number }[] = [];
    logs.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line !== '') seen.push({ line, at: Date.now() });
    });
    try {
      await until('logs -f lines', 30_000, () => Promise.resolve(seen.length >= 3 ? true : undefined), 50);
      expect(seen.map((s) => s.line).slice(0, 3)).toEqual(['line-1', 'line-2', 'line-3']);
    } finally {
      if (logs.pid !== undefined) process.kill(-logs.pid, 'SIGKILL');
    }

    expect((await kubectl('admin', ['create', '-f', '-', '--validate=false'], pod('echo', ['nc', '-ll', '-p', String(ECHO_PORT), '-e', 'cat']))).code).toBe(0);
    const pf = spawn(KUBECTL, ['--kubeconfig', kubeconfigs.admin!, '--context', CTX, '--cache-dir', join(dir, 'cache-pf'), 'port-forward', 'echo', `:${ECHO_PORT}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let pfLog = '';
    pf.stdout.on('data', (d: Buffer) => (pfLog += d.toString()));
    pf.stderr.on('data', (d: Buffer) => (pfLog += d.toString()));
    try {
      const local = Number(await until('port-forward ready', 30_000, () => Promise.resolve(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(pfLog)?.[1])));
      const payload = randomBytes(256 * 1024).toString('hex');
      const echoed = await until('bytes through port-forward', 30_000, () =>
        new Promise<string | undefined>((resolve) => {
          const s = connect(local, '127.0.0.1');
          let b = '';
          s.setEncoding('utf8');
          s.on('data', (d: string) => (b += d));
          s.on('end', () => resolve(b === payload ? b : undefined));
          s.on('error', () => resolve(undefined));
          s.end(payload);
        }), 500);
      expect(echoed.length).toBe(payload.length);
    } finally {
      if (pf.pid !== undefined) process.kill(-pf.pid, 'SIGKILL');
    }
  }, 180_000);

  it("roles: read-only is refused create and exec by Drover but may get (the cluster's view binding); a member may create in a namespace but not a ClusterRoleBinding; a stranger gets 404", async () => {
    const whoami = JSON.parse((await kubectl('e2e-viewer', ['auth', 'whoami', '-o', 'json'])).stdout).status.userInfo;
    expect(whoami.username).toBe('e2e-viewer');
    expect(whoami.groups).toContain('drover:cluster-viewers');
    const get = await kubectl('e2e-viewer', ['get', 'cm', 'e2e-cm']);
    expect(get.code, get.stderr).toBe(0);
    const create = await kubectl('e2e-viewer', ['create', 'configmap', 'from-viewer']);
    expect(create.code).not.toBe(0);
    // Drover's refusal (nothing reached the cluster), as kubectl prints it.
    expect(create.stderr).toMatch(/user "e2e-viewer" is read-only in cluster "e2e" and may not create configmaps/);
    expect((await kubectl('admin', ['get', 'cm', 'from-viewer'])).stderr).toMatch(/NotFound|not found/);
    const exec = await kubectl('e2e-viewer', ['exec', 'shell', '--', 'sh', '-c', 'echo no']);
    expect(exec.code).not.toBe(0);
    expect(exec.stdout).toBe('');
    expect(exec.stderr).toMatch(/read-only/);

    const mine = await kubectl('e2e-member', ['create', 'configmap', 'from-member']);
    expect(mine.code, mine.stderr).toBe(0);
    const crb = await kubectl('e2e-member', ['create', 'clusterrolebinding', 'escalate', '--clusterrole=cluster-admin', '--user=e2e-member']);
    expect(crb.code).not.toBe(0);
    expect(crb.stderr).toMatch(/forbidden/i);
    // A client's own impersonation headers are dropped: --as admin changes nothing.
    const as = JSON.parse((await kubectl('e2e-member', ['auth', 'whoami', '-o', 'json', '--as', 'admin', '--as-group', 'system:masters'])).stdout).status.userInfo;
    expect(as.username).toBe('e2e-member');
    expect(as.groups).not.toContain('system:masters');

    const stranger = await rawGet(tokens['e2e-stranger']!, `/k8s/clusters/${CLUSTER}/api/v1/namespaces`);
    expect(stranger.status).toBe(404);
    const missing = await rawGet(tokens['e2e-stranger']!, '/k8s/clusters/no-such-cluster/api/v1/namespaces');
    // The same answer as for a cluster that does not exist: existence is not revealed.
    expect({ ...missing, text: missing.text.replaceAll('no-such-cluster', CLUSTER) }).toEqual(stranger);
  });

  it('AuditEvents record each write and the exec with the Drover user', async () => {
    const events = await until('audit events flushed', 20_000, async () => {
      const r = await kubectl('admin', ['--context', 'drover', 'get', 'auditevents', '-l', `management.drover.dev/cluster=${CLUSTER}`, '-o', 'json']);
      if (r.code !== 0) throw new Error(r.stderr);
      const items = (JSON.parse(r.stdout).items as { user: { name: string }; verb: string; path: string; code: number; source: string }[]).filter((e) => e.source === 'proxy');
      return items.some((e) => e.verb === 'exec') && items.some((e) => e.user.name === 'e2e-member' && e.verb === 'create') ? items : undefined;
    }, 500);
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ user: expect.objectContaining({ name: 'admin' }), verb: 'create', code: 201, path: expect.stringContaining('/configmaps') }),
      expect.objectContaining({ user: expect.objectContaining({ name: 'admin' }), verb: 'patch', path: expect.stringContaining('/configmaps/e2e-cm') }),
      expect.objectContaining({ user: expect.objectContaining({ name: 'admin' }), verb: 'exec', code: 101 }),
      expect.objectContaining({ user: expect.objectContaining({ name: 'e2e-viewer' }), verb: 'create', code: 403 }),
      expect.objectContaining({ user: expect.objectContaining({ name: 'e2e-member' }), verb: 'create', code: 403, path: expect.stringContaining('clusterrolebindings') }),
    ]));
  });

  it('the hosts lose their link: 502 naming the node within 3 s, 503 once the sessions are declared dead; after link up it works again', async () => {
    const ns = env.TB_ROUTER_NETNS!;
    const links = HOSTS.map((k) => env[`TB_HOST${k}_LINK`]!);
    expect((await kubectl('admin', ['get', 'ns', 'default'])).code).toBe(0);
    for (const l of links) await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', l, 'down']);
    try {
      const t0 = Date.now();
      const first = await rawGet(tokens.admin!, `/k8s/clusters/${CLUSTER}/api/v1/namespaces/default`);
      const took = Date.now() - t0;
      timings['link down -> first answer'] = took;
      expect(first.status, first.text).toBe(502);
      expect(first.text).toContain(hostName(K));
      expect(took).toBeLessThan(3000);
      const deadAt = Date.now();
      const dead = await until('503 once no control-plane session is left', 30_000, async () => {
        const r = await rawGet(tokens.admin!, `/k8s/clusters/${CLUSTER}/api/v1/namespaces/default`);
        return r.status === 503 ? r : undefined;
      }, 250);
      timings['first 502 -> 503'] = Date.now() - deadAt;
      expect(JSON.parse(dead.text)).toMatchObject({ kind: 'Status', code: 503 });
    } finally {
      for (const l of links) await mustRun('nsenter', [`--net=${ns}`, 'ip', 'link', 'set', l, 'up']);
    }
    const upAt = Date.now();
    for (const k of HOSTS) await waitState(ctx, hostName(k), 'Connected', 60_000);
    const again = await until('kubectl works again', 30_000, async () => {
      const r = await kubectl('admin', ['get', 'cm', 'e2e-cm', '-o', 'jsonpath={.data.k}']);
      return r.code === 0 ? r.stdout : undefined;
    }, 250);
    timings['link up -> kubectl works'] = Date.now() - upAt;
    expect(again).toBe('v2');
  }, 180_000);

  /** One GET through the proxy with a bearer token, answer text and status. */
  function rawGet(token: string, path: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(`${ctx.s.url}${path}`, { ca: ctx.s.app.drover.caPem, headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
      req.on('error', reject);
      req.end();
    });
  }
});

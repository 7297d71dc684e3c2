/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- API bodies are arbitrary JSON walked by assertions */
/**
 * End to end, air-gapped: Drover provisions a Kubernetes cluster on four hosts behind NAT that
 * reach only the server and the testbed's registry (the router has no default route). The
 * stand-in images (test/fixtures) are pushed under their upstream paths to a local "upstream"
 * registry and copied into the testbed's with the real `drover images mirror`; the cluster names
 * the testbed's registry as its default, so every image is rewritten to it. Hosts 1–3 join with
 * all roles, host 4 as a worker only (its kubelet reaches the apiservers through the local API
 * proxy). Then the checks of issue 13: etcd health with Drover's certificates, four Ready nodes
 * through the proxy, the addons, idempotence across re-applies and a server restart, repair of a
 * removed container, convergence after an agent kill and a server restart mid-rollout, no private
 * key anywhere it must not be, and bad specs that change nothing on the hosts.
 * Opt-in and shared as 01-refusals.test.ts says.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '@drover/server';
import { api, https } from '@drover/server/testing';
import { CLUSTER, ENABLED, e2e, printTimings, restartServer, suiteTitle, type E2e, type Json } from './support/e2e.ts';
import { docker, env, hostFs } from './support/hosts.ts';
import { run, until } from './support/process.ts';
import {
  ALL_ROLE_HOSTS, PROV_CLUSTER, PROV_HOSTS, WORKER_HOST, allManagedIds, cleanHosts, retireCluster, cluster, condition, createProvCluster, ensureFourHosts, joinProvHosts, managedIds, mirrorStandins, waitProvisioned,
} from './support/provision.ts';
import type { MirroredImages } from './support/provision.ts';

const VERSION = 'v1.32.6';
const KUBECTL = '/usr/bin/kubectl';
const PROVISION_TIMEOUT_MS = 240_000;

describe.skipIf(!ENABLED)(suiteTitle('Provisioning, air-gapped: etcd ×3, control plane ×3 and a worker on four hosts behind NAT'), () => {
  let ctx: E2e;
  let images: MirroredImages | undefined;
  let dir: string;
  let kubeconfig: string;
  const timings: Record<string, number> = {};

  const kubectl = (args: string[], timeoutMs = 60_000) => run(KUBECTL, ['--kubeconfig', kubeconfig, '--request-timeout=30s', ...args], { timeoutMs });

  beforeAll(async () => {
    ctx = await e2e();
    dir = await mkdtemp(join(tmpdir(), 'drover-e2e-prov-'));
    let t = Date.now();
    // The earlier files' cluster would provision hosts 1–3 itself once the images are in the
    // registry (its nodes have every role): it goes first, which also ends its agents' sessions.
    await retireCluster(ctx, CLUSTER);
    await ensureFourHosts();
    await cleanHosts();
    timings['testbed up 4 + clean hosts'] = Date.now() - t;
    images = await mirrorStandins(VERSION);
    timings['stand-in images built and pushed'] = images.timings.build;
    timings['drover images mirror'] = images.timings.mirror;
    const p = await createProvCluster(ctx, { kubernetesVersion: VERSION });
    // Host 1 first: etcd bootstraps on it alone; hosts 2 and 3 then join the running etcd by
    // member add, as hosts added to a site one after another do.
    t = Date.now();
    await joinProvHosts(ctx, p, [1]);
    await until('etcd started on host 1 alone', 120_000, async () => (condition(await cluster(ctx), 'EtcdReady')?.status === 'True' ? true : undefined), 250);
    timings['host 1 node command -> etcd healthy'] = Date.now() - t;
    t = Date.now();
    await joinProvHosts(ctx, p, [2, 3, 4]);
    const connectedAt = Date.now();
    timings['node commands -> hosts 2-4 Connected'] = connectedAt - t;
    await waitProvisioned(ctx, PROVISION_TIMEOUT_MS);
    timings['all Connected -> Provisioned'] = Date.now() - connectedAt;
    const c = await cluster(ctx);
    for (const type of ['EtcdReady', 'ControlPlaneReady', 'WorkersReady', 'AddonsReady']) {
      const at = condition(c, type)?.lastTransitionTime as string | undefined;
      if (at !== undefined) timings[`all Connected -> ${type}`] = Date.parse(at) - connectedAt;
    }
    const kc = await https(ctx.s, 'GET', `/v1/kubeconfig?cluster=${PROV_CLUSTER}`, undefined, ctx.s.admin);
    expect(kc.status, String(kc.body)).toBe(200);
    kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, String(kc.body), { mode: 0o600 });
  }, 900_000);

  afterAll(async () => {
    printTimings('09-provision', timings);
    // scripts/bench provision runs this file and reads the figures from here.
    if (process.env.DROVER_BENCH_OUT !== undefined) await writeFile(process.env.DROVER_BENCH_OUT, JSON.stringify(timings));
    await images?.source.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('the etcd cluster has 3 healthy members (etcdctl with the certificates Drover placed)', async () => {
    for (const k of ALL_ROLE_HOSTS) {
      const health = await docker(k, ['exec', 'etcd', 'etcdctl', 'endpoint', 'health', '--cluster', '-w', 'json']);
      expect(health.code, health.stderr).toBe(0);
      const list = JSON.parse(health.stdout) as { endpoint: string; health: boolean }[];
      expect(list).toHaveLength(3);
      expect(list.every((e) => e.health)).toBe(true);
    }
    const members = await docker(1, ['exec', 'etcd', 'etcdctl', 'member', 'list', '-w', 'json']);
    expect(members.code, members.stderr).toBe(0);
    expect((JSON.parse(members.stdout) as { members: unknown[] }).members).toHaveLength(3);
    // Host 1 bootstrapped it; the others were added (the membership Drover recorded).
    // Hosts 2 and 3 join together: they are added in whichever order they came.
    const etcd = (await cluster(ctx)).status?.etcd;
    expect({ ...etcd, members: [...(etcd?.members ?? [])].sort() }).toEqual({ members: [1, 2, 3].map((k) => env[`TB_HOST${k}_NAME`]).sort(), bootstrapped: 1 });
    expect(etcd?.members[0]).toBe(env.TB_HOST1_NAME);
    // The worker-only host runs no etcd.
    expect(Object.keys(await managedIds(WORKER_HOST))).not.toContain('etcd');
  });

  it('kubectl through the proxy: four Ready nodes, the addons exist', async () => {
    const r = await until('4 Ready nodes', 60_000, async () => {
      const got = await kubectl(['get', 'nodes', '-o', 'json']);
      if (got.code !== 0) return undefined;
      const items = (JSON.parse(got.stdout) as { items: Json[] }).items;
      const ready = items.filter((n) => (n.status?.conditions as Json[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === 4 ? (items) : undefined;
    }, 1000);
    expect(r.map((n) => String(n.metadata.name)).sort()).toEqual(PROV_HOSTS.map((k) => env[`TB_HOST${k}_NAME`]).sort());
    const worker = r.find((n) => n.metadata.name === env[`TB_HOST${WORKER_HOST}_NAME`])!;
    expect(worker.spec?.taints ?? []).toEqual([]);
    const dns = await kubectl(['-n', 'kube-system', 'get', 'deployment/coredns', 'service/kube-dns', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(dns.code, dns.stderr).toBe(0);
    const flannel = await kubectl(['-n', 'kube-flannel', 'get', 'daemonset/kube-flannel-ds', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(flannel.code, flannel.stderr).toBe(0);
    expect(flannel.stdout).toBe(`${env.TB_REGISTRY}/flannel/flannel:v0.26.4`);
    const binding = await kubectl(['get', 'clusterrolebinding', 'system:node', '-o', 'jsonpath={.subjects[0].name}']);
    expect(binding.stdout).toBe('system:nodes');
  }, 120_000);

  it('every image came from the testbed registry; no private key in docker inspect, in a Plan or in the server log', async () => {
    const keys: string[] = [];
    for (const k of ALL_ROLE_HOSTS) {
      const ssl = join(hostFs(k), 'etc/kubernetes/ssl');
      for (const f of (await readdir(ssl)).filter((n) => n.endsWith('-key.pem'))) {
        const pem = await readFile(join(ssl, f), 'utf8');
        const body = pem.split('\n').filter((l) => !l.startsWith('-----') && l !== '').join('');
        keys.push(body.slice(20, 80));
      }
    }
    expect(keys.length).toBeGreaterThan(10);
    const inspected: string[] = [];
    for (const k of PROV_HOSTS) {
      const ids = Object.values(await managedIds(k));
      const out = await docker(k, ['inspect', ...ids]);
      expect(out.code, out.stderr).toBe(0);
      for (const c of JSON.parse(out.stdout) as Json[]) expect(String(c.Config.Image).startsWith(`${env.TB_REGISTRY}/`), String(c.Config.Image)).toBe(true);
      inspected.push(out.stdout);
    }
    const plans = JSON.stringify((await api(ctx.s, 'GET', `/namespaces/${PROV_CLUSTER}/plans`)).body);
    expect(plans).toContain('"hash"');
    const logs = ctx.s.logs.join('');
    for (const key of keys) {
      for (const text of inspected) expect(text.includes(key)).toBe(false);
      expect(plans.includes(key)).toBe(false);
      expect(logs.includes(key)).toBe(false);
    }
  });

  it('applying the same plans again recreates nothing, and neither does a server restart', async () => {
    const before = await allManagedIds();
    const applier = ctx.s.app.drover.planApplier;
    const t = Date.now();
    const results = await Promise.all(PROV_HOSTS.map((k) => applier.apply(PROV_CLUSTER, env[`TB_HOST${k}_NAME`]!, { prune: true })));
    timings['no-op re-apply of 4 plans'] = Date.now() - t;
    for (const r of results) {
      expect(r.created).toEqual([]);
      expect(r.replaced).toEqual([]);
      expect(r.removed).toEqual([]);
      expect(r.filesWritten).toEqual([]);
    }
    const same = await api(ctx.s, 'PATCH', `/clusters/${PROV_CLUSTER}`, { spec: (await api(ctx.s, 'GET', `/clusters/${PROV_CLUSTER}`)).body.spec });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    await restartServer(ctx);
    await waitProvisioned(ctx, 60_000);
    // Give the restarted controllers a full pass over the nodes' reports.
    await until('all nodes reported again', 30_000, async () => {
      const nodes = (await api(ctx.s, 'GET', `/namespaces/${PROV_CLUSTER}/nodes`)).body.items as Json[];
      return nodes.length === 4 && nodes.every((n) => n.status?.state === 'Connected' && (n.status?.containers?.length ?? 0) > 0) ? true : undefined;
    }, 250);
    expect(await allManagedIds()).toEqual(before);
  }, 180_000);

  it('docker rm -f of the kube-apiserver on host 2: recreated, and the cluster is healthy again', async () => {
    const before = await managedIds(2);
    const rm = await docker(2, ['rm', '-f', 'kube-apiserver']);
    expect(rm.code, rm.stderr).toBe(0);
    const t = Date.now();
    const recreated = await until('kube-apiserver recreated on host 2', 90_000, async () => {
      const now = await managedIds(2);
      return now['kube-apiserver'] !== undefined && now['kube-apiserver'] !== before['kube-apiserver'] ? now : undefined;
    }, 250);
    await waitProvisioned(ctx, 90_000);
    timings['rm -f kube-apiserver -> recreated'] = Date.now() - t;
    const { ['kube-apiserver']: _old, ...others } = before;
    const { ['kube-apiserver']: _new, ...othersNow } = recreated;
    expect(othersNow).toEqual(others);
  }, 180_000);

  it('a spec change rolls out while the agent on host 3 is killed and the server restarts: it converges', async () => {
    const before = await allManagedIds();
    const put = await api(ctx.s, 'PATCH', `/clusters/${PROV_CLUSTER}`, { spec: { services: { kubelet: { extraArgs: { 'max-pods': '111' } } } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const t = Date.now();
    // The agent on host 3 crashes (its process killed; `docker kill` would count as a stop, which
    // the restart policy respects), and the server restarts, while the kubelets are replaced.
    const agent = (await docker(3, ['ps', '-q', '--filter', 'label=drover.dev/agent=true'])).stdout.trim();
    expect(agent).not.toBe('');
    process.kill(Number((await docker(3, ['inspect', '-f', '{{.State.Pid}}', agent])).stdout.trim()), 'SIGKILL');
    await restartServer(ctx);
    await until('every kubelet runs with --max-pods=111', PROVISION_TIMEOUT_MS, async () => {
      for (const k of PROV_HOSTS) {
        const args = (await docker(k, ['inspect', '-f', '{{json .Args}}', 'kubelet'])).stdout;
        if (!args.includes('--max-pods=111')) return undefined;
      }
      return true;
    }, 500);
    await waitProvisioned(ctx, PROVISION_TIMEOUT_MS);
    timings['kubelet spec change (agent killed, server restarted) -> converged'] = Date.now() - t;
    const after = await allManagedIds();
    for (const k of PROV_HOSTS) {
      const { kubelet: _b, ...restBefore } = before[`host${k}`]!;
      const { kubelet: _a, ...restAfter } = after[`host${k}`]!;
      expect(restAfter, `host${k}: only the kubelet is replaced`).toEqual(restBefore);
      expect(after[`host${k}`]!.kubelet).not.toBe(before[`host${k}`]!.kubelet);
    }
  }, 360_000);

  it('bad specs: overlapping CIDRs are refused naming the field; an unmirrored version is a condition naming the image; the hosts are unchanged', async () => {
    const before = await allManagedIds();
    // The Service CIDR on the default Pod CIDR (10.42.0.0/16).
    const refused = await api(ctx.s, 'PATCH', `/clusters/${PROV_CLUSTER}`, { spec: { services: { kubeApi: { serviceClusterIpRange: '10.42.0.0/16' } } } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/serviceClusterIpRange/);

    const other = await api(ctx.s, 'PATCH', `/clusters/${PROV_CLUSTER}`, { spec: { kubernetesVersion: 'v1.31.5' } });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    const failed = await until('a condition naming the missing image', 120_000, async () => {
      const conds = ((await cluster(ctx)).status?.conditions ?? []) as Json[];
      return conds.find((x) => x.status === 'False' && /v1\.31\.5|3\.5\.\d+-0/.test(String(x.message)) && /image|pull|manifest/i.test(String(x.message)));
    }, 500);
    expect(String(failed.message)).toContain(env.TB_REGISTRY);
    expect(await allManagedIds()).toEqual(before);

    const back = await api(ctx.s, 'PATCH', `/clusters/${PROV_CLUSTER}`, { spec: { kubernetesVersion: VERSION } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    await waitProvisioned(ctx, 120_000);
    expect(await allManagedIds()).toEqual(before);
  }, 300_000);

  it('the Plans are resources that name hashes, one per node', async () => {
    const plans = await ctx.s.app.drover.store.list(RESOURCES.plans, { namespace: PROV_CLUSTER });
    expect(plans.items.map((p) => p.metadata.name).sort()).toEqual(PROV_HOSTS.map((k) => env[`TB_HOST${k}_NAME`]).sort());
  });
});

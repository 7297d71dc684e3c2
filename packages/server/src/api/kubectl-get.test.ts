/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are arbitrary JSON walked by assertions */
/** Real kubectl (unmodified) against the API: discovery, get/watch/wait/delete, explain, auth. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, call, createCluster } from './test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from './test-support/kubectl.ts';
import type { KubectlEnv } from './test-support/kubectl.ts';

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  env = await startKubectlEnv();
  await createCluster(env.api, 'alpha', { kubernetesVersion: 'v1.32.4' }, { labels: { env: 'prod' } });
  await createCluster(env.api, 'beta', { kubernetesVersion: 'v1.31.0' }, { labels: { env: 'dev' } });
  await setStatus('alpha', { state: 'Degraded', reason: 'node-2 disconnected 3m ago', nodes: { total: 3, connected: 2 } });
});
afterAll(async () => {
  await env?.close();
});

function setStatus(name: string, status: Record<string, unknown>) {
  return call(env.api, 'PATCH', `${G}/clusters/${name}/status`, { body: { status }, contentType: 'application/merge-patch+json' });
}
const lines = (s: string) => s.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

describe('kubectl discovery and get', () => {
  it('api-resources lists the kinds with short names', async () => {
    const res = await env.kubectl(['api-resources', '--api-group=management.drover.dev']);
    expect(res.stderr).toBe('');
    expect(lines(res.stdout)).toEqual(expect.arrayContaining([['clusters', 'cl', 'management.drover.dev/v1', 'false', 'Cluster']]));
    expect(res.stdout).toContain('registrationtokens');
  });

  it('get -o wide prints the server-side columns; -l selects; -o yaml and -o jsonpath show objects', async () => {
    const wide = await env.kubectl(['get', 'clusters', '-o', 'wide']);
    expect(wide.stderr).toBe('');
    const rows = lines(wide.stdout);
    expect(rows[0]).toEqual(['NAME', 'STATE', 'NODES', 'VERSION', 'AGE', 'REASON']);
    expect(rows[1]?.slice(0, 4)).toEqual(['alpha', 'Degraded', '2/3', 'v1.32.4']);
    expect(rows[1]?.[5]).toBe('node-2 disconnected 3m ago');
    const narrow = lines((await env.kubectl(['get', 'cl'])).stdout);
    expect(narrow[0]).toEqual(['NAME', 'STATE', 'NODES', 'VERSION', 'AGE']);
    const selected = lines((await env.kubectl(['get', 'cl', '-l', 'env=dev'])).stdout);
    expect(selected.map((r) => r[0])).toEqual(['NAME', 'beta']);
    const yaml = await env.kubectl(['get', 'cl', 'alpha', '-o', 'yaml']);
    expect(yaml.stdout).toContain('apiVersion: management.drover.dev/v1\nkind: Cluster\n');
    expect(yaml.stdout).toContain('kubernetesVersion: v1.32.4');
    const jp = await env.kubectl(['get', 'cl', 'alpha', '-o', 'jsonpath={.status.nodes.connected}/{.spec.kubernetesVersion}']);
    expect(jp.stdout).toBe('2/v1.32.4');
  });

  it('get namespaced kinds in a cluster namespace and across namespaces', async () => {
    const node = { apiVersion: 'management.drover.dev/v1', kind: 'Node', metadata: { name: 'n1' }, spec: { roles: ['etcd', 'worker'], address: '10.0.0.1' } };
    expect((await call(env.api, 'POST', `${G}/namespaces/alpha/nodes`, { body: node })).status).toBe(201);
    await call(env.api, 'PATCH', `${G}/namespaces/alpha/nodes/n1/status`, { body: { status: { state: 'Connected', reason: 'session up', agentVersion: '0.1.0', rttMs: 12.4 } }, contentType: 'application/merge-patch+json' });
    const wide = lines((await env.kubectl(['get', 'nodes', '-n', 'alpha', '-o', 'wide'])).stdout);
    expect(wide[0]).toEqual(['NAME', 'STATE', 'ROLES', 'ADDRESS', 'AGENT', 'AGE', 'REASON', 'RTT']);
    expect(wide[1]).toEqual(['n1', 'Connected', 'etcd,worker', '10.0.0.1', '0.1.0', expect.any(String), 'session up', '12ms']);
    const all = lines((await env.kubectl(['get', 'nodes', '-A'])).stdout);
    expect(all[1]?.slice(0, 2)).toEqual(['alpha', 'n1']);
  });

  it('explain clusters.spec shows the schema descriptions', async () => {
    const res = await env.kubectl(['explain', 'clusters.spec']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('KIND:       Cluster');
    expect(res.stdout).toContain('privateRegistries\t<[]Object>');
    expect(res.stdout).toContain('Kubernetes version to run');
  });
});

describe('kubectl watch, wait and delete', () => {
  it('get -w --output-watch-events prints ADDED then MODIFIED rows', async () => {
    const out = await env.streamUntil(
      ['get', 'cl', 'beta', '-w', '--output-watch-events'],
      (s) => /MODIFIED\s+beta\s+Active/.test(s),
      {
        timeoutMs: 15_000,
        onStart: async () => {
          await new Promise((r) => setTimeout(r, 1500));
          await setStatus('beta', { state: 'Active' });
        },
      },
    );
    expect(out).toMatch(/EVENT\s+NAME\s+STATE/);
    expect(out).toMatch(/ADDED\s+beta/);
  });

  it('wait --for=jsonpath returns once status matches', async () => {
    await createCluster(env.api, 'gamma');
    const waiting = env.kubectl(['wait', '--for=jsonpath={.status.state}=Active', 'cluster/gamma', '--timeout=15s'], { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1000));
    await setStatus('gamma', { state: 'Active' });
    const res = await waiting;
    expect(res.stdout.trim()).toBe('cluster.management.drover.dev/gamma condition met');
    expect(res.code).toBe(0);
  });

  it('wait --for=delete returns when finalizers are gone; delete --wait waits for removal', async () => {
    await createCluster(env.api, 'delta', {}, { finalizers: ['drover.dev/test'] });
    const del = await env.kubectl(['delete', 'cluster', 'delta', '--wait=false']);
    expect(del.stdout.trim()).toBe('cluster.management.drover.dev "delta" deleted');
    const waiting = env.kubectl(['wait', '--for=delete', 'cluster/delta', '--timeout=15s'], { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await call(env.api, 'GET', `${G}/clusters/delta`)).body.metadata.deletionTimestamp).toBeDefined();
    await call(env.api, 'PATCH', `${G}/clusters/delta`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
    const res = await waiting;
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe('cluster.management.drover.dev/delta condition met');

    await createCluster(env.api, 'epsilon');
    const gone = await env.kubectl(['delete', 'cluster', 'epsilon', '--wait', '--timeout=15s']);
    expect(gone.code).toBe(0);
    expect(gone.stdout.trim()).toBe('cluster.management.drover.dev "epsilon" deleted');
    expect((await call(env.api, 'GET', `${G}/clusters/epsilon`)).status).toBe(404);
  });
});

describe('kubectl auth', () => {
  it('auth whoami and auth can-i answer from the authorizer', async () => {
    const who = await env.kubectl(['auth', 'whoami']);
    expect(who.stderr).toBe('');
    expect(who.stdout).toMatch(/Username\s+admin/);
    expect(who.stdout).toMatch(/Groups\s+\[system:authenticated drover:admins\]/);
    env.api.authz.readOnly.add('reader');
    const yes = await env.kubectl(['auth', 'can-i', 'list', 'clusters'], { user: 'reader' });
    expect([yes.code, yes.stdout.trim()]).toEqual([0, 'yes']);
    const no = await env.kubectl(['auth', 'can-i', 'delete', 'clusters'], { user: 'reader' });
    expect([no.code, no.stdout.trim()]).toEqual([1, 'no']);
    const list = await env.kubectl(['auth', 'can-i', '--list'], { user: 'reader' });
    expect(list.stdout).toMatch(/\*\.management\.drover\.dev\s+\[\]\s+\[\]\s+\[get list watch\]/);
  });

  it('a read-only user is refused a delete with a Kubernetes-worded Forbidden', async () => {
    env.api.authz.readOnly.add('reader');
    const res = await env.kubectl(['delete', 'cluster', 'alpha'], { user: 'reader' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'Error from server (Forbidden): clusters.management.drover.dev "alpha" is forbidden: User "reader" cannot delete resource "clusters" in API group "management.drover.dev" at the cluster scope',
    );
    expect((await call(env.api, 'GET', `${G}/clusters/alpha`)).status).toBe(200);
  });
});

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are arbitrary JSON walked by assertions */
/**
 * The Kubernetes API proxy over HTTP, end to end on 127.0.0.1: the real kubectl → Drover
 * (/k8s/clusters/c1) → a real agent tunnel → the stand-in kube-apiserver on the real etcd, with
 * Drover's impersonation checked by the stand-in's RBAC (test-support.ts).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { ADMIN, KUBECTL } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { https } from '../agents/test-support.ts';
import { DROVER_GROUP_ADMINS, DROVER_GROUP_CLUSTER_MEMBERS, DROVER_GROUP_CLUSTER_VIEWERS } from './groups.ts';
import { startProxyEnv } from './test-support.ts';
import type { ProxyEnv } from './test-support.ts';

const haveParts = existsSync(ETCD_BIN) && existsSync(KUBECTL);
const title = haveParts ? 'Kubernetes API proxy over HTTP (real kubectl, agent tunnel, stand-in apiserver on etcd)' : `Kubernetes API proxy over HTTP (skipped: ${ETCD_BIN} or ${KUBECTL} is absent)`;

describe.skipIf(!haveParts)(title, () => {
  let p: ProxyEnv;
  beforeAll(async () => {
    p = await startProxyEnv();
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  const whoami = async (user: string, extra: string[] = []) => {
    const r = await p.kubectl(user, ['auth', 'whoami', '-o', 'json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { status: { userInfo: { username: string; uid: string; groups: string[] } } }).status.userInfo;
  };

  it('get ns and create configmap as a member; the write is audited', async () => {
    const ns = await p.kubectl('mia', ['get', 'ns', '-o', 'name']);
    expect(ns.code, ns.stderr).toBe(0);
    expect(ns.stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system']));
    const c = await p.kubectl('mia', ['create', 'configmap', 'from-mia', '--from-literal=a=b']);
    expect(c.code, c.stderr).toBe(0);
    const got = await p.standin.kubectl(ADMIN, ['get', 'cm', 'from-mia', '-o', 'jsonpath={.data.a}']);
    expect(got.stdout).toBe('b');
    expect(p.audit).toContainEqual(expect.objectContaining({ source: 'proxy', user: 'mia', cluster: 'c1', verb: 'create', method: 'POST', path: '/api/v1/namespaces/default/configmaps', code: 201, durationMs: expect.any(Number) }));
    // Reads are not audited.
    expect(p.audit.some((r) => r.method === 'GET')).toBe(false);
    // The record is an AuditEvent, readable by the cluster's owner.
    await expect
      .poll(async () => {
        const res = await https(p.s, 'GET', '/apis/management.drover.dev/v1/auditevents', undefined, p.tokens.olga);
        return (res.body as { items: { source: string; user: { name: string } }[] }).items.filter((e) => e.source === 'proxy' && e.user.name === 'mia');
      }, { timeout: 5000 })
      .toContainEqual(expect.objectContaining({ verb: 'create', code: 201, cluster: 'c1', path: '/api/v1/namespaces/default/configmaps' }));
  });

  it('a large request body streams through (700 KiB configmap; etcd takes 1.5 MiB per request) and comes back whole', async () => {
    const big = 'x'.repeat(700 * 1024);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { big } };
    const c = await p.kubectl('mia', ['create', '-f', '-', '--validate=false'], { input: JSON.stringify(cm) });
    expect(c.code, c.stderr).toBe(0);
    const got = await p.kubectl('rita', ['get', 'cm', 'big', '-o', 'jsonpath={.data.big}']);
    expect(got.stdout.length).toBe(big.length);
    expect(got.stdout === big).toBe(true);
  });

  it('auth whoami shows the Drover user and the group of its role; a client Impersonate-User has no effect', async () => {
    const mia = await whoami('mia');
    expect(mia.username).toBe('mia');
    expect(mia.uid).not.toBe('');
    expect(mia.groups).toEqual([DROVER_GROUP_CLUSTER_MEMBERS, 'system:authenticated']);
    expect((await whoami('admin')).groups).toContain(DROVER_GROUP_ADMINS);
    expect((await whoami('rita')).groups).toContain(DROVER_GROUP_CLUSTER_VIEWERS);
    // kubectl --as sends Impersonate-User/-Group: Drover drops them and impersonates mia.
    const as = await whoami('mia', ['--as', 'admin', '--as-group', 'system:masters']);
    expect(as.username).toBe('mia');
    expect(as.groups).not.toContain('system:masters');
  });

  it('a watch delivers a change made after it started', async () => {
    expect((await p.kubectl('mia', ['create', 'configmap', 'w1', '--from-literal=k=1'])).code).toBe(0);
    const out = await p.kubectlUntil(
      'mia',
      ['get', 'cm', 'w1', '-w', '-o', 'jsonpath={.metadata.name}={.data.k}{"\\n"}'],
      // The line is whole only with its newline: output can arrive split mid-line.
      (o) => o.includes('w1=2\n'),
      async () => {
        const r = await p.kubectl('mia', ['patch', 'cm', 'w1', '--type=merge', '-p', '{"data":{"k":"2"}}']);
        if (r.code !== 0) throw new Error(r.stderr);
      },
    );
    expect(out).toMatch(/^w1=1\nw1=2\n/);
  });

  it("read-only: get works through the cluster's view binding; create is refused by Drover (403) and never reaches the cluster", async () => {
    const got = await p.kubectl('rita', ['get', 'cm', 'from-mia', '-o', 'jsonpath={.data.a}']);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toBe('b');
    const c = await p.kubectl('rita', ['create', 'configmap', 'from-rita', '--from-literal=a=b']);
    expect(c.code).not.toBe(0);
    expect(c.stderr).toContain('user "rita" is read-only in cluster "c1" and may not create configmaps in namespace "default"');
    expect((await p.standin.kubectl(ADMIN, ['get', 'cm', 'from-rita'])).stderr).toContain('not found');
    expect(p.audit).toContainEqual(expect.objectContaining({ user: 'rita', verb: 'create', code: 403 }));
  });

  it('a member may create in a namespace but not a ClusterRoleBinding: the cluster says no', async () => {
    const r = await p.kubectl('mia', ['create', 'clusterrolebinding', 'mia-admin', '--clusterrole=cluster-admin', '--user=mia']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('User "mia" cannot create resource "clusterrolebindings"');
    const owner = await p.kubectl('olga', ['create', 'clusterrolebinding', 'olga-view', '--clusterrole=view', '--user=olga']);
    expect(owner.code, owner.stderr).toBe(0);
  });

  it('a user without a role in the cluster and a missing cluster both get the same 404; anonymous gets 401', async () => {
    const nick = await https(p.s, 'GET', '/k8s/clusters/c1/api/v1/namespaces', undefined, p.tokens.nick);
    const none = await https(p.s, 'GET', '/k8s/clusters/nosuch/api/v1/namespaces', undefined, p.tokens.nick);
    const adminNone = await https(p.s, 'GET', '/k8s/clusters/nosuch/api/v1/namespaces', undefined, p.tokens.admin);
    expect(nick.status).toBe(404);
    expect(nick.headers['drover-error-code']).toBe('DROVER_ERR_PROXY_CLUSTER_NOT_FOUND');
    expect(nick.body.message).toBe('clusters "c1" not found');
    expect(none.status).toBe(404);
    expect(adminNone.status).toBe(404);
    expect(none.body.message).toBe('clusters "nosuch" not found');
    const anon = await https(p.s, 'GET', '/k8s/clusters/c1/api/v1/namespaces');
    expect(anon.status).toBe(401);
    const k = await p.kubectl('nick', ['get', 'ns']);
    expect(k.stderr).toContain('NotFound');
  });

  it('no control-plane node with a session: 503 with the reason', async () => {
    const res = await https(p.s, 'POST', '/apis/management.drover.dev/v1/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'idle' } }, p.tokens.admin);
    expect(res.status).toBe(201);
    const empty = await https(p.s, 'GET', '/k8s/clusters/idle/version', undefined, p.tokens.admin);
    expect(empty.status).toBe(503);
    expect(empty.headers['drover-error-code']).toBe('DROVER_ERR_PROXY_NO_CONTROLPLANE');
    expect(empty.body.message).toContain('has no control-plane node');
    const session = await p.connectNode('idle', 'cp-idle', []);
    session.destroy();
    await expect.poll(() => p.s.app.drover.agents.session('idle', 'cp-idle'), { timeout: 5000 }).toBeUndefined();
    const gone = await https(p.s, 'GET', '/k8s/clusters/idle/version', undefined, p.tokens.admin);
    expect(gone.status).toBe(503);
    expect(gone.body.message).toContain('cp-idle without an agent session');
  });

  it('every dial fails: 502 naming each node, within 3 s, trying the next node', async () => {
    await p.connectNode('dead', 'cp-a', [p.closedPort]);
    await p.connectNode('dead', 'cp-b', [p.closedPort]);
    const t0 = Date.now();
    const res = await https(p.s, 'GET', '/k8s/clusters/dead/version', undefined, p.tokens.admin);
    const ms = Date.now() - t0;
    expect(res.status).toBe(502);
    expect(res.headers['drover-error-code']).toBe('DROVER_ERR_PROXY_DIAL_FAILED');
    expect(res.body.message).toContain('node "cp-a"');
    expect(res.body.message).toContain('node "cp-b"');
    expect(ms).toBeLessThan(3000);
  });
});

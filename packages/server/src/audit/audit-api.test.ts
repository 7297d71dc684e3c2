/**
 * The management API's writes are AuditEvents, read with the real kubectl through the kubeconfig
 * each user downloads: admins read all, a cluster's owners those of their cluster, members and
 * read-only users none; nobody writes them, admins included (docs/adr/0016).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, call } from '../security/support.ts';
import { auditEventsAs, startAuditTestEnv } from './test-support.ts';
import type { AuditEventBody, AuditTestEnv } from './test-support.ts';

let env: AuditTestEnv;
beforeAll(async () => {
  env = await startAuditTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const tokenYaml = (name: string) => `apiVersion: management.drover.dev/v1\nkind: RegistrationToken\nmetadata:\n  name: ${name}\n  namespace: prod\n`;
const find = (items: AuditEventBody[], user: string, verb: string, path: string) => items.filter((e) => e.user.name === user && e.verb === verb && e.path === path);

describe('AuditEvents of management API writes', () => {
  it('records each write with user, verb, cluster and final status code, refused ones included', async () => {
    const made = await env.kubectl('max', ['create', '-f', '-'], { input: tokenYaml('join-max') });
    expect(made.code, made.stderr).toBe(0);
    const refused = await env.kubectl('rita', ['create', '-f', '-'], { input: tokenYaml('join-rita') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Forbidden');
    const conflict = await env.kubectl('max', ['create', '-f', '-'], { input: tokenYaml('join-max') });
    expect(conflict.stderr).toContain('AlreadyExists');
    const deleted = await env.kubectl('admin', ['delete', 'registrationtoken', 'join-max', '-n', 'prod']);
    expect(deleted.code, deleted.stderr).toBe(0);
    // A subresource write (status is the server's): refused, and audited.
    expect((await call(env.s, 'PATCH', `${G}/clusters/prod/status`, env.tokens.get('olga')!, { status: { state: 'Ready' } })).status).toBe(403);
    const user = await call(env.s, 'POST', `${G}/users`, env.tokens.get('admin')!, { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name: 'zoe' }, spec: { password: 'zoe-password-123' } });
    expect(user.status).toBe(201);

    const items = await auditEventsAs(env, 'admin');
    const tokens = `${G}/namespaces/prod/registrationtokens`;
    const created = find(items, 'max', 'create', tokens);
    expect(created.map((e) => e.code).sort()).toEqual([201, 409]);
    expect(created[0]).toMatchObject({ source: 'api', method: 'POST', cluster: 'prod', user: { name: 'max' } });
    expect(created[0]!.clusterUid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created[0]!.metadata.labels).toMatchObject({ 'management.drover.dev/cluster': 'prod', 'management.drover.dev/audit-source': 'api' });
    expect(find(items, 'rita', 'create', tokens).map((e) => e.code)).toEqual([403]);
    expect(find(items, 'admin', 'delete', `${tokens}/join-max`).map((e) => e.code)).toEqual([200]);
    expect(find(items, 'olga', 'patch', `${G}/clusters/prod/status`).map((e) => [e.code, e.cluster])).toEqual([[403, 'prod']]);
    // The four Users of the setup and zoe: writes of no cluster.
    const userWrites = find(items, 'admin', 'create', `${G}/users`);
    expect(userWrites.map((e) => e.code)).toEqual([201, 201, 201, 201, 201]);
    expect(userWrites.every((e) => e.cluster === undefined && e.clusterUid === undefined)).toBe(true);
    // The Cluster writes of the setup name the cluster created.
    expect(find(items, 'admin', 'create', `${G}/clusters`).map((e) => e.cluster).sort()).toEqual(['other', 'prod']);
    for (const e of items) {
      expect(Date.parse(e.time)).not.toBeNaN();
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
    }
    // Reads are not audited.
    expect(items.filter((e) => e.method === 'GET')).toEqual([]);
  });

  it('kubectl shows the columns, newest last (names sort by time)', async () => {
    await env.s.app.drover.audit.flush();
    const out = await env.kubectl('admin', ['get', 'auditevents']);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+USER\s+CLUSTER\s+VERB\s+CODE\s+PATH\s*$/);
    expect(lines.some((l) => /\srita\s+prod\s+create\s+403\s+\/apis\/management\.drover\.dev\/v1\/namespaces\/prod\/registrationtokens$/.test(l))).toBe(true);
    const times = lines.slice(1).map((l) => l.split(/\s+/)[0]!);
    expect(times).toEqual([...times].sort());
    const wide = await env.kubectl('admin', ['get', 'audit', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(/PATH\s+SOURCE\s+METHOD\s+DURATION\s+NAME\s*$/);
  });

  it("an owner reads the cluster's AuditEvents and no others; members and read-only users read none", async () => {
    const all = await auditEventsAs(env, 'admin');
    const olga = await auditEventsAs(env, 'olga');
    expect(olga.length).toBeGreaterThan(0);
    expect(olga.every((e) => e.cluster === 'prod')).toBe(true);
    expect(olga.map((e) => e.metadata.name).sort()).toEqual(all.filter((e) => e.cluster === 'prod' && e.clusterUid !== undefined).map((e) => e.metadata.name).sort());
    expect(olga.some((e) => e.user.name === 'max' && e.code === 201)).toBe(true);
    for (const user of ['max', 'rita', 'sam']) {
      const out = await env.kubectl(user, ['get', 'auditevents']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('No resources found');
      const one = await env.kubectl(user, ['get', 'auditevent', olga[0]!.metadata.name]);
      expect(one.code).toBe(1);
      expect(one.stderr).toContain('NotFound');
    }
    const byLabel = await env.kubectl('olga', ['get', 'auditevents', '-l', 'management.drover.dev/cluster=prod', '-o', 'name']);
    expect(byLabel.stdout.trim().split('\n').length).toBe(olga.length);
  });

  it('nobody creates, changes or deletes an AuditEvent, admins included (403), and the refusals are audited', async () => {
    const [one] = await auditEventsAs(env, 'admin');
    const name = one!.metadata.name;
    for (const user of ['admin', 'olga']) {
      const del = await env.kubectl(user, ['delete', 'auditevent', name]);
      expect(del.code).toBe(1);
      expect(del.stderr).toContain(`auditevents.management.drover.dev "${name}" is forbidden: User "${user}" cannot delete resource "auditevents"`);
      const can = await env.kubectl(user, ['auth', 'can-i', 'delete', 'auditevents']);
      expect(can.stdout.trim()).toBe('no');
    }
    const forged = `apiVersion: management.drover.dev/v1\nkind: AuditEvent\nmetadata:\n  name: forged\nsource: api\nuser: {name: nobody}\nverb: get\nmethod: GET\npath: /\ncode: 200\ndurationMs: 1\ntime: "2026-01-01T00:00:00.000Z"\n`;
    // kubectl's client-side validation finds no create operation in the OpenAPI and stops; without it the server refuses.
    const created = await env.kubectl('admin', ['create', '--validate=false', '-f', '-'], { input: forged });
    expect(created.code).toBe(1);
    expect(created.stderr).toContain('Forbidden');
    const admin = env.tokens.get('admin')!;
    expect((await call(env.s, 'PATCH', `${G}/auditevents/${name}`, admin, { code: 200 })).status).toBe(403);
    expect((await call(env.s, 'PUT', `${G}/auditevents/${name}`, admin, one)).status).toBe(403);
    expect((await call(env.s, 'DELETE', `${G}/auditevents`, admin)).status).toBe(403);
    const after = await auditEventsAs(env, 'admin');
    expect(after.some((e) => e.metadata.name === name)).toBe(true);
    expect(after.some((e) => e.metadata.name === 'forged')).toBe(false);
    expect(find(after, 'admin', 'create', `${G}/auditevents`).map((e) => e.code)).toEqual([403]);
    expect(find(after, 'admin', 'delete', `${G}/auditevents/${name}`).map((e) => e.code)).toEqual([403]);
    expect(find(after, 'admin', 'deletecollection', `${G}/auditevents`).map((e) => e.code)).toEqual([403]);
  });
});

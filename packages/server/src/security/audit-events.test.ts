/**
 * The audit trail is append-only and private to those it concerns (docs/adr/0016): no caller
 * writes an AuditEvent through the API, admins included; members, read-only users and strangers
 * read none, not even through a watch; and a cluster re-created under a free name does not inherit
 * its predecessor's trail (records follow the Cluster's uid, as memberships follow the User's).
 * Actors: admin, owner olga, member max, read-only rita, stranger sam (audit/test-support.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../kinds/resources.ts';
import { auditEventsAs, startAuditTestEnv } from '../audit/test-support.ts';
import type { AuditTestEnv } from '../audit/test-support.ts';
import { G, call, streamGet, until } from './support.ts';

let env: AuditTestEnv;
const token = (user: string) => env.tokens.get(user)!;
const rtBody = (name: string) => ({ apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name } });
beforeAll(async () => {
  env = await startAuditTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('AuditEvents', () => {
  it('are written by nobody through the API, admins included: every write verb is a 403 and stores nothing', async () => {
    await env.s.app.drover.audit.flush();
    const before = (await env.s.t.store.list(RESOURCES.auditevents)).items;
    const one = before[0]!;
    const name = one.metadata.name;
    const forged = { apiVersion: 'management.drover.dev/v1', kind: 'AuditEvent', metadata: { name: 'forged' }, source: 'api', user: { name: 'nobody' }, verb: 'get', method: 'GET', path: '/', code: 200, durationMs: 0, time: one.time };
    for (const user of ['admin', 'olga', 'max', 'rita', 'sam']) {
      const answers = [
        await call(env.s, 'POST', `${G}/auditevents`, token(user), forged),
        await call(env.s, 'PUT', `${G}/auditevents/${name}`, token(user), { ...one, code: 200 }),
        await call(env.s, 'PATCH', `${G}/auditevents/${name}`, token(user), { code: 200 }),
        await call(env.s, 'DELETE', `${G}/auditevents/${name}`, token(user)),
        await call(env.s, 'DELETE', `${G}/auditevents`, token(user)),
      ];
      expect(answers.map((a) => a.status), user).toEqual([403, 403, 403, 403, 403]);
    }
    const stored = await env.s.t.store.get(RESOURCES.auditevents, '', name);
    expect(stored.metadata.resourceVersion).toBe(one.metadata.resourceVersion);
    expect(await env.s.t.store.tryGet(RESOURCES.auditevents, '', 'forged')).toBeUndefined();
  });

  it("are read by no member, read-only user or stranger, not even through a watch; the owner's watch sees the cluster's", async () => {
    const watches = Object.fromEntries(
      await Promise.all(['olga', 'max', 'rita', 'sam'].map(async (u) => [u, await streamGet(env.s, `${G}/auditevents?watch=true&resourceVersion=${await env.s.t.store.currentResourceVersion()}`, token(u))] as const)),
    );
    try {
      for (const w of Object.values(watches)) expect(w.status).toBe(200);
      expect((await call(env.s, 'POST', `${G}/namespaces/prod/registrationtokens`, token('max'), rtBody('watched'))).status).toBe(201);
      await env.s.app.drover.audit.flush();
      await until(() => watches.olga!.lines.some((l) => l.includes('/namespaces/prod/registrationtokens')), 10_000, "the owner's watch event");
      // A later event every watch would see if it saw anything: the admin's cluster write, in prod too.
      expect((await call(env.s, 'POST', `${G}/namespaces/prod/registrationtokens`, token('admin'), rtBody('watched-2'))).status).toBe(201);
      await env.s.app.drover.audit.flush();
      await until(() => watches.olga!.lines.filter((l) => l.includes('ADDED')).length >= 2, 10_000, 'both events on the owner watch');
      for (const u of ['max', 'rita', 'sam']) expect(watches[u]!.lines.filter((l) => l.includes('ADDED')), u).toEqual([]);
    } finally {
      for (const w of Object.values(watches)) w.close();
    }
    for (const u of ['max', 'rita', 'sam']) {
      const list = await call(env.s, 'GET', `${G}/auditevents`, token(u));
      expect((list.body as { items: unknown[] }).items, u).toEqual([]);
    }
  });

  it("of a deleted cluster are not inherited by the next cluster of that name; admins keep them", async () => {
    expect((await call(env.s, 'POST', `${G}/clusters`, token('olga'), { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'scratch' } })).status).toBe(201);
    expect((await call(env.s, 'POST', `${G}/namespaces/scratch/registrationtokens`, token('olga'), rtBody('old'))).status).toBe(201);
    await env.s.app.drover.audit.flush();
    const olgaSaw = (await auditEventsAs(env, 'olga')).filter((e) => e.cluster === 'scratch').map((e) => e.path);
    expect(olgaSaw).toEqual([`${G}/clusters`, `${G}/namespaces/scratch/registrationtokens`]);
    expect((await call(env.s, 'DELETE', `${G}/clusters/scratch`, token('olga'))).status).toBe(200);
    expect((await call(env.s, 'POST', `${G}/clusters`, token('sam'), { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'scratch' } })).status).toBe(201);
    const samSees = await auditEventsAs(env, 'sam');
    expect(samSees.map((e) => [e.user.name, e.verb, e.path])).toEqual([['sam', 'create', `${G}/clusters`]]);
    const adminSees = (await auditEventsAs(env, 'admin')).filter((e) => e.cluster === 'scratch').map((e) => [e.user.name, e.verb, e.code]);
    expect(adminSees).toEqual([
      ['olga', 'create', 201],
      ['olga', 'create', 201],
      ['olga', 'delete', 200],
      ['sam', 'create', 201],
    ]);
  });
});

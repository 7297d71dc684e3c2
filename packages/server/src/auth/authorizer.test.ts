import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestAttributes, RequestUser } from '../api/contract.ts';
import { API_VERSION, GROUP, RESOURCES } from '../kinds/resources.ts';
import { createTempStore, testUser } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createAuthorizer } from './authorizer.ts';
import type { AuthorizerWithMemberships } from './authorizer.ts';
import { createMemberships } from './memberships.ts';

let t: TempStore;
let authz: AuthorizerWithMemberships;
const admin = testUser('admin', true);
const owner = testUser('olga');
const member = testUser('max');
const reader = testUser('rita');
const stranger = testUser('sam');
const anonymous: RequestUser = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'], admin: false, via: 'anonymous' };

async function addMember(ns: string, user: string, role: string): Promise<void> {
  await t.store.create(RESOURCES.clustermembers, {
    apiVersion: API_VERSION, kind: 'ClusterMember', metadata: { name: `${user}`, namespace: ns }, spec: { user, role }, status: { userUid: testUser(user).uid },
  });
}

beforeAll(async () => {
  t = await createTempStore();
  authz = createAuthorizer(t.store, createMemberships(t.store));
  await addMember('c1', 'olga', 'owner');
  await addMember('c1', 'max', 'member');
  await addMember('c1', 'rita', 'read-only');
  await addMember('c2', 'sam', 'owner');
  await t.store.create(RESOURCES.tokens, { apiVersion: API_VERSION, kind: 'Token', metadata: { name: 'tok-max' }, spec: { user: 'max' } });
});
afterAll(async () => t.cleanup());

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
type Verb = (typeof VERBS)[number];
const attrs = (verb: Verb, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ verb, group: GROUP, resource, ...extra });

/** The verbs `user` is allowed on (resource, namespace, name). */
async function verbsFor(user: RequestUser, resource: string, extra: Partial<RequestAttributes>): Promise<string[]> {
  const out: string[] = [];
  for (const verb of VERBS) {
    if (verb === 'deletecollection' && extra.name !== undefined) continue;
    if (await authz.allowed(user, attrs(verb, resource, extra))) out.push(verb);
  }
  return out;
}

describe('authorizer matrix in cluster c1', () => {
  const READ = ['get', 'list', 'watch'];
  const ALL_NAMED = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const cases: [string, RequestUser, string, Partial<RequestAttributes>, string[]][] = [
    // the Cluster object itself (name = c1)
    ['owner / cluster c1', owner, 'clusters', { name: 'c1' }, ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']],
    ['member / cluster c1', member, 'clusters', { name: 'c1' }, ['get', 'list', 'watch', 'create']],
    ['reader / cluster c1', reader, 'clusters', { name: 'c1' }, ['get', 'list', 'watch', 'create']],
    // Named reads are left to canSee (404 when invisible): see the canSee tests.
    ['stranger / cluster c1', stranger, 'clusters', { name: 'c1' }, ['create']],
    ['admin / cluster c1', admin, 'clusters', { name: 'c1' }, ALL_NAMED],
    // nodes and registration tokens
    ...(['nodes', 'registrationtokens'] as const).flatMap((r): [string, RequestUser, string, Partial<RequestAttributes>, string[]][] => [
      [`owner / ${r}`, owner, r, { namespace: 'c1', name: 'x' }, ALL_NAMED],
      [`member / ${r}`, member, r, { namespace: 'c1', name: 'x' }, ALL_NAMED],
      [`reader / ${r}`, reader, r, { namespace: 'c1', name: 'x' }, READ],
      [`stranger / ${r}`, stranger, r, { namespace: 'c1', name: 'x' }, []],
      [`stranger / ${r} collection`, stranger, r, { namespace: 'c1' }, []],
      [`member / ${r} collection`, member, r, { namespace: 'c1' }, [...READ, 'create', 'update', 'patch', 'delete', 'deletecollection']],
    ]),
    // members
    ['owner / clustermembers', owner, 'clustermembers', { namespace: 'c1', name: 'x' }, ALL_NAMED],
    ['member / clustermembers', member, 'clustermembers', { namespace: 'c1', name: 'x' }, READ],
    ['reader / clustermembers', reader, 'clustermembers', { namespace: 'c1', name: 'x' }, READ],
    ['stranger / clustermembers', stranger, 'clustermembers', { namespace: 'c1', name: 'x' }, []],
    ['stranger / clustermembers collection', stranger, 'clustermembers', { namespace: 'c1' }, []],
    ['reader / events collection', reader, 'events', { namespace: 'c1' }, READ],
    // events are written by the server only
    ['owner / events', owner, 'events', { namespace: 'c1', name: 'x' }, READ],
    ['admin / events', admin, 'events', { namespace: 'c1', name: 'x' }, ALL_NAMED],
    // users
    ['self / user', member, 'users', { name: 'max' }, ['get', 'list', 'watch']],
    ['other / user', member, 'users', { name: 'olga' }, []],
    ['any / users collection', member, 'users', {}, ['list', 'watch']],
    ['admin / users', admin, 'users', { name: 'olga' }, ALL_NAMED],
    // tokens: own ones only; a missing token is allowed so that the API answers 404
    ['own token', member, 'tokens', { name: 'tok-max' }, ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']],
    ['foreign token', owner, 'tokens', { name: 'tok-max' }, ['list', 'watch', 'create']],
    ['missing token', owner, 'tokens', { name: 'nope' }, ALL_NAMED],
    ['tokens collection', owner, 'tokens', {}, ['list', 'watch', 'create']],
  ];
  for (const [title, user, resource, extra, want] of cases) {
    it(title, async () => {
      expect(await verbsFor(user, resource, extra)).toEqual(want);
    });
  }

  it('roles do not leak into other clusters', async () => {
    expect(await verbsFor(owner, 'nodes', { namespace: 'c2', name: 'x' })).toEqual([]);
    expect(await verbsFor(owner, 'nodes', { namespace: 'c2' })).toEqual([]);
    expect(await verbsFor(stranger, 'nodes', { namespace: 'c2', name: 'x' })).toEqual(ALL_NAMED);
    expect(await verbsFor(owner, 'clusters', { name: 'c2' })).toEqual(['create']);
  });

  it('refuses status subresources, other groups, unknown kinds and anonymous callers to non-admins', async () => {
    expect(await authz.allowed(owner, attrs('update', 'clusters', { name: 'c1', subresource: 'status' }))).toBe(false);
    expect(await authz.allowed(member, attrs('patch', 'nodes', { namespace: 'c1', name: 'x', subresource: 'status' }))).toBe(false);
    expect(await authz.allowed(owner, { verb: 'get', group: 'apps', resource: 'clusters', name: 'c1' })).toBe(false);
    expect(await authz.allowed(owner, attrs('get', 'snapshots', { namespace: 'c1', name: 'x' }))).toBe(false);
    expect(await authz.allowed(anonymous, attrs('create', 'clusters'))).toBe(false);
    expect(await authz.allowed(anonymous, attrs('list', 'clusters'))).toBe(false);
    expect(await authz.allowed(admin, attrs('update', 'clusters', { name: 'c1', subresource: 'status' }))).toBe(true);
  });

  it('allows all-namespace list/watch (filtered) but no all-namespace writes or named gets', async () => {
    expect(await verbsFor(member, 'nodes', {})).toEqual(['list', 'watch']);
    expect(await authz.allowed(owner, attrs('deletecollection', 'clusters'))).toBe(false);
  });
});

describe('canSee', () => {
  const obj = (name: string, namespace?: string, spec?: unknown) => ({ metadata: namespace === undefined ? { name } : { name, namespace }, spec });
  it('filters clusters and namespaced objects by membership', async () => {
    for (const u of [owner, member, reader]) {
      expect(await authz.canSee(u, 'clusters', obj('c1'))).toBe(true);
      expect(await authz.canSee(u, 'clusters', obj('c2'))).toBe(false);
      expect(await authz.canSee(u, RESOURCES.nodes, obj('n1', 'c1'))).toBe(true);
      expect(await authz.canSee(u, 'events', obj('e1', 'c2'))).toBe(false);
    }
    expect(await authz.canSee(stranger, 'registrationtokens', obj('r', 'c1'))).toBe(false);
    expect(await authz.canSee(admin, 'registrationtokens', obj('r', 'c9'))).toBe(true);
  });
  it('shows users only themselves and tokens only their owner', async () => {
    expect(await authz.canSee(member, 'users', obj('max'))).toBe(true);
    expect(await authz.canSee(member, 'users', obj('olga'))).toBe(false);
    expect(await authz.canSee(member, 'tokens', obj('t', undefined, { user: 'max' }))).toBe(true);
    expect(await authz.canSee(owner, 'tokens', obj('t', undefined, { user: 'max' }))).toBe(false);
    expect(await authz.canSee(anonymous, 'clusters', obj('c1'))).toBe(false);
  });
});

describe('rules', () => {
  it('lists the rules of each role', async () => {
    expect(await authz.rules(admin, 'c1')).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    const ownerRules = await authz.rules(owner, 'c1');
    expect(ownerRules).toContainEqual({ verbs: ['update', 'patch', 'delete'], apiGroups: [GROUP], resources: ['clusters'], resourceNames: ['c1'] });
    expect(ownerRules.some((r) => r.resources.includes('clustermembers') && r.verbs.includes('create'))).toBe(true);
    const memberRules = await authz.rules(member, 'c1');
    expect(memberRules.some((r) => r.resources.includes('nodes') && r.verbs.includes('delete'))).toBe(true);
    expect(memberRules.some((r) => r.resources.includes('clustermembers') && r.verbs.includes('create'))).toBe(false);
    const readerRules = await authz.rules(reader, 'c1');
    expect(readerRules.some((r) => r.verbs.includes('delete') && r.resources.includes('nodes'))).toBe(false);
    expect(await authz.rules(stranger, 'c1')).toEqual(await authz.rules(stranger, undefined));
  });
});

describe('memberships index', () => {
  it('follows ClusterMember changes through its watch', async () => {
    const m = authz.memberships;
    await m.start();
    try {
      expect(await m.roleIn('uid-nina', 'c1')).toBeUndefined();
      await addMember('c1', 'nina', 'read-only');
      await expect.poll(() => m.roleIn('uid-nina', 'c1'), { timeout: 5000 }).toBe('read-only');
      const cur = await t.store.get(RESOURCES.clustermembers, 'c1', 'nina');
      await t.store.update(RESOURCES.clustermembers, { ...cur, spec: { user: 'nina', role: 'owner' } });
      await expect.poll(() => m.roleIn('uid-nina', 'c1'), { timeout: 5000 }).toBe('owner');
      await t.store.delete(RESOURCES.clustermembers, 'c1', 'nina');
      await expect.poll(() => m.roleIn('uid-nina', 'c1'), { timeout: 5000 }).toBeUndefined();
      expect([...(await m.clustersOf('uid-olga')).entries()]).toEqual([['c1', 'owner']]);
    } finally {
      m.close();
    }
  });
});

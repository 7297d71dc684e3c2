import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemberships } from '../auth/memberships.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { migrateMemberUids } from './migrate-member-uids.ts';
import { API_VERSION, RESOURCES } from './resources.ts';

let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const legacyMember = (user: string) => ({ apiVersion: API_VERSION, kind: 'ClusterMember', metadata: { name: user, namespace: 'c1' }, spec: { user, role: 'member' } });
const user = (name: string) => ({ apiVersion: API_VERSION, kind: 'User', metadata: { name }, spec: {} });

describe('migrateMemberUids (members written before uid binding)', () => {
  it('binds a member to the User of its name that exists now, marks the rest Dangling, and runs once', async () => {
    const ann = await t.store.create(RESOURCES.users, user('ann'));
    await t.store.create(RESOURCES.clustermembers, legacyMember('ann'));
    await t.store.create(RESOURCES.clustermembers, legacyMember('ghost'));
    expect(await migrateMemberUids(t.store)).toEqual({ bound: 1, dangling: 1 });
    expect((await t.store.get(RESOURCES.clustermembers, 'c1', 'ann')).status).toEqual({ userUid: ann.metadata.uid, state: 'Bound' });
    expect((await t.store.get(RESOURCES.clustermembers, 'c1', 'ghost')).status).toMatchObject({ state: 'Dangling' });

    // A User created later under the dangling name gets nothing, even after another start.
    const ghost = await t.store.create(RESOURCES.users, user('ghost'));
    expect(await migrateMemberUids(t.store)).toBeUndefined();
    const m = createMemberships(t.store);
    expect(await m.roleIn(ann.metadata.uid, 'c1')).toBe('member');
    expect(await m.roleIn(ghost.metadata.uid, 'c1')).toBeUndefined();
  });
});

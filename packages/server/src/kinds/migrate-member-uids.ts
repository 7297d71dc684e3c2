/**
 * One-time start-up migration for stores written before memberships were bound to users (issue 9,
 * finding 8): a ClusterMember without `status.userUid` is bound to the User of its name if that User
 * exists now — the access it gave until this start — and is marked Dangling otherwise, so a User
 * created later under that name inherits nothing. A marker record makes later starts skip it (a
 * Dangling member must never be bound by a later run). Runs before the server serves.
 */
import type { Store } from '@drover/store';
import { boundUid, memberBinding } from '../auth/member-binding.ts';
import { clusterMembers } from './cluster-member.ts';
import { MIGRATIONS } from './migrate-secret-fields.ts';
import { RESOURCES } from './resources.ts';

const MARKER = 'cluster-member-uids-v1';

/** Binds legacy members; returns how many were bound and how many marked Dangling (undefined: already done). */
export async function migrateMemberUids(store: Store): Promise<{ bound: number; dangling: number } | undefined> {
  if ((await store.tryGet(MIGRATIONS, '', MARKER)) !== undefined) return undefined;
  const counts = { bound: 0, dangling: 0 };
  await store.transaction(async (tx) => {
    for (const m of await clusterMembers.client(tx).list()) {
      if (boundUid(m) !== undefined) continue;
      const name = m.spec.user;
      const user = name === '' ? undefined : await tx.tryGet(RESOURCES.users, '', name);
      const status = user === undefined || user.metadata.deletionTimestamp !== undefined ? memberBinding(m, undefined) : { userUid: user.metadata.uid, state: 'Bound' as const };
      counts[status.state === 'Bound' ? 'bound' : 'dangling'] += 1;
      await tx.update(RESOURCES.clustermembers, { ...m, status: { ...status } });
    }
    await tx.create(MIGRATIONS, { apiVersion: 'internal.drover.dev/v1', kind: 'Migration', metadata: { name: MARKER }, spec: counts });
  });
  return counts;
}

/**
 * Whether a ClusterMember still stands for the User it was granted to (issue 9, finding 8). A
 * membership is bound to the User's uid when it is created (kinds/hooks-cluster-member.ts); the
 * membership index grants roles by that uid (memberships.ts), so this module only says what the
 * member shows: `Bound`, or `Dangling` with the reason. A name is not an identity: a User deleted
 * and created again under the same name is another user and inherits nothing.
 */
import type { StoredObject } from '@drover/store';
import type { MemberState } from '../kinds/cluster-member.ts';

export interface MemberStatus {
  userUid?: string;
  state: MemberState;
  message?: string;
}

/** The uid a member is bound to, if any. */
export function boundUid(member: StoredObject): string | undefined {
  const uid = (member.status as { userUid?: unknown } | undefined)?.userUid;
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
}

/** The status `member` should show, given the User of its `spec.user` name now (undefined: none). */
export function memberBinding(member: StoredObject, user: StoredObject | undefined): MemberStatus {
  const spec = (member.spec ?? {}) as { user?: unknown };
  const name = typeof spec.user === 'string' ? spec.user : '';
  const userUid = boundUid(member);
  const live = user !== undefined && user.metadata.deletionTimestamp === undefined;
  if (userUid === undefined) {
    return { state: 'Dangling', message: `not bound to a user: it was created, before memberships were bound to users, for a user "${name}" that did not exist then` };
  }
  if (live && user.metadata.uid === userUid) return { userUid, state: 'Bound' };
  if (!live) return { userUid, state: 'Dangling', message: `user "${name}" (uid ${userUid}) no longer exists; this membership grants nothing` };
  return { userUid, state: 'Dangling', message: `user "${name}" was deleted and created again (uid ${user.metadata.uid}); the new user does not inherit this membership` };
}

/**
 * ClusterMember hooks: keep the membership index in step with writes made through the API
 * (its store watch catches up within milliseconds; this makes the writer's own next request
 * see the change), and keep every cluster with at least one owner.
 *
 * Binding (issue 9, finding 8): a member must name an existing User (422 otherwise, as Rancher's
 * ClusterRoleTemplateBinding needs an existing user principal: granting a role to a name nobody
 * holds yet would hand it to whoever takes the name). Its `status.userUid` is set here to that
 * User's uid and is the server's: a client's `status` is replaced on create and kept on update.
 */
import type { KindHooks } from '../api/contract.ts';
import type { Memberships } from '../auth/memberships.ts';
import { invalid, metaOf } from './hooks-util.ts';
import { clusterMembers } from './cluster-member.ts';
import type { ClusterMember } from './cluster-member.ts';
import { RESOURCES } from './resources.ts';
import type { Store } from '@drover/store';

export interface ClusterMemberHookDeps {
  memberships: Memberships;
}

/** Owners of `cluster` other than the member object `except`. */
async function otherOwners(store: Store, cluster: string, except: string): Promise<number> {
  const members = await clusterMembers.client(store).list({ namespace: cluster });
  return members.filter((m) => m.metadata.name !== except && m.spec.role === 'owner').length;
}

async function clusterExists(store: Store, cluster: string): Promise<boolean> {
  const { items } = await store.list(RESOURCES.clusters, { fieldSelector: `metadata.name=${cluster}` });
  return items.length > 0;
}

export function clusterMemberHooks(deps: ClusterMemberHookDeps): KindHooks<ClusterMember> {
  return {
    async beforeCreate(obj, ctx) {
      const name = obj.spec.user;
      const user = await ctx.store.tryGet(RESOURCES.users, '', name);
      if (user === undefined || user.metadata.deletionTimestamp !== undefined) {
        throw invalid(`spec.user: Invalid value: ${JSON.stringify(name)}: user ${JSON.stringify(name)} does not exist; create the User first (a membership is bound to the user it names when it is created)`);
      }
      obj.status = { userUid: user.metadata.uid, state: 'Bound' };
    },
    afterCreate() {
      deps.memberships.invalidate();
      return Promise.resolve();
    },
    async beforeUpdate(next, prev, ctx) {
      const { name, namespace } = metaOf(prev);
      const was = prev.spec;
      const now = next.spec;
      if (now.user !== was.user) throw invalid('spec.user: field is immutable');
      // Server-kept: the binding controller writes it through the store, never through here.
      if (prev.status === undefined) delete next.status;
      else next.status = structuredClone(prev.status);
      if (was.role === 'owner' && now.role !== 'owner' && (await otherOwners(ctx.store, namespace, name)) === 0) {
        throw invalid(`cluster "${namespace}" needs an owner: add another owner before changing this one`);
      }
      deps.memberships.invalidate();
    },
    async beforeDelete(obj, ctx) {
      const { name, namespace } = metaOf(obj);
      const role = obj.spec.role;
      // The Cluster's own delete cascade removes members directly in the store, not through here.
      if (role === 'owner' && (await clusterExists(ctx.store, namespace)) && (await otherOwners(ctx.store, namespace, name)) === 0) {
        throw invalid(`cluster "${namespace}" needs an owner: add another owner before removing this one`);
      }
      deps.memberships.invalidate();
    },
  };
}

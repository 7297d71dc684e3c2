/**
 * ClusterMember hooks: keep the membership index in step with writes made through the API
 * (its store watch catches up within milliseconds; this makes the writer's own next request
 * see the change), and keep every cluster with at least one owner.
 */
import type { KindHooks } from '../api/contract.ts';
import type { Memberships } from '../auth/memberships.ts';
import { invalid, metaOf } from './hooks-util.ts';
import type { Obj } from './hooks-util.ts';
import { RESOURCES } from './resources.ts';
import type { Store } from '@drover/store';

export interface ClusterMemberHookDeps {
  memberships: Memberships;
}

/** Owners of `cluster` other than the member object `except`. */
async function otherOwners(store: Store, cluster: string, except: string): Promise<number> {
  const { items } = await store.list(RESOURCES.clustermembers, { namespace: cluster });
  return items.filter((m) => m.metadata.name !== except && (m.spec as { role?: unknown } | undefined)?.role === 'owner').length;
}

async function clusterExists(store: Store, cluster: string): Promise<boolean> {
  const { items } = await store.list(RESOURCES.clusters, { fieldSelector: `metadata.name=${cluster}` });
  return items.length > 0;
}

export function clusterMemberHooks(deps: ClusterMemberHookDeps): KindHooks {
  return {
    afterCreate() {
      deps.memberships.invalidate();
      return Promise.resolve();
    },
    async beforeUpdate(next, prev, ctx) {
      const { name, namespace } = metaOf(prev);
      const was = (prev.spec ?? {}) as Obj;
      const now = (next.spec ?? {}) as Obj;
      if (now.user !== was.user) throw invalid('spec.user: field is immutable');
      if (was.role === 'owner' && now.role !== 'owner' && (await otherOwners(ctx.store, namespace, name)) === 0) {
        throw invalid(`cluster "${namespace}" needs an owner: add another owner before changing this one`);
      }
      deps.memberships.invalidate();
    },
    async beforeDelete(obj, ctx) {
      const { name, namespace } = metaOf(obj);
      const role = (obj.spec as { role?: unknown } | undefined)?.role;
      // The Cluster's own delete cascade removes members directly in the store, not through here.
      if (role === 'owner' && (await clusterExists(ctx.store, namespace)) && (await otherOwners(ctx.store, namespace, name)) === 0) {
        throw invalid(`cluster "${namespace}" needs an owner: add another owner before removing this one`);
      }
      deps.memberships.invalidate();
    },
  };
}

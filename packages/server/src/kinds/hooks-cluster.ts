/**
 * Cluster hooks. The spec's semantic checks (versions, CIDRs; 422 naming the field) run on every
 * write. Registry passwords are sealed on every write and shown as `passwordSet`
 * (registry-passwords.ts). afterCreate: the creator becomes the cluster's owner (a ClusterMember in the
 * namespace of the cluster's name). beforeDelete: every object in that namespace goes, in one
 * store transaction, and the cluster's node access is revoked.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store } from '@drover/store';
import type { KindHooks } from '../api/contract.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { NodeAccess } from '../registration/node-access.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { invalid } from '../errors-kube.ts';
import { checkClusterSpec } from '../provisioning/cluster-spec-check.ts';
import { versionTable } from '../provisioning/versions.ts';
import type { Cluster } from './cluster.ts';
import { metaOf } from './hooks-util.ts';
import type { Obj } from './hooks-util.ts';
import { presentRegistryPasswords, sealRegistryPasswords } from './registry-passwords.ts';
import { API_VERSION, GROUP, RESOURCES } from './resources.ts';
import type { Resource } from '../resources/define-resource.ts';
import type { Registry } from '../resources/registry.ts';

export interface ClusterHookDeps {
  memberships: Memberships;
  nodeAccess: NodeAccess;
  /** Seals private registry passwords (write-only fields). */
  secretBox: SecretBox;
  /** A Cluster's delete cascades to every Namespaced kind of it. */
  registry: Registry;
}

/** Deletes every object of every namespaced kind in `namespace` in one transaction; returns how many. */
export async function deleteNamespace(store: Store, namespace: string, kinds: readonly Resource[]): Promise<number> {
  return store.transaction(async (tx) => {
    let n = 0;
    for (const { resource } of kinds) {
      const { items } = await tx.list(resource, { namespace });
      for (const item of items) {
        // A cascade does not wait for finalizers: clear them so the object is removed now.
        if ((item.metadata.finalizers?.length ?? 0) > 0) {
          await tx.update(resource, { ...item, metadata: { ...item.metadata, finalizers: [] } });
          if (item.metadata.deletionTimestamp !== undefined) {
            n += 1;
            continue; // the update above removed it
          }
        }
        await tx.delete(resource, namespace, item.metadata.name);
        n += 1;
      }
    }
    return n;
  });
}

/** 422 naming each field when the spec fails the checks a schema cannot express (provisioning/cluster-spec-check.ts). */
function checkSpec(next: Obj, prev: Obj | undefined): void {
  const spec = (next as Cluster).spec;
  const causes = checkClusterSpec(spec, versionTable(), (prev as Cluster | undefined)?.spec);
  if (causes.length > 0) throw invalid({ plural: 'clusters', group: GROUP, kind: 'Cluster', name: metaOf(next).name }, causes);
}

export function clusterHooks(deps: ClusterHookDeps): KindHooks {
  return {
    beforeCreate(obj) {
      checkSpec(obj, undefined);
      sealRegistryPasswords(obj, undefined, deps.secretBox);
      return Promise.resolve();
    },
    beforeUpdate(next, prev) {
      checkSpec(next, prev);
      sealRegistryPasswords(next, prev, deps.secretBox);
      return Promise.resolve();
    },
    present: presentRegistryPasswords,
    async afterCreate(obj, ctx) {
      const { name } = metaOf(obj);
      try {
        await ctx.store.create(RESOURCES.clustermembers, {
          apiVersion: API_VERSION,
          kind: 'ClusterMember',
          metadata: { name: ctx.user.name, namespace: name, labels: { 'drover.dev/user': ctx.user.name } },
          spec: { user: ctx.user.name, role: 'owner' },
          status: { userUid: ctx.user.uid, state: 'Bound' },
        });
      } catch (err) {
        if (!isStoreError(err, StoreErrorCode.ALREADY_EXISTS)) throw err;
      }
      deps.memberships.invalidate();
    },
    async beforeDelete(obj, ctx) {
      if (ctx.dryRun) return;
      const { name } = metaOf(obj);
      await deps.nodeAccess.revokeClusterNodeAccess(name);
      await deleteNamespace(ctx.store, name, deps.registry.namespaced);
      deps.memberships.invalidate();
    },
  };
}

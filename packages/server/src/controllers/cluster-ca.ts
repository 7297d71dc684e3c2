/**
 * Every Cluster has a CA (cluster-pki/cluster-ca.ts): created for a Cluster that has none (also
 * for clusters from before this controller), shown as `status.caChecksum`, and deleted once the
 * Cluster is gone. Keys are cluster names; a CA record's change requeues its cluster, so records
 * left by clusters deleted while the server was down are found at start.
 */
import type { Store } from '@drover/store';
import { CLUSTER_CAS, deleteClusterCa, ensureClusterCa } from '../cluster-pki/cluster-ca.ts';
import { RESOURCES } from '../kinds/resources.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject, updateIfChanged, withStatus } from './object-ops.ts';
import { whenChanged } from './watch-filter.ts';

export function clusterCaController(store: Store, secretBox: SecretBox): ControllerDefinition {
  return defineController({
    name: 'cluster-ca',
    for: RESOURCES.clusters,
    watches: [{ resource: CLUSTER_CAS, map: (record) => record.metadata.name }],
    // What it reads and writes of the Cluster; the others' status writes pass it by.
    forEvents: whenChanged((c) => [c.metadata.uid, (c.status as { caChecksum?: unknown } | undefined)?.caChecksum]),
    concurrency: 2,
    async reconcile({ name }) {
      const obj = await getObject(store, RESOURCES.clusters, { namespace: '', name });
      if (obj === undefined) {
        await deleteClusterCa(store, name);
        return;
      }
      if (obj.metadata.deletionTimestamp !== undefined) return; // revisited when it is gone
      const ca = await ensureClusterCa(store, secretBox, obj);
      await updateIfChanged(store, RESOURCES.clusters, obj, withStatus(obj, { caChecksum: ca.checksum }));
    },
  });
}

/**
 * A store-level fixture for scale tests (`./scripts/bench agents`): N registered Nodes spread
 * over clusters of `nodesPerCluster`, with their node credentials, written straight to the store in large transactions,
 * as N registrations would leave them (state Registering, an HMAC-hashed live credential bound
 * to an engine ID), but in seconds instead of N HTTP round trips. The machine-secret key is the
 * one the server will load from the same data directory, so the credentials verify.
 * Not for production code: exported as `@drover/server/testing`.
 */
import { join } from 'node:path';
import type { Store } from '@drover/store';
import { createMachineSecretHasher, loadMachineSecretKey, MACHINE_SECRET_KEY_FILE } from '../auth/machine-secret-hash.ts';
import { GROUP, RESOURCES } from '../kinds/resources.ts';
import { withState } from './node-status.ts';
import { NODE_CREDENTIALS, prepareCredential } from './node-credentials.ts';

export interface SeededNode {
  cluster: string;
  node: string;
  /** The bearer the agent presents (`drovernode_<cluster>_<node>_<secret>`). */
  credential: string;
  /** The Docker engine ID the credential is bound to (sent as X-Drover-Engine-Id). */
  engineId: string;
}

export interface SeedNodesOptions {
  /** Data directory of the server that will serve these nodes (its machine-secrets.key is used, or created). */
  dataDir: string;
  /** Nodes in all. */
  count: number;
  /** Nodes per cluster (a site); clusters are named `<clusterPrefix>-<k>`. Default 50. */
  nodesPerCluster?: number;
  /** Default `scale`. */
  clusterPrefix?: string;
  /** Objects per transaction. Default 1000. */
  batch?: number;
}

/** Writes the clusters, `count` Nodes (`node-<i>`) and their credentials; returns what each agent needs. */
export async function seedNodes(store: Store, o: SeedNodesOptions): Promise<SeededNode[]> {
  const hasher = createMachineSecretHasher(await loadMachineSecretKey(join(o.dataDir, MACHINE_SECRET_KEY_FILE)));
  const perCluster = o.nodesPerCluster ?? 50;
  const clusterOf = (i: number): string => `${o.clusterPrefix ?? 'scale'}-${Math.floor(i / perCluster)}`;
  const batch = o.batch ?? 1000;
  const now = new Date();
  await store.transaction(async (tx) => {
    for (let i = 0; i < o.count; i += perCluster) {
      await tx.create(RESOURCES.clusters, { apiVersion: `${GROUP}/v1`, kind: 'Cluster', metadata: { name: clusterOf(i) }, spec: { kubernetesVersion: 'v1.32.4' } });
    }
  });
  const out: SeededNode[] = [];
  for (let start = 0; start < o.count; start += batch) {
    const chunk: SeededNode[] = [];
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(o.count, start + batch); i++) {
        const cluster = clusterOf(i);
        const node = `node-${i}`;
        const engineId = `SEED:${i.toString(16).padStart(8, '0')}`;
        const prepared = prepareCredential(cluster, node, hasher);
        const status = withState({ docker: { engineId } }, 'Registering', 'registered; waiting for the agent tunnel', now);
        await tx.create(RESOURCES.nodes, { apiVersion: `${GROUP}/v1`, kind: 'Node', metadata: { name: node, namespace: cluster, generation: 1 }, spec: { roles: ['worker'] }, status });
        await tx.create(NODE_CREDENTIALS, {
          apiVersion: 'internal.drover.dev/v1',
          kind: 'NodeCredential',
          metadata: { name: node, namespace: cluster },
          spec: { engineId, current: { id: prepared.id, secretHash: prepared.secretHash, issuedAt: now.toISOString() } },
        });
        chunk.push({ cluster, node, credential: prepared.credential, engineId });
      }
    });
    out.push(...chunk);
  }
  return out;
}

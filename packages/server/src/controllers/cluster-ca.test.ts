import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLUSTER_CAS, getClusterCaRecord } from '../cluster-pki/cluster-ca.ts';
import type { ClusterCaSpec } from '../cluster-pki/cluster-ca.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { clusterCaController } from './cluster-ca.ts';
import { createController } from './define-controller.ts';

const logger = pino({ level: 'silent' });
const secretBox = createSecretBox(randomBytes(32));
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const mkCluster = (name: string) => t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name }, spec: {} });
const caChecksumOf = async (name: string) => ((await t.store.get(RESOURCES.clusters, '', name)).status as { caChecksum?: string } | undefined)?.caChecksum;

describe('cluster-ca controller', () => {
  it('gives existing and new clusters a CA shown as status.caChecksum, and deletes it with the cluster', async () => {
    await mkCluster('before');
    // A record whose cluster was deleted while no controller ran.
    await t.store.create(CLUSTER_CAS, { apiVersion: 'internal.drover.dev/v1', kind: 'ClusterCA', metadata: { name: 'orphan' }, spec: { clusterUid: 'x', certPem: '', sealedKey: '', checksum: '' } });
    const c = createController(clusterCaController(t.store, secretBox), { store: t.store, logger, baseBackoffMs: 10 });
    await c.start(new AbortController().signal);
    try {
      await expect.poll(() => caChecksumOf('before'), { timeout: 5000 }).toMatch(/^[0-9a-f]{64}$/);
      await mkCluster('after');
      await expect.poll(() => caChecksumOf('after'), { timeout: 5000 }).toMatch(/^[0-9a-f]{64}$/);
      await expect.poll(() => getClusterCaRecord(t.store, 'orphan'), { timeout: 5000 }).toBeUndefined();

      const spec = (await getClusterCaRecord(t.store, 'after'))?.spec as ClusterCaSpec;
      expect(await caChecksumOf('after')).toBe(createHash('sha256').update(spec.certPem).digest('hex'));
      expect(await caChecksumOf('after')).not.toBe(await caChecksumOf('before'));
      const status = (await t.store.get(RESOURCES.clusters, '', 'after')).status;
      expect(JSON.stringify(status)).not.toContain('sealed');

      await t.store.delete(RESOURCES.clusters, '', 'after');
      await expect.poll(() => getClusterCaRecord(t.store, 'after'), { timeout: 5000 }).toBeUndefined();
      await c.idle();
      expect(await getClusterCaRecord(t.store, 'before')).toBeDefined();
    } finally {
      await c.close();
    }
  });
});

/**
 * The cluster CA record through the whole server: created by the controller for a Cluster made
 * through the API, shown only as `status.caChecksum`, and served by no route.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app.ts';
import { ensureAdmin } from '../auth/users.ts';
import { parseConfig } from '../config.ts';
import { GROUP } from '../kinds/resources.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { getClusterCaRecord } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';

const PASSWORD = 'correct horse battery';
let t: TempStore;
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTempStore();
  const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0' }, []);
  if (parsed.help) throw new Error('unexpected help');
  await ensureAdmin(t.store, PASSWORD);
  app = await buildServer(parsed.config, { store: t.store });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: PASSWORD } });
  headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const get = async (url: string) => app.inject({ url, headers });

describe('cluster CA through the API', () => {
  it('shows the checksum in the Cluster status and serves the record nowhere', async () => {
    const created = await app.inject({ method: 'POST', url: `/apis/${GROUP}/v1/clusters`, headers, payload: { apiVersion: `${GROUP}/v1`, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} } });
    expect(created.statusCode).toBe(201);
    const checksum = async () => (await get(`/apis/${GROUP}/v1/clusters/c1`)).json<{ status?: { caChecksum?: string } }>().status?.caChecksum;
    await expect.poll(checksum, { timeout: 5000 }).toMatch(/^[0-9a-f]{64}$/);
    const spec = (await getClusterCaRecord(t.store, 'c1'))?.spec as ClusterCaSpec;
    expect(await checksum()).toBe(createHash('sha256').update(spec.certPem).digest('hex'));

    // The Cluster stays writable with the checksum in its status (the schema knows the field: kubectl asks for strict validation).
    const patched = await app.inject({ method: 'PATCH', url: `/apis/${GROUP}/v1/clusters/c1?fieldValidation=Strict`, headers: { ...headers, 'content-type': 'application/merge-patch+json' }, payload: { metadata: { labels: { a: 'b' } } } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<{ status: { caChecksum: string } }>().status.caChecksum).toBe(spec.checksum);

    // Every group and version discovery lists: no internal group, no CA resource.
    const groups = (await get('/apis')).json<{ groups: { name: string; versions: { groupVersion: string }[] }[] }>().groups;
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.name).not.toContain('internal');
      for (const v of g.versions) {
        const list = await get(`/apis/${v.groupVersion}`);
        expect(list.statusCode).toBe(200);
        expect(list.body.toLowerCase()).not.toContain('clusterca');
      }
    }
    expect((await get('/api')).body.toLowerCase()).not.toContain('clusterca');
    for (const url of ['/apis/internal.drover.dev/v1', '/apis/internal.drover.dev/v1/clustercas', '/apis/internal.drover.dev/v1/clustercas/c1', `/apis/${GROUP}/v1/clustercas`, `/apis/${GROUP}/v1/clustercas/c1`]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    // Nothing the API answers about the cluster carries the key, sealed or not.
    const keyBody = app.drover.secretBox.open(spec.sealedKey).split('\n')[1] ?? 'x';
    for (const url of [`/apis/${GROUP}/v1/clusters/c1`, `/apis/${GROUP}/v1/clusters`, '/v1/kubeconfig']) {
      const body = (await get(url)).body;
      expect(body).not.toContain(keyBody);
      expect(body).not.toContain(spec.sealedKey);
    }

    // The client certificate the server holds for the cluster comes from that CA.
    const cert = await app.drover.clusterCerts.clusterClientCert('c1');
    expect(cert.caChecksum).toBe(spec.checksum);

    expect((await app.inject({ method: 'DELETE', url: `/apis/${GROUP}/v1/clusters/c1`, headers })).statusCode).toBe(200);
    await expect.poll(() => getClusterCaRecord(t.store, 'c1'), { timeout: 5000 }).toBeUndefined();
    await expect(app.drover.clusterCerts.clusterClientCert('c1')).rejects.toMatchObject({ code: 'DROVER_ERR_CLUSTER_NOT_FOUND' });
  });
});

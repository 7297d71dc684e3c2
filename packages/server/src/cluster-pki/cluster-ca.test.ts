import { createHash, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '@drover/store';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore, testStoreKind } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { CLUSTER_CAS, ensureClusterCa, getClusterCaRecord, issueClusterCert } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';
import { createClusterClientCerts } from './client-certs.ts';

const secretBox = createSecretBox(randomBytes(32));
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const mkCluster = (name: string): Promise<StoredObject> =>
  t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name }, spec: {} });

async function filesUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(await readFile(p));
  }
  return out;
}

describe('ensureClusterCa', () => {
  it('creates one CA per cluster, once; two clusters get different CAs', async () => {
    const c1 = await mkCluster('c1');
    const a = await ensureClusterCa(t.store, secretBox, c1);
    const again = await ensureClusterCa(t.store, secretBox, c1);
    expect(again).toEqual(a);
    expect(a.checksum).toBe(createHash('sha256').update(a.certPem).digest('hex'));
    const ca = new X509Certificate(a.certPem);
    expect(ca.ca).toBe(true);
    const b = await ensureClusterCa(t.store, secretBox, await mkCluster('c2'));
    expect(b.certPem).not.toBe(a.certPem);
    expect(new X509Certificate(b.certPem).publicKey.equals(ca.publicKey)).toBe(false);
    expect((await t.store.list(CLUSTER_CAS)).items.map((i) => i.metadata.name).sort()).toEqual(['c1', 'c2']);
  });

  it('concurrent callers get the same CA and there is one record', async () => {
    const c1 = await mkCluster('c1');
    // Count the creates to show the callers did race (not one after another).
    let creates = 0;
    const counting = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === 'create') {
          return (resource: string, obj: Parameters<typeof target.create>[1]) => {
            if (resource === CLUSTER_CAS) creates += 1;
            return target.create(resource, obj);
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const all = await Promise.all(Array.from({ length: 8 }, () => ensureClusterCa(counting, secretBox, c1)));
    expect(creates).toBeGreaterThan(1);
    expect(new Set(all.map((x) => x.checksum)).size).toBe(1);
    const record = await getClusterCaRecord(t.store, 'c1');
    expect((record?.spec as ClusterCaSpec).checksum).toBe(all[0]?.checksum);
    expect(record?.metadata.resourceVersion).toBeDefined();
    expect((await t.store.list(CLUSTER_CAS)).items).toHaveLength(1);
  });

  it('replaces the CA of an earlier cluster of the same name', async () => {
    const old = await mkCluster('c1');
    const first = await ensureClusterCa(t.store, secretBox, old);
    await t.store.delete(RESOURCES.clusters, '', 'c1');
    const renewed = await mkCluster('c1');
    const second = await ensureClusterCa(t.store, secretBox, renewed);
    expect(second.clusterUid).toBe(renewed.metadata.uid);
    expect(second.checksum).not.toBe(first.checksum);
  });

  it.runIf(testStoreKind() === 'sqlite')('keeps the key sealed: its PEM body is nowhere in the database files', async () => {
    const c1 = await mkCluster('c1');
    await ensureClusterCa(t.store, secretBox, c1);
    const spec = (await getClusterCaRecord(t.store, 'c1'))?.spec as ClusterCaSpec;
    const keyPem = secretBox.open(spec.sealedKey);
    expect(keyPem).toContain('BEGIN PRIVATE KEY');
    const body = keyPem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    const files = await filesUnder(t.dir);
    expect(files.some((f) => f.includes(spec.certPem.split('\n')[1] ?? 'x'))).toBe(true); // the search does see the record
    for (const line of body) for (const f of files) expect(f.includes(line)).toBe(false);
    expect(JSON.stringify(spec)).not.toContain('PRIVATE KEY');
  });
});

describe('cluster certificates', () => {
  it('issues a server certificate with SANs from the cluster CA', async () => {
    const c1 = await mkCluster('c1');
    const cert = await issueClusterCert(t.store, secretBox, c1, { commonName: 'kube-apiserver', dnsNames: ['kubernetes.default.svc'], ipAddresses: ['10.96.0.1'], usages: 'server' });
    const x = new X509Certificate(cert.certPem);
    expect(x.subjectAltName).toContain('DNS:kubernetes.default.svc');
    expect(x.verify(new X509Certificate(cert.ca.certPem).publicKey)).toBe(true);
  });

  it('Drover client cert: CN drover, O system:masters, verifies against the cluster CA; cached, reissued before expiry', async () => {
    let clock = Date.now();
    const certs = createClusterClientCerts({ store: t.store, secretBox, now: () => new Date(clock) });
    await mkCluster('c1');
    await mkCluster('c2');
    const [a, again] = await Promise.all([certs.clusterClientCert('c1'), certs.clusterClientCert('c1')]);
    expect(again).toBe(a);
    const x = new X509Certificate(a.certPem);
    expect(x.subject.split('\n').sort()).toEqual(['CN=drover', 'O=system:masters']);
    const ca = new X509Certificate(a.caPem);
    expect(x.checkIssued(ca)).toBe(true);
    expect(x.verify(ca.publicKey)).toBe(true);
    expect(x.checkPrivateKey(createPrivateKey(a.keyPem))).toBe(true);
    expect(a.caChecksum).toBe((await ensureClusterCa(t.store, secretBox, await t.store.get(RESOURCES.clusters, '', 'c1'))).checksum);
    // Another cluster's CA does not vouch for it.
    const other = await certs.clusterClientCert('c2');
    expect(x.verify(new X509Certificate(other.caPem).publicKey)).toBe(false);

    expect(await certs.clusterClientCert('c1')).toBe(a);
    clock += 21 * 86_400_000; // less than a third of 30 days left
    const renewed = await certs.clusterClientCert('c1');
    expect(renewed.certPem).not.toBe(a.certPem);
    expect(renewed.caPem).toBe(a.caPem);
  });

  it('refuses a cluster that does not exist', async () => {
    const certs = createClusterClientCerts({ store: t.store, secretBox });
    await expect(certs.clusterClientCert('nope')).rejects.toMatchObject({ code: 'DROVER_ERR_CLUSTER_NOT_FOUND' });
    expect(await getClusterCaRecord(t.store, 'nope')).toBeUndefined();
  });
});

import { X509Certificate, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { effectiveClusterSpec } from '../provisioning/cluster-defaults.ts';
import { certificatesFor } from '../provisioning/plan-files.ts';
import { sha256Hex } from '../provisioning/plan-hash.ts';
import type { PlanNode } from '../provisioning/plan-types.ts';
import { versionTable } from '../provisioning/versions.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { getClusterCaRecord } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';
import {
  CLUSTER_CERTS,
  certificateDigest,
  deleteComponentCertificates,
  ensureComponentCertificates,
  previewComponentCertificates,
  readComponentCertificateFiles,
  uniqueCertificateSpecs,
} from './component-certs.ts';

const key = randomBytes(32);
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const node = (name: string, ip: string, roles: PlanNode['roles']): PlanNode => ({ name, roles, address: ip, internalAddress: ip });
const NODES = [node('n1', '10.0.0.1', ['controlplane', 'etcd', 'worker']), node('n2', '10.0.0.2', ['controlplane', 'etcd', 'worker']), node('w3', '10.0.0.3', ['worker'])];
const specsFor = (nodes: readonly PlanNode[], extraSans: string[] = []) => {
  const spec = effectiveClusterSpec({ authentication: { sans: extraSans } }, versionTable());
  return uniqueCertificateSpecs(nodes.map((n) => certificatesFor(n, nodes, spec)));
};
const mkCluster = () => t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'edge' }, spec: {} });
const records = async () => new Map((await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.map((r) => [r.metadata.name, r.metadata.resourceVersion]));

describe('component certificates', () => {
  it('are issued once, kept across calls and a restart, and carry the digests of their files', async () => {
    const cluster = await mkCluster();
    const specs = specsFor(NODES);
    const first = await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specs);
    const before = await records();
    expect([...before.keys()].sort()).toEqual(specs.filter((s) => s.name !== 'kube-ca').map((s) => s.name).sort());
    expect(before.has('kube-etcd-10-0-0-1') && before.has('kube-etcd-10-0-0-2')).toBe(true);

    // Same process again, then a "restart": a new SecretBox instance on the same key and store.
    const again = await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specs);
    expect(await records()).toEqual(before);
    expect([...again.digests]).toEqual([...first.digests]);

    // Digests are those of the file contents a node will get; the CA is the cluster CA.
    const paths = [...first.digests.keys()];
    const files = await readComponentCertificateFiles(t.store, createSecretBox(key), 'edge', paths);
    expect(files.size).toBe(paths.length);
    for (const [path, content] of files) expect(certificateDigest(first, path)).toBe(sha256Hex(content));
    const ca = (await getClusterCaRecord(t.store, 'edge'))!.spec as ClusterCaSpec;
    expect(files.get('/etc/kubernetes/ssl/kube-ca.pem')).toBe(ca.certPem);
    expect(files.get('/etc/kubernetes/ssl/kube-apiserver-key.pem')).toContain('PRIVATE KEY');

    // The apiserver certificate is signed by the cluster CA and names its SANs; the front-proxy client by the requestheader CA.
    const api = new X509Certificate(files.get('/etc/kubernetes/ssl/kube-apiserver.pem')!);
    expect(api.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(api.subjectAltName).toContain('IP Address:10.0.0.2');
    const proxyClient = new X509Certificate(files.get('/etc/kubernetes/ssl/kube-apiserver-proxy-client.pem')!);
    expect(proxyClient.verify(new X509Certificate(files.get('/etc/kubernetes/ssl/kube-apiserver-requestheader-ca.pem')!).publicKey)).toBe(true);
    expect(proxyClient.verify(new X509Certificate(ca.certPem).publicKey)).toBe(false);
    expect(new X509Certificate(files.get('/etc/kubernetes/ssl/kube-node.pem')!).subject).toContain('O=system:nodes');
  });

  it('keeps private keys sealed in the store', async () => {
    const cluster = await mkCluster();
    await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specsFor(NODES));
    const { items } = await t.store.list(CLUSTER_CERTS, { namespace: 'edge' });
    expect(items.length).toBeGreaterThan(5);
    const text = JSON.stringify(items);
    expect(text).toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('reissues only the certificate whose SANs changed; a preview shows that one as pending and writes nothing', async () => {
    const cluster = await mkCluster();
    const first = await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specsFor(NODES));
    const before = await records();

    const changed = specsFor(NODES, ['api.example.com']);
    const preview = await previewComponentCertificates(t.store, cluster, changed);
    expect(await records()).toEqual(before);
    const changedPaths = [...preview.digests].filter(([p, d]) => first.digests.get(p) !== d).map(([p]) => p);
    expect(changedPaths.sort()).toEqual(['/etc/kubernetes/ssl/kube-apiserver-key.pem', '/etc/kubernetes/ssl/kube-apiserver.pem']);
    expect(preview.digests.get('/etc/kubernetes/ssl/kube-apiserver.pem')).toMatch(/^pending:/);

    const second = await ensureComponentCertificates(t.store, createSecretBox(key), cluster, changed);
    const after = await records();
    const rewritten = [...after].filter(([name, rv]) => before.get(name) !== rv).map(([name]) => name);
    expect(rewritten).toEqual(['kube-apiserver']);
    const files = await readComponentCertificateFiles(t.store, createSecretBox(key), 'edge', ['/etc/kubernetes/ssl/kube-apiserver.pem']);
    expect(new X509Certificate(files.get('/etc/kubernetes/ssl/kube-apiserver.pem')!).subjectAltName).toContain('DNS:api.example.com');
    expect(second.digests.get('/etc/kubernetes/ssl/kube-node.pem')).toBe(first.digests.get('/etc/kubernetes/ssl/kube-node.pem'));
    // Now nothing is pending.
    expect([...(await previewComponentCertificates(t.store, cluster, changed)).digests]).toEqual([...second.digests]);
  });

  it('creates each certificate once under concurrent callers', async () => {
    const cluster = await mkCluster();
    const specs = specsFor(NODES);
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureComponentCertificates(t.store, createSecretBox(key), cluster, specs)));
    for (const r of results) expect([...r.digests]).toEqual([...results[0]!.digests]);
    const { items } = await t.store.list(CLUSTER_CERTS, { namespace: 'edge' });
    // Every record still at its first version: nobody replaced a winner's certificate.
    const created = await records();
    expect([...(await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specs)).digests]).toEqual([...results[0]!.digests]);
    expect(await records()).toEqual(created);
    expect(items).toHaveLength(specs.length - 1);
  });

  it('reissues for a re-created Cluster of the same name and is deleted with it', async () => {
    const cluster = await mkCluster();
    const first = await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specsFor(NODES));
    await t.store.delete(RESOURCES.clusters, '', 'edge');
    expect(await deleteComponentCertificates(t.store, 'edge', 'some-other-uid')).toBeGreaterThan(5);
    expect((await records()).size).toBe(0);

    const recreated = await mkCluster();
    await ensureComponentCertificates(t.store, createSecretBox(key), cluster, specsFor(NODES));
    const second = await ensureComponentCertificates(t.store, createSecretBox(key), recreated, specsFor(NODES));
    expect(second.digests.get('/etc/kubernetes/ssl/kube-node.pem')).not.toBe(first.digests.get('/etc/kubernetes/ssl/kube-node.pem'));
    expect(await deleteComponentCertificates(t.store, 'edge', recreated.metadata.uid)).toBe(0);
  });
});

/**
 * Component certificates of a provisioned cluster (RKE's table, provisioning/plan-files.ts
 * `certificatesFor`), issued once by the cluster CA and kept: one internal record per certificate
 * at {@link CLUSTER_CERTS} (namespace = cluster name, name = certificate name; never served by the
 * API):
 *
 *   spec.clusterUid       the Cluster it belongs to (a re-created Cluster of the same name reissues)
 *   spec.specHash         SHA-256 of the CertificateSpec it was issued for (name, subject, SANs, usages)
 *   spec.issuerChecksum   sha256 of the signing CA's PEM (the cluster CA, or the requestheader CA)
 *   spec.certPem          the certificate (for a `ca` entry: that CA's own certificate)
 *   spec.sealedKey        its PKCS#8 key sealed with the server's SecretBox
 *   spec.certSha256, spec.keySha256   digests of the file contents the plans carry
 *
 * Re-computing never changes a record whose specHash, issuer and cluster uid still match, so a
 * server restart recreates nothing; a changed SAN list reissues that certificate only. `kube-ca`
 * has no record: it is the cluster CA itself (cluster-ca.ts). docs/adr/0019.
 */
import { createCa, issueCertificate } from '@drover/pki';
import type { CertificateUsage } from '@drover/pki';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import { DroverError } from '../errors.ts';
import { certPath, keyPath } from '../provisioning/plan-files.ts';
import type { CertificateSpec } from '../provisioning/plan-files.ts';
import { contentHash, sha256Hex } from '../provisioning/plan-hash.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { ensureClusterCa, getClusterCaRecord } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';

/** Store key of the component certificate records. */
export const CLUSTER_CERTS = 'internal.drover.dev/clustercerts';
/** The cluster CA's own file stem (no record: the CA record holds it). */
export const CLUSTER_CA_CERT = 'kube-ca';
/** Signs the apiserver's front-proxy client certificate (kube-apiserver-requestheader-ca). */
const REQUESTHEADER_CA = 'kube-apiserver-requestheader-ca';
const REQUESTHEADER_CLIENT = 'kube-apiserver-proxy-client';
/** Validity, days: 10 years as RKE's (rotation is a later issue), clamped to the CA's. */
const CERT_DAYS = 3650;
/** Bound on create/replace rounds lost to concurrent writers, per certificate. */
const MAX_ATTEMPTS = 5;

export interface ComponentCertSpec {
  clusterUid: string;
  specHash: string;
  issuerChecksum: string;
  certPem: string;
  sealedKey: string;
  certSha256: string;
  keySha256: string;
}

/** The digests of a cluster's certificate and key files, by path (no content, no key). */
export interface ComponentCertificates {
  cluster: string;
  digests: ReadonlyMap<string, string>;
}

/** Hex SHA-256 of the file at `path` (`/etc/kubernetes/ssl/<name>(-key).pem`): computePlans' `digest`. */
export function certificateDigest(certs: ComponentCertificates, path: string): string | undefined {
  return certs.digests.get(path);
}

type ClusterRef = Pick<StoredObject, 'metadata'>;

/**
 * The distinct certificates a cluster's nodes need: the union of certificatesFor over nodes.
 * @throws DroverError DROVER_ERR_INTERNAL when two nodes ask for one name with different contents
 */
export function uniqueCertificateSpecs(perNode: readonly (readonly CertificateSpec[])[]): CertificateSpec[] {
  const byName = new Map<string, CertificateSpec>();
  for (const list of perNode) {
    for (const c of list) {
      const prev = byName.get(c.name);
      if (prev !== undefined && contentHash(prev) !== contentHash(c)) throw new DroverError('DROVER_ERR_INTERNAL', `certificate ${c.name} is planned with two different contents`);
      byName.set(c.name, c);
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

const usageOf = (u: CertificateSpec['usages']): CertificateUsage => (u === 'client+server' ? 'both' : u === 'server' ? 'server' : 'client');

/** The CA that signs `spec`: the requestheader CA for the front-proxy client, else the cluster CA. */
const issuerOf = (spec: CertificateSpec): string | undefined => (spec.usages === 'ca' ? undefined : spec.name === REQUESTHEADER_CLIENT ? REQUESTHEADER_CA : CLUSTER_CA_CERT);

/** Options to re-read signers by name within one ensure run. */
interface Signer {
  certPem: string;
  keyPem: () => string;
  checksum: string;
}

function uidOf(cluster: ClusterRef): string {
  const uid = cluster.metadata.uid;
  if (typeof uid !== 'string' || uid === '') throw new DroverError('DROVER_ERR_INTERNAL', `cluster ${cluster.metadata.name} has no uid`);
  return uid;
}

/** Whether `record` is still good for `spec` issued by `issuerChecksum` for the Cluster `uid`. */
function current(record: StoredObject | undefined, uid: string, specHash: string, issuerChecksum: string): boolean {
  const s = record?.spec as ComponentCertSpec | undefined;
  return s !== undefined && s.clusterUid === uid && s.specHash === specHash && s.issuerChecksum === issuerChecksum;
}

async function issue(spec: CertificateSpec, signer: Signer | undefined, clusterName: string): Promise<{ certPem: string; keyPem: string }> {
  if (spec.usages === 'ca') return createCa({ commonName: `${spec.commonName}-${clusterName}`, validityDays: CERT_DAYS });
  if (signer === undefined) throw new DroverError('DROVER_ERR_INTERNAL', `no signer for certificate ${spec.name}`);
  return issueCertificate(
    { certPem: signer.certPem, keyPem: signer.keyPem() },
    {
      commonName: spec.commonName,
      usages: usageOf(spec.usages),
      validityDays: CERT_DAYS,
      ...(spec.organization === undefined ? {} : { organization: spec.organization }),
      ...(spec.dnsNames === undefined ? {} : { dnsNames: spec.dnsNames }),
      ...(spec.ipAddresses === undefined ? {} : { ipAddresses: spec.ipAddresses }),
    },
  );
}

/** The record of `spec`, issued or reissued when missing or stale; concurrent callers converge on one. */
async function ensureOne(store: Store, secretBox: SecretBox, cluster: ClusterRef, spec: CertificateSpec, signer: Signer | undefined): Promise<StoredObject> {
  const ns = cluster.metadata.name;
  const uid = uidOf(cluster);
  const specHash = contentHash(spec);
  const issuerChecksum = signer?.checksum ?? 'self';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await store.tryGet(CLUSTER_CERTS, ns, spec.name);
    if (existing !== undefined && current(existing, uid, specHash, issuerChecksum)) return existing;
    const issued = await issue(spec, signer, ns);
    const body: ComponentCertSpec = {
      clusterUid: uid,
      specHash,
      issuerChecksum,
      certPem: issued.certPem,
      sealedKey: secretBox.seal(issued.keyPem),
      certSha256: sha256Hex(issued.certPem),
      keySha256: sha256Hex(issued.keyPem),
    };
    const obj = { apiVersion: 'internal.drover.dev/v1', kind: 'ClusterCertificate', metadata: { name: spec.name, namespace: ns }, spec: body };
    try {
      if (existing === undefined) return await store.create(CLUSTER_CERTS, obj);
      return await store.update(CLUSTER_CERTS, obj, { expectedResourceVersion: existing.metadata.resourceVersion });
    } catch (err) {
      // Another caller wrote first: re-read; its record is kept when it fits.
      if (!isStoreError(err, StoreErrorCode.ALREADY_EXISTS) && !isStoreError(err, StoreErrorCode.CONFLICT) && !isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err;
    }
  }
  throw new DroverError('DROVER_ERR_INTERNAL', `could not issue certificate ${spec.name} of cluster ${ns}: too many concurrent writes`);
}

const signerOf = (secretBox: SecretBox, s: { certPem: string; sealedKey: string }): Signer => ({ certPem: s.certPem, keyPem: () => secretBox.open(s.sealedKey), checksum: sha256Hex(s.certPem) });

/**
 * Issues the certificates in `specs` that are missing or stale (other SANs, subject, issuer or
 * Cluster uid) and returns the digests of every file they give (`kube-ca.pem` from the cluster CA).
 * Idempotent and safe under concurrency. Records of certificates no longer listed are kept (a node
 * coming back gets its old one); they go with the Cluster.
 * @throws DroverError DROVER_ERR_SECRET_UNREADABLE when a CA key was sealed under another secret.key
 */
export async function ensureComponentCertificates(store: Store, secretBox: SecretBox, cluster: ClusterRef, specs: readonly CertificateSpec[]): Promise<ComponentCertificates> {
  const ca = await ensureClusterCa(store, secretBox, cluster);
  const caRecord = await getClusterCaRecord(store, cluster.metadata.name);
  if (caRecord === undefined || (caRecord.spec as ClusterCaSpec).checksum !== ca.checksum) throw new DroverError('DROVER_ERR_INTERNAL', `the CA of cluster ${cluster.metadata.name} changed while issuing`);
  const signers = new Map<string, Signer>([[CLUSTER_CA_CERT, signerOf(secretBox, caRecord.spec as ClusterCaSpec)]]);
  const digests = new Map<string, string>();
  // CAs first: they sign others.
  const ordered = [...specs].filter((s) => s.name !== CLUSTER_CA_CERT).sort((a, b) => Number(b.usages === 'ca') - Number(a.usages === 'ca'));
  if (specs.some((s) => s.name === CLUSTER_CA_CERT)) digests.set(certPath(CLUSTER_CA_CERT), ca.checksum);
  for (const spec of ordered) {
    const issuer = issuerOf(spec);
    let signer: Signer | undefined;
    if (issuer !== undefined) {
      signer = signers.get(issuer);
      if (signer === undefined) throw new DroverError('DROVER_ERR_INTERNAL', `certificate ${spec.name} needs ${issuer}, which is not planned`);
    }
    const record = await ensureOne(store, secretBox, cluster, spec, signer);
    const s = record.spec as ComponentCertSpec;
    if (spec.usages === 'ca') signers.set(spec.name, signerOf(secretBox, s));
    if (spec.usages !== 'key-only') digests.set(certPath(spec.name), s.certSha256);
    if (spec.withKey) digests.set(keyPath(spec.name), s.keySha256);
  }
  return { cluster: cluster.metadata.name, digests };
}

/**
 * The digests `specs` would have, issuing nothing (for previews): a kept record's digests, or for
 * a certificate that would be (re)issued a `pending:` marker unique to its new content — so a
 * preview shows the files and containers it would change.
 */
export async function previewComponentCertificates(store: Store, cluster: ClusterRef, specs: readonly CertificateSpec[]): Promise<ComponentCertificates> {
  const ns = cluster.metadata.name;
  const uid = typeof cluster.metadata.uid === 'string' ? cluster.metadata.uid : '';
  const caRecord = await getClusterCaRecord(store, ns);
  const caSpec = caRecord?.spec as ClusterCaSpec | undefined;
  const checksums = new Map<string, string>();
  if (caSpec !== undefined && caSpec.clusterUid === uid) checksums.set(CLUSTER_CA_CERT, caSpec.checksum);
  const digests = new Map<string, string>();
  const pending = (what: string) => `pending:${contentHash({ ns, uid, what })}`;
  if (specs.some((s) => s.name === CLUSTER_CA_CERT)) digests.set(certPath(CLUSTER_CA_CERT), checksums.get(CLUSTER_CA_CERT) ?? pending(CLUSTER_CA_CERT));
  const ordered = [...specs].filter((s) => s.name !== CLUSTER_CA_CERT).sort((a, b) => Number(b.usages === 'ca') - Number(a.usages === 'ca'));
  for (const spec of ordered) {
    const issuer = issuerOf(spec);
    const issuerChecksum = issuer === undefined ? 'self' : checksums.get(issuer);
    const record = await store.tryGet(CLUSTER_CERTS, ns, spec.name);
    const kept = issuerChecksum !== undefined && current(record, uid, contentHash(spec), issuerChecksum);
    const s = record?.spec as ComponentCertSpec | undefined;
    if (spec.usages === 'ca' && kept && s !== undefined) checksums.set(spec.name, sha256Hex(s.certPem));
    const p = pending(contentHash(spec));
    if (spec.usages !== 'key-only') digests.set(certPath(spec.name), kept && s !== undefined ? s.certSha256 : `${p}:cert`);
    if (spec.withKey) digests.set(keyPath(spec.name), kept && s !== undefined ? s.keySha256 : `${p}:key`);
  }
  return { cluster: ns, digests };
}

/**
 * Deletes the certificate records of `cluster` (a name) unless they belong to `keepUid` (the
 * Cluster that exists now). Returns how many went.
 */
export async function deleteComponentCertificates(store: Store, cluster: string, keepUid?: string): Promise<number> {
  const { items } = await store.list(CLUSTER_CERTS, { namespace: cluster });
  let deleted = 0;
  for (const r of items) {
    if (keepUid !== undefined && (r.spec as ComponentCertSpec).clusterUid === keepUid) continue;
    try {
      await store.delete(CLUSTER_CERTS, cluster, r.metadata.name, { expectedResourceVersion: r.metadata.resourceVersion });
      deleted += 1;
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.NOT_FOUND) && !isStoreError(err, StoreErrorCode.CONFLICT)) throw err;
    }
  }
  return deleted;
}

/**
 * The content of certificate and key files of `cluster` by path (`/etc/kubernetes/ssl/…`), for
 * delivery to a node as 0600/0644 files over the command channel: keys are opened here, in memory
 * only. Paths with no record are left out. Each content's SHA-256 is the digest its plan carries.
 */
export async function readComponentCertificateFiles(store: Store, secretBox: SecretBox, cluster: string, paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ca = await getClusterCaRecord(store, cluster);
  const { items } = await store.list(CLUSTER_CERTS, { namespace: cluster });
  const byName = new Map(items.map((r) => [r.metadata.name, r.spec as ComponentCertSpec]));
  for (const path of paths) {
    if (path === certPath(CLUSTER_CA_CERT)) {
      if (ca !== undefined) out.set(path, (ca.spec as ClusterCaSpec).certPem);
      continue;
    }
    const m = /^\/etc\/kubernetes\/ssl\/(.+?)(-key)?\.pem$/.exec(path);
    const s = m?.[1] === undefined ? undefined : byName.get(m[1]);
    if (s === undefined) continue;
    out.set(path, m?.[2] === undefined ? s.certPem : secretBox.open(s.sealedKey));
  }
  return out;
}

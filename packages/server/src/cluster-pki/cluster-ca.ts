/**
 * Per-cluster certificate authority. One internal record per Cluster at the store key
 * {@link CLUSTER_CAS} (cluster-scoped, name = cluster name; never served by the API):
 *
 *   spec.clusterUid  the Cluster the CA belongs to (a cluster deleted and re-created under the same
 *                    name gets a new CA, never the old one's)
 *   spec.certPem     the CA certificate (canonical PEM)
 *   spec.sealedKey   its PKCS#8 private key sealed with the server's SecretBox (AES-256-GCM)
 *   spec.checksum    sha256 of `certPem` (shown to operators as Cluster `status.caChecksum`)
 *
 * The key is only ever opened in this process to sign (issueClusterCert). docs/adr/0014-cluster-pki.md.
 */
import { caChecksum, createCa, issueCertificate } from '@drover/pki';
import type { IssueCertificateOptions, IssuedCertificate } from '@drover/pki';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import { DroverError } from '../errors.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

/** Store key of the cluster CA records. */
export const CLUSTER_CAS = 'internal.drover.dev/clustercas';
/** Validity of a cluster CA, days (10 years, as the server's own CA). */
const CA_DAYS = 3650;
/** Bound on create/replace rounds lost to concurrent writers. */
const MAX_ATTEMPTS = 5;

/** What the record stores (the sealed key is never handed out). */
export interface ClusterCaSpec {
  clusterUid: string;
  certPem: string;
  sealedKey: string;
  checksum: string;
}

/** A cluster's CA as the rest of the server sees it: certificate and checksum, no key. */
export interface ClusterCa {
  cluster: string;
  clusterUid: string;
  certPem: string;
  checksum: string;
}

/** The Cluster's name and uid (a StoredObject of the clusters kind). */
type ClusterRef = Pick<StoredObject, 'metadata'>;

function uidOf(cluster: ClusterRef): string {
  const uid = cluster.metadata.uid;
  if (typeof uid !== 'string' || uid === '') throw new DroverError('DROVER_ERR_INTERNAL', `cluster ${cluster.metadata.name} has no uid`);
  return uid;
}

function publicOf(record: StoredObject): ClusterCa {
  const spec = record.spec as ClusterCaSpec;
  return { cluster: record.metadata.name, clusterUid: spec.clusterUid, certPem: spec.certPem, checksum: spec.checksum };
}

/** The CA record of `cluster` (by name), whatever Cluster uid it belongs to. */
export function getClusterCaRecord(store: Store, cluster: string): Promise<StoredObject | undefined> {
  return store.tryGet(CLUSTER_CAS, '', cluster);
}

/**
 * The cluster's CA, created when missing (one store write). Idempotent and safe under concurrency:
 * creators race on create-if-absent and a loser re-reads the winner's record, so every caller gets
 * the same CA. A record left by an earlier Cluster of the same name (other uid) is replaced.
 * @throws DroverError DROVER_ERR_INTERNAL when concurrent writers keep winning
 */
export async function ensureClusterCa(store: Store, secretBox: SecretBox, cluster: ClusterRef): Promise<ClusterCa> {
  return publicOf(await ensureRecord(store, secretBox, cluster));
}

async function ensureRecord(store: Store, secretBox: SecretBox, cluster: ClusterRef): Promise<StoredObject> {
  const name = cluster.metadata.name;
  const clusterUid = uidOf(cluster);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await getClusterCaRecord(store, name);
    if (existing !== undefined) {
      if ((existing.spec as ClusterCaSpec).clusterUid === clusterUid) return existing;
      await deleteRecord(store, existing);
      continue;
    }
    const ca = await createCa({ commonName: `drover-cluster-${name}-ca`, validityDays: CA_DAYS });
    const spec: ClusterCaSpec = { clusterUid, certPem: ca.certPem, sealedKey: secretBox.seal(ca.keyPem), checksum: caChecksum(ca.certPem) };
    try {
      return await store.create(CLUSTER_CAS, { apiVersion: 'internal.drover.dev/v1', kind: 'ClusterCA', metadata: { name }, spec });
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.ALREADY_EXISTS)) throw err;
    }
  }
  throw new DroverError('DROVER_ERR_INTERNAL', `could not create the CA of cluster ${name}: too many concurrent writes`);
}

/** Deletes `record` if it is still the version read; gone or changed since is fine (the caller re-reads). */
async function deleteRecord(store: Store, record: StoredObject): Promise<void> {
  try {
    await store.delete(CLUSTER_CAS, '', record.metadata.name, { expectedResourceVersion: record.metadata.resourceVersion });
  } catch (err) {
    if (!isStoreError(err, StoreErrorCode.NOT_FOUND) && !isStoreError(err, StoreErrorCode.CONFLICT)) throw err;
  }
}

/**
 * Deletes the CA record of `cluster` unless it belongs to `keepUid` (the Cluster that exists now).
 * Returns whether a record was deleted.
 */
export async function deleteClusterCa(store: Store, cluster: string, keepUid?: string): Promise<boolean> {
  const record = await getClusterCaRecord(store, cluster);
  if (record === undefined || (keepUid !== undefined && (record.spec as ClusterCaSpec).clusterUid === keepUid)) return false;
  await deleteRecord(store, record);
  return true;
}

/**
 * Issues a certificate signed by the CA of `cluster` (the Cluster object): the CA is created if
 * missing, its key opened from the record only for this signature. For Drover's client certificate
 * use ClusterClientCerts (cached); for the apiserver's serving certificate pass its SANs.
 * @throws DroverError DROVER_ERR_SECRET_UNREADABLE when the key was sealed under another secret.key;
 *   PkiError for invalid options
 */
export async function issueClusterCert(store: Store, secretBox: SecretBox, cluster: ClusterRef, options: IssueCertificateOptions): Promise<IssuedCertificate & { ca: ClusterCa }> {
  const record = await ensureRecord(store, secretBox, cluster);
  const spec = record.spec as ClusterCaSpec;
  const issued = await issueCertificate({ certPem: spec.certPem, keyPem: secretBox.open(spec.sealedKey) }, options);
  return { ...issued, ca: publicOf(record) };
}

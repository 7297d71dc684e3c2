/**
 * Node credentials: what an agent trades its registration token for (`drovernode_<cluster>_<node>_<secret>`,
 * shown once in the registration response). One record per Node, at the store key
 * {@link NODE_CREDENTIALS} (never served by the API), namespace = cluster, name = node:
 *
 *   spec.engineId   the Docker engine the node is bound to
 *   spec.current    {id, secretHash, issuedAt} of the live credential (absent once revoked)
 *   spec.revoked    the last {@link MAX_REVOKED} revoked ones {id, secretHash, revokedAt, reason}
 *
 * `secretHash` is an HMAC (auth/machine-secret-hash.ts; a legacy scrypt hash of the live credential is
 * rewritten to HMAC on its first successful verify); `id` is the first 16 hex digits of SHA-256(secret), so a
 * presented credential is matched to one record entry without trying every hash, and a revoked
 * one is answered "revoked (reason)" rather than "unknown". The record outlives the Node and the
 * Cluster (revoked) so a copied or stale credential keeps getting the precise answer, until
 * controllers/node-credential-cleanup.ts deletes it a week later. docs/adr/0007, docs/adr/0009.
 */
import { createHash } from 'node:crypto';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { ObjectKey, Store, StoreTx, StoredObject } from '@drover/store';
import { formatNodeCredential, parseNodeCredential } from '../auth/bearer.ts';
import { isLegacyHash } from '../auth/machine-secret-hash.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import { randomSecret } from '../auth/secret-hash.ts';
import { DroverError } from '../errors.ts';

/** Store key of the credential records. */
export const NODE_CREDENTIALS = 'internal.drover.dev/nodecredentials';
const MAX_REVOKED = 5;

interface CredentialEntry {
  id: string;
  secretHash: string;
}
interface CurrentEntry extends CredentialEntry {
  issuedAt: string;
}
interface RevokedEntry extends CredentialEntry {
  revokedAt: string;
  reason: string;
}
export interface NodeCredentialSpec {
  engineId: string;
  hostname?: string;
  current?: CurrentEntry;
  revoked?: RevokedEntry[];
}

/** A minted credential before it is stored: the bearer (for the response) and what to store. */
export interface PreparedCredential {
  credential: string;
  id: string;
  secretHash: string;
}

/** Who a verified credential stands for. */
export interface NodeIdentity {
  cluster: string;
  node: string;
  engineId: string;
  hostname?: string;
}

const idOf = (secret: string): string => createHash('sha256').update(secret).digest('hex').slice(0, 16);
const unknown = (): DroverError => new DroverError('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', 'unknown node credential: register the node again with a registration token');

/** Mints a credential for `cluster`/`node` and hashes it. */
export function prepareCredential(cluster: string, node: string, hasher: MachineSecretHasher): PreparedCredential {
  const secret = randomSecret();
  return { credential: formatNodeCredential(cluster, node, secret), id: idOf(secret), secretHash: hasher.hash(secret) };
}

function specOf(obj: StoredObject | undefined): NodeCredentialSpec | undefined {
  return obj === undefined ? undefined : (obj.spec as NodeCredentialSpec);
}

function revokeEntry(spec: NodeCredentialSpec, reason: string, now: Date): NodeCredentialSpec {
  if (spec.current === undefined) return spec;
  const revoked = [{ id: spec.current.id, secretHash: spec.current.secretHash, revokedAt: now.toISOString(), reason }, ...(spec.revoked ?? [])].slice(0, MAX_REVOKED);
  const next: NodeCredentialSpec = { ...spec, revoked };
  delete next.current;
  return next;
}

function getRecord(store: Store | StoreTx, cluster: string, node: string): Promise<StoredObject | undefined> {
  return store.tryGet(NODE_CREDENTIALS, cluster, node);
}

/**
 * Stores `prepared` as the node's live credential inside the registration transaction; a
 * previous live credential becomes revoked with `replacedReason`.
 */
export async function storeCredential(tx: StoreTx, o: { cluster: string; node: string; engineId: string; hostname?: string; prepared: PreparedCredential; now: Date; replacedReason: string }): Promise<void> {
  const existing = await getRecord(tx, o.cluster, o.node);
  const prev = specOf(existing);
  const base: NodeCredentialSpec = prev === undefined ? { engineId: o.engineId } : revokeEntry(prev, o.replacedReason, o.now);
  const spec: NodeCredentialSpec = { ...base, engineId: o.engineId, current: { id: o.prepared.id, secretHash: o.prepared.secretHash, issuedAt: o.now.toISOString() } };
  if (o.hostname !== undefined) spec.hostname = o.hostname;
  if (existing === undefined) {
    await tx.create(NODE_CREDENTIALS, { apiVersion: 'internal.drover.dev/v1', kind: 'NodeCredential', metadata: { name: o.node, namespace: o.cluster }, spec });
  } else {
    await tx.update(NODE_CREDENTIALS, { ...existing, spec });
  }
}

/** Where the record of a node's credential is stored: to read it with other keys (verifyRecord). */
export function credentialKey(cluster: string, node: string): ObjectKey {
  return { resource: NODE_CREDENTIALS, namespace: cluster, name: node };
}

export interface NodeCredentials {
  /** Who `credential` stands for. @throws DroverError DROVER_ERR_NODE_CREDENTIAL_UNKNOWN / _REVOKED */
  verify(credential: string): Promise<NodeIdentity>;
  /** verify, with the record at the credential's {@link credentialKey} already read (undefined: none). */
  verifyRecord(credential: string, record: StoredObject | undefined): Promise<NodeIdentity>;
  /** Revokes the node's live credential (idempotent). True when there was one. */
  revoke(cluster: string, node: string, reason: string): Promise<boolean>;
  /** Revokes every live credential of `cluster`; returns the node names. */
  revokeCluster(cluster: string, reason: string): Promise<string[]>;
}

export function createNodeCredentials(store: Store, now: () => Date, hasher: MachineSecretHasher): NodeCredentials {
  // No cache of verified credentials: the HMAC (ADR 0009) costs ~3 µs, about what checking a
  // cached SHA-256 did, and the cache held ~350 B of every node for good (issue 15).

  async function revokeWith(cluster: string, node: string, reason: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const obj = await getRecord(store, cluster, node);
      const spec = specOf(obj);
      if (obj === undefined || spec?.current === undefined) return false;
      try {
        await store.update(NODE_CREDENTIALS, { ...obj, spec: revokeEntry(spec, reason, now()) }, { expectedResourceVersion: obj.metadata.resourceVersion });
        return true;
      } catch (err) {
        if (!isStoreError(err, StoreErrorCode.CONFLICT)) throw err;
      }
    }
    throw new DroverError('DROVER_ERR_INTERNAL', `could not revoke the credential of node ${cluster}/${node}: too many concurrent writes`);
  }

  /** Rewrites a verified legacy (scrypt) hash of the live credential as an HMAC; a lost race is fine. */
  async function rehash(obj: StoredObject, spec: NodeCredentialSpec, secret: string): Promise<void> {
    if (spec.current === undefined) return;
    const next: NodeCredentialSpec = { ...spec, current: { ...spec.current, secretHash: hasher.hash(secret) } };
    try {
      await store.update(NODE_CREDENTIALS, { ...obj, spec: next }, { expectedResourceVersion: obj.metadata.resourceVersion });
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.CONFLICT)) throw err;
    }
  }

  async function verifyRecord(credential: string, record: StoredObject | undefined): Promise<NodeIdentity> {
    const parsed = parseNodeCredential(credential);
    if (parsed === undefined) throw unknown();
    const { cluster, node, secret } = parsed;
    const spec = specOf(record);
    if (record === undefined || spec === undefined) throw unknown();
    const id = idOf(secret);
    const identity: NodeIdentity = { cluster, node, engineId: spec.engineId, ...(spec.hostname === undefined ? {} : { hostname: spec.hostname }) };
    if (spec.current?.id === id) {
      if (await hasher.verify(secret, spec.current.secretHash)) {
        if (isLegacyHash(spec.current.secretHash)) await rehash(record, spec, secret);
        return identity;
      }
      throw unknown();
    }
    const revoked = spec.revoked?.find((r) => r.id === id);
    if (revoked !== undefined && (await hasher.verify(secret, revoked.secretHash))) {
      throw new DroverError('DROVER_ERR_NODE_CREDENTIAL_REVOKED', `node credential revoked at ${revoked.revokedAt}: ${revoked.reason}`);
    }
    throw unknown();
  }

  return {
    async verify(credential) {
      const parsed = parseNodeCredential(credential);
      if (parsed === undefined) throw unknown();
      return verifyRecord(credential, await getRecord(store, parsed.cluster, parsed.node));
    },
    verifyRecord,
    revoke: revokeWith,
    async revokeCluster(cluster, reason) {
      const { items } = await store.list(NODE_CREDENTIALS, { namespace: cluster });
      const nodes: string[] = [];
      for (const item of items) {
        if (await revokeWith(cluster, item.metadata.name, reason)) nodes.push(item.metadata.name);
      }
      return nodes;
    },
  };
}

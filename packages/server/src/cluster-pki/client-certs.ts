/**
 * Drover's own client certificate for each cluster's kube-apiserver: CN `drover`, O
 * `system:masters` (cluster-admin by the apiserver's bootstrap RBAC), signed by the cluster CA
 * (cluster-ca.ts). Kept in memory, one per cluster, and reissued when less than a third of its
 * validity is left or when the cluster's CA changed (a re-created cluster). Concurrent callers for
 * one cluster share one issuance.
 */
import type { Store } from '@drover/store';
import { DroverError } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { createWatchedCache } from '../watched-cache.ts';
import { CLUSTER_CAS, getClusterCaRecord, issueClusterCert } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';

/** The user and group Drover acts as on a cluster's apiserver. */
export const DROVER_CLIENT_CN = 'drover';
export const DROVER_CLIENT_ORG = 'system:masters';
/** Validity of a client certificate, days. */
const CLIENT_DAYS = 30;
/** Reissue once less than this fraction of the validity is left. */
const RENEW_FRACTION = 1 / 3;
const DAY_MS = 86_400_000;

/** Drover's client certificate for a cluster, with the CA that signed it. */
export interface ClusterClientCert {
  certPem: string;
  keyPem: string;
  notAfter: Date;
  /** The cluster CA (trust anchor for the apiserver's serving certificate too). */
  caPem: string;
  caChecksum: string;
}

export interface ClusterClientCerts {
  /**
   * Drover's client certificate for `cluster` (its name). Creates the cluster CA when missing.
   * @throws DroverError DROVER_ERR_CLUSTER_NOT_FOUND when the Cluster does not exist or is being deleted
   */
  clusterClientCert(cluster: string): Promise<ClusterClientCert>;
  /** Drops the cached certificate of `cluster` (it is gone). */
  forget(cluster: string): void;
  /**
   * Starts the watch on the cluster CA records that caches their checksums: a cached certificate
   * is then checked against its CA without a store read per call.
   */
  start(): Promise<void>;
  /** Stops that watch; every check reads the CA record again. */
  close(): void;
}

export interface ClusterClientCertsOptions {
  store: Store;
  secretBox: SecretBox;
  now?: () => Date;
  /** Failures of the CA record watch (it restarts by itself). */
  onError?: (err: unknown) => void;
}

export function createClusterClientCerts(o: ClusterClientCertsOptions): ClusterClientCerts {
  const now = o.now ?? (() => new Date());
  const cache = new Map<string, Promise<ClusterClientCert>>();
  /** The checksum of each cluster's CA record, dropped when the record changes. */
  const caChecksums = createWatchedCache<string>(o.store, CLUSTER_CAS, (r) => r.metadata.name, { maxEntries: 1000, ...(o.onError === undefined ? {} : { onError: o.onError }) });

  async function issue(cluster: string): Promise<ClusterClientCert> {
    const obj = await o.store.tryGet(RESOURCES.clusters, '', cluster);
    if (obj === undefined || obj.metadata.deletionTimestamp !== undefined) {
      throw new DroverError('DROVER_ERR_CLUSTER_NOT_FOUND', `cluster ${cluster} does not exist`);
    }
    const issued = await issueClusterCert(o.store, o.secretBox, obj, {
      commonName: DROVER_CLIENT_CN,
      organization: DROVER_CLIENT_ORG,
      usages: 'client',
      validityDays: CLIENT_DAYS,
    });
    return { certPem: issued.certPem, keyPem: issued.keyPem, notAfter: issued.notAfter, caPem: issued.ca.certPem, caChecksum: issued.ca.checksum };
  }

  async function fresh(cluster: string, cert: ClusterClientCert): Promise<boolean> {
    if (cert.notAfter.getTime() - now().getTime() < CLIENT_DAYS * DAY_MS * RENEW_FRACTION) return false;
    const checksum = await caChecksums.get(cluster, async () => ((await getClusterCaRecord(o.store, cluster))?.spec as ClusterCaSpec | undefined)?.checksum);
    return checksum === cert.caChecksum;
  }

  return {
    async clusterClientCert(cluster) {
      const pending = cache.get(cluster);
      if (pending !== undefined) {
        try {
          const cert = await pending;
          if (await fresh(cluster, cert)) return cert;
        } catch {
          // A failed issuance is not cached: issue again below.
        }
        // Another caller may have started the reissue meanwhile: share it.
        const current = cache.get(cluster);
        if (current !== undefined && current !== pending) return current;
      }
      const next = issue(cluster);
      cache.set(cluster, next);
      next.catch(() => {
        if (cache.get(cluster) === next) cache.delete(cluster);
      });
      return next;
    },
    forget(cluster) {
      cache.delete(cluster);
      caChecksums.invalidate(cluster);
    },
    start: () => caChecksums.start(),
    close: () => caChecksums.close(),
  };
}

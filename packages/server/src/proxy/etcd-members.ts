/**
 * A cluster's etcd membership, changed the way etcd wants a member added to a running cluster: the
 * server asks an existing member (through that node's tunnel, to its 127.0.0.1:2379, over TLS
 * with Drover's client certificate from the cluster CA, which etcd's --trusted-ca-file accepts)
 * to add the new peer URL, and only then is the new member started with
 * initial-cluster-state=existing (provision-etcd.ts). Uses etcd's v3 JSON gateway
 * (`/v3/cluster/member/list`, `/v3/cluster/member/add`), which etcd 3.4 and later serve on the
 * client port.
 *
 *   await etcd.addMember('prod', 'host-1', 'https://10.0.0.4:2380'); // idempotent
 */
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { tcpTarget } from '@drover/tunnel';
import { Client } from 'undici';
import type { AgentSessions } from '../agents/sessions.ts';
import type { ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import { DroverError, isDroverError } from '../errors.ts';

const ETCD_CLIENT = tcpTarget('127.0.0.1', 2379);
const TIMEOUT_MS = 10_000;

export interface EtcdMember {
  name: string;
  peerURLs: string[];
  clientURLs: string[];
}

export interface EtcdMembers {
  /** The members as `via`'s etcd sees them. */
  list(cluster: string, via: string): Promise<EtcdMember[]>;
  /** Adds a member with `peerUrl` through `via`'s etcd, unless one has it already; says whether it added. */
  addMember(cluster: string, via: string, peerUrl: string): Promise<{ added: boolean }>;
}

export function createEtcdMembers(deps: { agents: Pick<AgentSessions, 'dialNode'>; clusterCerts: Pick<ClusterClientCerts, 'clusterClientCert'> }): EtcdMembers {
  async function call(cluster: string, via: string, path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const cert = await deps.clusterCerts.clusterClientCert(cluster);
    const client = new Client('https://localhost', {
      connect: (_opts, cb) => {
        const done = cb as (err: Error | null, socket: Duplex | null) => void;
        deps.agents.dialNode(cluster, via, ETCD_CLIENT, { timeoutMs: TIMEOUT_MS }).then(
          (stream) => {
            // etcd's serving certificate names localhost and 127.0.0.1 (plan-files.ts).
            const socket = tlsConnect({ socket: stream, ca: cert.caPem, cert: cert.certPem, key: cert.keyPem, servername: 'localhost', ALPNProtocols: ['http/1.1'] });
            socket.once('secureConnect', () => done(null, socket));
            socket.once('error', (err: Error) => {
              stream.destroy();
              done(err, null);
            });
          },
          (err: unknown) => done(err as Error, null),
        );
      },
    });
    try {
      const res = await client.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      if (isDroverError(err)) throw err;
      throw new DroverError('DROVER_ERR_ETCD_MEMBERSHIP_FAILED', `etcd on node "${via}" of cluster "${cluster}": ${path}: ${(err as Error).message}`, { cause: err });
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  async function list(cluster: string, via: string): Promise<EtcdMember[]> {
    const res = await call(cluster, via, '/v3/cluster/member/list', {});
    return ((res.members ?? []) as Partial<EtcdMember>[]).map((m) => ({ name: m.name ?? '', peerURLs: m.peerURLs ?? [], clientURLs: m.clientURLs ?? [] }));
  }

  return {
    list,
    async addMember(cluster, via, peerUrl) {
      if ((await list(cluster, via)).some((m) => m.peerURLs.includes(peerUrl))) return { added: false };
      await call(cluster, via, '/v3/cluster/member/add', { peerURLs: [peerUrl] });
      return { added: true };
    },
  };
}

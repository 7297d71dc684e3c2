/** What the proxy's HTTP and upgrade routes need from the server. */
import type { AuditSink } from '../audit/record.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import type { ClusterTransport } from './transport.ts';

export interface ProxyDeps {
  memberships: Memberships;
  clusterCerts: ClusterClientCerts;
  transport: ClusterTransport;
  /** Receives every write, exec, attach and port-forward after its answer. */
  audit?: AuditSink;
}

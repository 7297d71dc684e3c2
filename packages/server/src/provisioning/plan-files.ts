/**
 * RKE's certificate layout (reference provisioning.md §3; rke pki/constants.go, pki/services.go):
 * which certificates and keys each node gets under /etc/kubernetes/ssl, what each one is (subject,
 * SANs) so the cluster PKI can issue it, and the component kubeconfigs, which point at
 * https://127.0.0.1:6443 (the local apiserver on control-plane nodes, the local API proxy
 * elsewhere). The CA's key is on no node: it stays on the server.
 */
import { stringify } from 'yaml';
import type { EffectiveClusterSpec } from './cluster-defaults.ts';
import type { PlanNode } from './plan-types.ts';

export const SSL_DIR = '/etc/kubernetes/ssl';
export const LOCAL_API = 'https://127.0.0.1:6443';

export const certPath = (name: string): string => `${SSL_DIR}/${name}.pem`;
export const keyPath = (name: string): string => `${SSL_DIR}/${name}-key.pem`;
export const kubeconfigPath = (name: string): string => `${SSL_DIR}/kubecfg-${name}.yaml`;

/** One certificate a node needs, as the cluster PKI must issue it. */
export interface CertificateSpec {
  /** File stem: `<name>.pem` and, with a key, `<name>-key.pem`. */
  name: string;
  /** False for CA certificates placed without their key (kube-ca, the requestheader CA). */
  withKey: boolean;
  commonName: string;
  organization?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  usages: 'client' | 'server' | 'client+server' | 'ca' | 'key-only';
}

/** kube-etcd-<ip with dashes>: one per etcd node, as RKE names them. */
export const etcdCertName = (n: PlanNode): string => `kube-etcd-${n.internalAddress.replace(/[.:]/g, '-')}`;

/** The certificates `node` gets, given the cluster's nodes (SANs name them). */
export function certificatesFor(node: PlanNode, nodes: readonly PlanNode[], spec: EffectiveClusterSpec): CertificateSpec[] {
  const has = (r: string) => node.roles.includes(r as never);
  const out: CertificateSpec[] = [
    { name: 'kube-ca', withKey: false, commonName: 'kube-ca', usages: 'ca' },
    // One certificate shared by every kubelet (RKE); also the apiserver's etcd client certificate.
    { name: 'kube-node', withKey: true, commonName: 'system:node', organization: 'system:nodes', usages: 'client' },
    { name: 'kube-proxy', withKey: true, commonName: 'system:kube-proxy', usages: 'client' },
  ];
  if (has('controlplane')) {
    const cp = nodes.filter((n) => n.roles.includes('controlplane'));
    const ips = new Set<string>(['127.0.0.1', spec.kubernetesServiceIp]);
    const names = new Set<string>(['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${spec.clusterDomain}`]);
    for (const n of cp) {
      for (const a of [n.address, n.internalAddress]) (isIp(a) ? ips : names).add(a);
      names.add(n.name);
    }
    for (const san of spec.extraSans) (isIp(san) ? ips : names).add(san);
    out.push(
      { name: 'kube-apiserver', withKey: true, commonName: 'kube-apiserver', dnsNames: [...names].sort(), ipAddresses: [...ips].sort(), usages: 'client+server' },
      { name: 'kube-controller-manager', withKey: true, commonName: 'system:kube-controller-manager', usages: 'client' },
      { name: 'kube-scheduler', withKey: true, commonName: 'system:kube-scheduler', usages: 'client' },
      { name: 'kube-apiserver-requestheader-ca', withKey: false, commonName: 'kube-apiserver-requestheader-ca', usages: 'ca' },
      { name: 'kube-apiserver-proxy-client', withKey: true, commonName: 'kube-apiserver-proxy-client', usages: 'client' },
      { name: 'kube-service-account-token', withKey: true, commonName: 'kube-service-account-token', usages: 'key-only' },
    );
  }
  if (has('etcd')) {
    // Its own addresses only (RKE listed every etcd host): peers and clients dial a member at its
    // own address, and a member added later then changes no other member's certificate, so
    // growing etcd restarts none of them.
    const ips = new Set<string>(['127.0.0.1']);
    const names = new Set<string>(['localhost']);
    for (const a of [node.address, node.internalAddress]) (isIp(a) ? ips : names).add(a);
    out.push({ name: etcdCertName(node), withKey: true, commonName: etcdCertName(node), dnsNames: [...names].sort(), ipAddresses: [...ips].sort(), usages: 'client+server' });
  }
  return out;
}

const isIp = (a: string): boolean => /^[0-9.]+$/.test(a) || a.includes(':');

/** The kubeconfigs `node` gets: component name → the certificate it authenticates with. */
export function kubeconfigsFor(node: PlanNode): { name: string; cert: string }[] {
  const out = [
    { name: 'kube-node', cert: 'kube-node' },
    { name: 'kube-proxy', cert: 'kube-proxy' },
  ];
  if (node.roles.includes('controlplane')) out.push({ name: 'kube-controller-manager', cert: 'kube-controller-manager' }, { name: 'kube-scheduler', cert: 'kube-scheduler' });
  return out;
}

/** A component kubeconfig naming file paths only (no embedded data, so no key material). */
export function renderKubeconfig(user: string, cert: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server: LOCAL_API, 'certificate-authority': certPath('kube-ca') } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user } }],
    'current-context': 'local',
    users: [{ name: user, user: { 'client-certificate': certPath(cert), 'client-key': keyPath(cert) } }],
  });
}

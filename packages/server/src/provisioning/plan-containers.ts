/**
 * The containers of a node's plan, RKE's layout (reference provisioning.md §3, kube-apiserver-standin.md
 * §1): etcd on etcd nodes; kube-apiserver, kube-controller-manager and kube-scheduler on control-plane
 * nodes; cri-dockerd, kubelet and kube-proxy on every node (RKE runs the worker components
 * everywhere, tainting nodes without the worker role); the local API proxy on nodes without a
 * control plane. Flags use the upstream names; each component's flags merge the version table's
 * defaults, then what is computed here, then the Cluster's extraArgs (the user wins).
 */
import type { EffectiveClusterSpec, ServiceOptions } from './cluster-defaults.ts';
import { rewriteImage } from './image-ref.ts';
import { certPath, etcdCertName, keyPath, kubeconfigPath } from './plan-files.ts';
import type { EtcdMembership, PlanContainer, PlanNode } from './plan-types.ts';
import type { VersionEntry } from './versions.ts';

/** A container before its fixed fields (host network, restart always), labels and spec hash are filled in (plan.ts). */
export type ContainerDraft = Omit<PlanContainer, 'networkMode' | 'restartPolicy' | 'labels' | 'specHash'>;

export interface ClusterContext {
  spec: EffectiveClusterSpec;
  version: VersionEntry;
  nodes: readonly PlanNode[];
  /** The recorded etcd membership; absent before etcd first starts (every etcd node bootstraps). */
  etcd?: EtcdMembership;
}

/**
 * The peers node `n`'s etcd starts with, and how: before any membership is recorded every etcd node
 * bootstraps together (new); a member of the bootstrap set keeps that set; a member added later,
 * or an etcd node waiting to be added, joins the members before it plus itself (existing). These
 * never change once the node has joined, so a recorded membership does not restart etcd.
 */
export function etcdPeers(c: ClusterContext, n: PlanNode): { peers: PlanNode[]; state: 'new' | 'existing' } {
  const all = withRole(c, 'etcd');
  const m = c.etcd;
  if (m === undefined || m.members.length === 0) return { peers: all, state: 'new' };
  const i = m.members.indexOf(n.name);
  const names = i < 0 ? [...m.members, n.name] : m.members.slice(0, Math.max(m.bootstrapped, i + 1));
  const peers = names.map((name) => all.find((e) => e.name === name)).filter((e): e is PlanNode => e !== undefined);
  return { peers, state: i >= 0 && i < m.bootstrapped ? 'new' : 'existing' };
}

export const CRI_DOCKERD_SOCKET = 'unix:///var/run/cri-dockerd.sock';
const ETC_K8S = '/etc/kubernetes:/etc/kubernetes:z';
const CA = certPath('kube-ca');

/** `--k=v` sorted by flag name, from the three layers in order (later wins). */
export function renderArgs(...layers: Readonly<Record<string, string>>[]): string[] {
  const merged: Record<string, string> = {};
  for (const l of layers) Object.assign(merged, l);
  return Object.keys(merged)
    .sort()
    .map((k) => `--${k}=${merged[k]}`);
}

const image = (c: ClusterContext, key: keyof VersionEntry['images']): string => rewriteImage(c.version.images[key], c.spec.defaultRegistry);
const withRole = (c: ClusterContext, role: string): PlanNode[] => c.nodes.filter((n) => n.roles.includes(role as never));

function draft(o: Omit<ContainerDraft, 'args' | 'env' | 'binds'>, args: string[], env: string[], binds: string[], user: ServiceOptions): ContainerDraft {
  return { ...o, args, env: [...env, ...user.extraEnv], binds: [...binds, ...user.extraBinds] };
}

export function etcdContainer(c: ClusterContext, n: PlanNode): ContainerDraft {
  const cert = etcdCertName(n);
  const { peers: members, state } = etcdPeers(c, n);
  const peers = members.map((e) => `etcd-${e.name}=https://${e.internalAddress}:2380`).join(',');
  const computed = {
    name: `etcd-${n.name}`,
    'data-dir': '/var/lib/rancher/etcd/',
    'listen-client-urls': 'https://0.0.0.0:2379',
    'advertise-client-urls': `https://${n.internalAddress}:2379`,
    'listen-peer-urls': 'https://0.0.0.0:2380',
    'initial-advertise-peer-urls': `https://${n.internalAddress}:2380`,
    'initial-cluster': peers,
    'initial-cluster-state': state,
    'trusted-ca-file': CA,
    'peer-trusted-ca-file': CA,
    'cert-file': certPath(cert),
    'key-file': keyPath(cert),
    'peer-cert-file': certPath(cert),
    'peer-key-file': keyPath(cert),
    'client-cert-auth': 'true',
    'peer-client-cert-auth': 'true',
  };
  return draft(
    {
      name: 'etcd',
      image: image(c, 'etcd'),
      entrypoint: ['/usr/local/bin/etcd'],
      pidMode: '',
      privileged: false,
      healthCheck: { type: 'https', url: `https://${n.internalAddress}:2379/health`, caFile: CA, clientCert: { certFile: certPath('kube-node'), keyFile: keyPath('kube-node') } },
    },
    renderArgs(c.version.defaultArgs.etcd, computed, c.spec.services.etcd.extraArgs),
    ['ETCDCTL_API=3', `ETCDCTL_CACERT=${CA}`, `ETCDCTL_CERT=${certPath(cert)}`, `ETCDCTL_KEY=${keyPath(cert)}`, `ETCDCTL_ENDPOINTS=https://127.0.0.1:2379`],
    ['/var/lib/etcd:/var/lib/rancher/etcd:z', ETC_K8S],
    c.spec.services.etcd,
  );
}

export function kubeApiserverContainer(c: ClusterContext, n: PlanNode): ContainerDraft {
  const plugins = c.version.defaultArgs.kubeApiserver['enable-admission-plugins'];
  const computed: Record<string, string> = {
    'advertise-address': n.internalAddress,
    'etcd-servers': withRole(c, 'etcd')
      .map((e) => `https://${e.internalAddress}:2379`)
      .join(','),
    'etcd-cafile': CA,
    'etcd-certfile': certPath('kube-node'),
    'etcd-keyfile': keyPath('kube-node'),
    'client-ca-file': CA,
    'tls-cert-file': certPath('kube-apiserver'),
    'tls-private-key-file': keyPath('kube-apiserver'),
    'kubelet-client-certificate': certPath('kube-apiserver'),
    'kubelet-client-key': keyPath('kube-apiserver'),
    'requestheader-client-ca-file': certPath('kube-apiserver-requestheader-ca'),
    'proxy-client-cert-file': certPath('kube-apiserver-proxy-client'),
    'proxy-client-key-file': keyPath('kube-apiserver-proxy-client'),
    'service-account-key-file': keyPath('kube-service-account-token'),
    'service-account-signing-key-file': keyPath('kube-service-account-token'),
    'service-cluster-ip-range': c.spec.serviceClusterIpRange,
    'service-node-port-range': c.spec.serviceNodePortRange,
  };
  if (c.spec.alwaysPullImages && plugins !== undefined) computed['enable-admission-plugins'] = `${plugins},AlwaysPullImages`;
  return draft(
    {
      name: 'kube-apiserver',
      image: image(c, 'kubeApiserver'),
      entrypoint: ['kube-apiserver'],
      pidMode: '',
      privileged: false,
      healthCheck: { type: 'https', url: 'https://127.0.0.1:6443/healthz', caFile: CA, clientCert: { certFile: certPath('kube-node'), keyFile: keyPath('kube-node') } },
    },
    renderArgs(c.version.defaultArgs.kubeApiserver, computed, c.spec.services.kubeApi.extraArgs),
    [],
    [ETC_K8S],
    c.spec.services.kubeApi,
  );
}

export function kubeControllerManagerContainer(c: ClusterContext): ContainerDraft {
  const kubeconfig = kubeconfigPath('kube-controller-manager');
  const computed = {
    kubeconfig,
    'authentication-kubeconfig': kubeconfig,
    'authorization-kubeconfig': kubeconfig,
    'cluster-cidr': c.spec.clusterCidr,
    'service-cluster-ip-range': c.spec.serviceClusterIpRange,
    'root-ca-file': CA,
    'service-account-private-key-file': keyPath('kube-service-account-token'),
  };
  return draft(
    { name: 'kube-controller-manager', image: image(c, 'kubeControllerManager'), entrypoint: ['kube-controller-manager'], pidMode: '', privileged: false, healthCheck: { type: 'https', url: 'https://127.0.0.1:10257/healthz' } },
    renderArgs(c.version.defaultArgs.kubeControllerManager, computed, c.spec.services.kubeController.extraArgs),
    [],
    [ETC_K8S],
    c.spec.services.kubeController,
  );
}

export function kubeSchedulerContainer(c: ClusterContext): ContainerDraft {
  const kubeconfig = kubeconfigPath('kube-scheduler');
  const computed = { kubeconfig, 'authentication-kubeconfig': kubeconfig, 'authorization-kubeconfig': kubeconfig };
  return draft(
    { name: 'kube-scheduler', image: image(c, 'kubeScheduler'), entrypoint: ['kube-scheduler'], pidMode: '', privileged: false, healthCheck: { type: 'https', url: 'https://127.0.0.1:10259/healthz' } },
    renderArgs(c.version.defaultArgs.kubeScheduler, computed, c.spec.services.scheduler.extraArgs),
    [],
    [ETC_K8S],
    c.spec.services.scheduler,
  );
}

/** The local API proxy on nodes without a control plane: 127.0.0.1:6443 → every control plane's :6443. */
export function apiProxyContainer(c: ClusterContext): ContainerDraft {
  const cp = withRole(c, 'controlplane').map((n) => n.internalAddress);
  return {
    name: 'nginx-proxy',
    image: image(c, 'apiProxy'),
    entrypoint: ['nginx-proxy'],
    args: [],
    env: [`CP_HOSTS=${cp.join(',')}`],
    binds: [],
    pidMode: '',
    privileged: false,
    healthCheck: { type: 'tcp', address: '127.0.0.1:6443' },
  };
}

const RUNTIME_BINDS = ['/etc/cni:/etc/cni:rw,z', '/opt/cni:/opt/cni:rw,z', '/var/lib/cni:/var/lib/cni:z', '/var/lib/docker:/var/lib/docker:rw,rslave,z', '/var/run:/var/run:rw,rprivate', '/var/lib/kubelet:/var/lib/kubelet:shared,z', '/var/log/pods:/var/log/pods:z', '/var/log/containers:/var/log/containers:z'];

/** cri-dockerd: the kubelet's container runtime endpoint (Kubernetes ≥ 1.24 has no dockershim), from rke-tools as RKE runs it. */
export function criDockerdContainer(c: ClusterContext): ContainerDraft {
  return {
    name: 'cri-dockerd',
    image: image(c, 'criDockerd'),
    entrypoint: ['/opt/rke-tools/bin/cri-dockerd'],
    args: renderArgs({
      'container-runtime-endpoint': CRI_DOCKERD_SOCKET,
      'docker-endpoint': 'unix:///var/run/docker.sock',
      'network-plugin': 'cni',
      'cni-conf-dir': '/etc/cni/net.d',
      'cni-bin-dir': '/opt/cni/bin',
      'pod-infra-container-image': image(c, 'pause'),
    }),
    env: [],
    binds: RUNTIME_BINDS,
    pidMode: 'host',
    privileged: true,
    healthCheck: { type: 'unix', path: '/var/run/cri-dockerd.sock' },
  };
}

export function kubeletContainer(c: ClusterContext, n: PlanNode): ContainerDraft {
  const computed: Record<string, string> = {
    kubeconfig: kubeconfigPath('kube-node'),
    'hostname-override': n.name,
    // Always set (RKE set it only when the addresses differed, rancher/rancher#25042).
    'node-ip': n.internalAddress,
    'client-ca-file': CA,
    'cluster-domain': c.spec.clusterDomain,
    'cluster-dns': c.spec.clusterDnsServer,
    'container-runtime-endpoint': CRI_DOCKERD_SOCKET,
    'pod-infra-container-image': image(c, 'pause'),
    'fail-swap-on': String(c.spec.failSwapOn),
  };
  if (n.cgroupDriver !== undefined) computed['cgroup-driver'] = n.cgroupDriver;
  if (!n.roles.includes('worker')) {
    const taints: string[] = [];
    if (n.roles.includes('controlplane')) taints.push('node-role.kubernetes.io/controlplane=true:NoSchedule');
    if (n.roles.includes('etcd')) taints.push('node-role.kubernetes.io/etcd=true:NoExecute');
    computed['register-with-taints'] = taints.join(',');
  }
  return draft(
    { name: 'kubelet', image: image(c, 'kubelet'), entrypoint: ['kubelet'], pidMode: 'host', privileged: true, healthCheck: { type: 'http', url: 'http://127.0.0.1:10248/healthz' } },
    renderArgs(c.version.defaultArgs.kubelet, computed, c.spec.services.kubelet.extraArgs),
    [],
    [ETC_K8S, ...RUNTIME_BINDS, '/etc/resolv.conf:/etc/resolv.conf', '/sys:/sys:rprivate', '/run:/run:rprivate', '/dev:/host/dev:rprivate', '/usr:/host/usr:ro', '/etc:/host/etc:ro'],
    c.spec.services.kubelet,
  );
}

export function kubeProxyContainer(c: ClusterContext, n: PlanNode): ContainerDraft {
  const computed = { kubeconfig: kubeconfigPath('kube-proxy'), 'cluster-cidr': c.spec.clusterCidr, 'hostname-override': n.name };
  return draft(
    { name: 'kube-proxy', image: image(c, 'kubeProxy'), entrypoint: ['kube-proxy'], pidMode: 'host', privileged: true, healthCheck: { type: 'http', url: 'http://127.0.0.1:10256/healthz' } },
    renderArgs(c.version.defaultArgs.kubeProxy, computed, c.spec.services.kubeproxy.extraArgs),
    [],
    [ETC_K8S, '/run:/run:rprivate', '/lib/modules:/lib/modules:ro'],
    c.spec.services.kubeproxy,
  );
}

/**
 * Plan computation: pure functions from a Cluster's spec, the version table and the cluster's
 * Nodes to what each node must run (plan-types.ts). Same input, same plan, same hash — in any
 * process, after any restart — so the agent recreates nothing unless something relevant changed.
 * Certificates and keys are inputs by digest only: the cluster PKI issues them once and keeps
 * them (a later slice); a plan never holds their content. docs/adr/0018.
 *
 * ```ts
 * const plans = computePlans({ cluster: 'edge-a', spec: cluster.spec, table: versionTable(), nodes: nodes.map(planNodeOf), digest });
 * plans.get('node-1')?.hash
 * ```
 */
import type { Static } from '@sinclair/typebox';
import { DroverError } from '../errors.ts';
import type { ClusterSpec } from '../kinds/cluster.ts';
import type { Node } from '../kinds/node.ts';
import { effectiveClusterSpec } from './cluster-defaults.ts';
import {
  apiProxyContainer,
  criDockerdContainer,
  etcdContainer,
  kubeApiserverContainer,
  kubeControllerManagerContainer,
  kubeletContainer,
  kubeProxyContainer,
  kubeSchedulerContainer,
} from './plan-containers.ts';
import type { ClusterContext, ContainerDraft } from './plan-containers.ts';
import { certificatesFor, certPath, keyPath, kubeconfigPath, kubeconfigsFor, renderKubeconfig } from './plan-files.ts';
import { contentHash, sha256Hex } from './plan-hash.ts';
import type { EtcdMembership, NodePlan, NodeRole, PlanContainer, PlanFile, PlanNode } from './plan-types.ts';
import type { VersionTable } from './versions.ts';

export interface PlanInput {
  cluster: string;
  spec: Static<typeof ClusterSpec> | undefined;
  table: VersionTable;
  nodes: readonly PlanNode[];
  /** Hex SHA-256 of the content of the certificate or key file at `path`; undefined when not issued yet. */
  digest: (path: string) => string | undefined;
  /** The recorded etcd membership (Cluster.status.etcd); absent before etcd first starts. */
  etcd?: EtcdMembership | undefined;
}

const planError = (message: string): DroverError => new DroverError('DROVER_ERR_PLAN_INVALID', message);

/** The node as a plan needs it, from the Node object; throws when it has no usable address. */
export function planNodeOf(node: Pick<Node, 'metadata' | 'spec' | 'status'>): PlanNode {
  const name = node.metadata?.name ?? '';
  const reported = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const internalAddress = node.spec?.internalAddress ?? reported ?? node.spec?.address;
  if (internalAddress === undefined || internalAddress === '') throw planError(`node ${name} has no address yet (spec.address, spec.internalAddress or an InternalIP in status.addresses)`);
  const out: PlanNode = { name, roles: [...(node.spec?.roles ?? [])].sort(), address: node.spec?.address ?? internalAddress, internalAddress };
  const driver = node.status?.docker?.cgroupDriver;
  if (driver !== undefined && driver !== '') out.cgroupDriver = driver;
  return out;
}

/** The files `node` gets: its certificates and keys (by digest) and its kubeconfigs (with content). */
function filesFor(c: ClusterContext, node: PlanNode, digest: PlanInput['digest']): PlanFile[] {
  const files: PlanFile[] = [];
  const missing: string[] = [];
  const add = (path: string, kind: 'certificate' | 'private-key'): void => {
    const sha256 = digest(path);
    if (sha256 === undefined) missing.push(path);
    else files.push({ path, mode: kind === 'private-key' ? '0600' : '0644', kind, sha256 });
  };
  for (const cert of certificatesFor(node, c.nodes, c.spec)) {
    if (cert.usages !== 'key-only') add(certPath(cert.name), 'certificate');
    if (cert.withKey) add(keyPath(cert.name), 'private-key');
  }
  if (missing.length > 0) throw planError(`node ${node.name}: certificates not issued yet: ${missing.join(', ')}`);
  for (const k of kubeconfigsFor(node)) {
    const content = renderKubeconfig(k.name, k.cert);
    files.push({ path: kubeconfigPath(k.name), mode: '0644', kind: 'kubeconfig', sha256: sha256Hex(content), content });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Labels and the spec hash; the hash covers the digests of the files the container reads. */
function finish(d: ContainerDraft, files: readonly PlanFile[]): PlanContainer {
  const text = [...d.args, ...d.env, JSON.stringify(d.healthCheck)].join('\n');
  const read = new Set<string>();
  for (const f of files) {
    if (!text.includes(f.path)) continue;
    read.add(f.path);
    // A kubeconfig names the certificate and key it uses: they count too.
    for (const g of files) if (f.content?.includes(g.path) === true) read.add(g.path);
  }
  const fileDigests = Object.fromEntries(files.filter((f) => read.has(f.path)).map((f) => [f.path, f.sha256]));
  const body = { ...d, networkMode: 'host' as const, restartPolicy: 'always' as const };
  const specHash = contentHash({ ...body, fileDigests });
  return { ...body, labels: { 'drover.dev/managed': 'true', 'drover.dev/component': d.name, 'drover.dev/spec-hash': specHash }, specHash };
}

/** The plan of one node of the cluster (`c.nodes` holds every node, for peers and SANs). */
export function computeNodePlan(c: ClusterContext, node: PlanNode, digest: PlanInput['digest']): NodePlan {
  const has = (r: NodeRole) => node.roles.includes(r);
  const drafts: ContainerDraft[] = [];
  if (has('etcd')) drafts.push(etcdContainer(c, node));
  if (has('controlplane')) drafts.push(kubeApiserverContainer(c, node), kubeControllerManagerContainer(c), kubeSchedulerContainer(c));
  else drafts.push(apiProxyContainer(c));
  drafts.push(criDockerdContainer(c), kubeletContainer(c, node), kubeProxyContainer(c, node));
  const files = filesFor(c, node, digest);
  const containers = drafts.map((d) => finish(d, files));
  const hash = contentHash({ containers, files });
  return { node: node.name, roles: node.roles, kubernetesVersion: c.version.version, containers, files, hash };
}

/** The plans of every node, by node name. Throws DROVER_ERR_PLAN_INVALID when any cannot be computed. */
export function computePlans(input: PlanInput): Map<string, NodePlan> {
  const spec = effectiveClusterSpec(input.spec, input.table);
  const version = input.table.find(spec.kubernetesVersion);
  if (version === undefined) throw planError(`cluster ${input.cluster}: Kubernetes version ${spec.kubernetesVersion} is not supported`);
  const nodes = [...input.nodes].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const role of ['etcd', 'controlplane'] as const) {
    if (!nodes.some((n) => n.roles.includes(role))) throw planError(`cluster ${input.cluster}: waiting for a node with the ${role} role`);
  }
  const c: ClusterContext = { spec, version, nodes, ...(input.etcd === undefined ? {} : { etcd: input.etcd }) };
  return new Map(nodes.map((n) => [n.name, computeNodePlan(c, n, input.digest)]));
}

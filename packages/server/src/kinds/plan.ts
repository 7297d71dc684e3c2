/**
 * Plan: what one node of a cluster must run (namespace = cluster name, name = node name) — the
 * containers and files computed by provisioning/plan.ts, with its content hash. The server writes
 * it; users read it (members of the cluster) and nobody writes it through the API, admins
 * included. It holds no key material: files are paths, modes and SHA-256 digests (docs/adr/0018).
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { inClusterNamespace, READ } from '../resources/access.ts';
import type { AccessPolicy } from '../resources/access.ts';
import type { RequestAttributes } from '../api/contract.ts';
import { NodeRole, StringEnum, ageColumn, nameColumn, pathColumn, pick } from './meta.ts';
import type { NodePlan } from '../provisioning/plan-types.ts';
import { API_VERSION } from './resources.ts';

const s = (description: string) => Type.String({ description });
const strings = (description: string) => Type.Array(Type.String(), { description });

export const PlanContainerSchema = Type.Object(
  {
    name: s('Container name on the host.'),
    image: s('Image, after the private-registry rewrite.'),
    entrypoint: strings('Entrypoint.'),
    args: strings('Arguments, --flag=value sorted by flag.'),
    env: strings('Environment, NAME=value (never a secret).'),
    binds: strings('Bind mounts, host:container[:options].'),
    networkMode: s('Network mode: host.'),
    pidMode: s('PID mode: host or "" (private).'),
    privileged: Type.Boolean({ description: 'Runs privileged.' }),
    restartPolicy: s('Docker restart policy: always.'),
    labels: Type.Record(Type.String(), Type.String(), { description: 'drover.dev/managed, drover.dev/component, drover.dev/spec-hash.' }),
    healthCheck: Type.Object(
      {
        type: StringEnum(['https', 'http', 'tcp', 'unix'], { description: 'How the agent probes it.' }),
        url: opt(s('URL probed (http, https); healthy on 200.')),
        address: opt(s('host:port dialed (tcp).')),
        path: opt(s('Unix socket dialed (unix).')),
        caFile: opt(s('CA file the server is verified against (https); absent: not verified.')),
        clientCert: opt(Type.Object({ certFile: s('Certificate file.'), keyFile: s('Key file.') }, { description: 'Client certificate presented (https).' })),
      },
      { description: 'Health check the agent runs in-process.' },
    ),
    specHash: s('SHA-256 of the container spec and the digests of the files it reads: a change replaces the container.'),
  },
  { description: 'A container the node runs.' },
);

export const PlanFileSchema = Type.Object(
  {
    path: s('Absolute path on the host.'),
    mode: StringEnum(['0600', '0644'], { description: 'File mode: 0600 for private keys.' }),
    kind: StringEnum(['certificate', 'private-key', 'kubeconfig'], { description: 'What the file is.' }),
    sha256: s('Hex SHA-256 of the content.'),
    content: opt(s('Content, for kubeconfigs only (they name files; never key material).')),
  },
  { description: 'A file the node holds.' },
);

export const PlanSpec = Type.Object(
  {
    node: s('The Node this plan is for.'),
    roles: Type.Array(NodeRole, { description: 'The node roles the plan was computed for.' }),
    kubernetesVersion: s('The Kubernetes version planned.'),
    containers: Type.Array(PlanContainerSchema, { description: 'Containers, in start order.' }),
    files: Type.Array(PlanFileSchema, { description: 'Files under /etc/kubernetes/ssl.' }),
    hash: s('SHA-256 over containers and files.'),
  },
  { description: 'What the node must run.' },
);

/** Members of the cluster read Plans; writes are the server's alone (refused to everyone through the API). */
function serverWritten(): AccessPolicy {
  const writeOrSub = (a: RequestAttributes): boolean => !READ.includes(a.verb) || (a.subresource !== undefined && a.subresource !== '');
  return { ...inClusterNamespace(), refusedToAll: writeOrSub };
}

export const plans = defineResource({
  kind: 'Plan',
  plural: 'plans',
  scope: 'Namespaced',
  description: 'What one node must run: containers and files computed from the Cluster spec and the version table, with a content hash. Written by the server; namespace = cluster, name = node.',
  schema: { spec: opt(PlanSpec) },
  statusSubresource: false,
  verbs: ['get', 'list', 'watch'],
  printerColumns: [
    nameColumn,
    pathColumn('Version', 'spec.kubernetesVersion', 'Kubernetes version planned.'),
    {
      name: 'Containers',
      type: 'integer',
      description: 'Containers in the plan.',
      priority: 0,
      cell: (obj) => {
        const c = pick(obj, 'spec.containers');
        return Array.isArray(c) ? c.length : 0;
      },
    },
    {
      name: 'Hash',
      type: 'string',
      description: 'First 12 hex digits of the plan hash.',
      priority: 0,
      cell: (obj) => {
        const h = pick(obj, 'spec.hash');
        return typeof h === 'string' ? h.slice(0, 12) : null;
      },
    },
    ageColumn,
  ],
  access: serverWritten(),
});

/** The kind as the generic API serves it. */
export const planKind = plans.def;

export type Plan = TypeOf<typeof plans>;

/** The Plan object of `plan` in `cluster`'s namespace, as the server stores it. */
export function planObject(cluster: string, plan: NodePlan) {
  return { apiVersion: API_VERSION, kind: 'Plan', metadata: { name: plan.node, namespace: cluster }, spec: structuredClone(plan) };
}

/** Cluster: a Kubernetes cluster Drover manages (cluster-scoped; owns the namespace of its name). */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { clusterMembership } from '../resources/access.ts';
import { clusterHooks } from './hooks-cluster.ts';
import { Condition, ageColumn, nameColumn, pathColumn, pick } from './meta.ts';
import { ClusterAuthentication, ClusterNetwork, ClusterServices, UpgradeStrategy } from './cluster-services.ts';

export const PrivateRegistry = Type.Object(
  {
    url: Type.String({ minLength: 1, description: 'Registry host (and optional path prefix), e.g. "registry.example:5000".' }),
    default: Type.Boolean({ description: 'Images are pulled from this registry (system images are prefixed with it).' }),
    username: opt(Type.String({ description: 'User name for the registry.' })),
    password: opt(
      Type.String({
        description: 'Password for the registry. Write-only: stored sealed, never returned (see passwordSet); omit it to keep the stored one, "" removes it.',
      }),
    ),
    passwordSet: opt(Type.Boolean({ description: 'Output only: true when a password is stored for this registry. Ignored on input.' })),
    sealedPassword: opt(Type.String({ description: 'Server-kept: the password sealed with AES-256-GCM. Stored, never shown; ignored on input.' })),
  },
  { description: 'A private image registry.' },
);

export const ClusterSpec = Type.Object(
  {
    kubernetesVersion: opt(
      Type.String({ description: 'Kubernetes version to run: one of the KubernetesVersion objects (kubectl get kubernetesversions). Default: the one marked default.' }),
    ),
    privateRegistries: opt(Type.Array(PrivateRegistry, { description: 'Private registries; the default one prefixes every image (air gaps).' })),
    proxy: opt(
      Type.Object(
        {
          httpsProxy: opt(Type.String({ description: 'HTTPS_PROXY for the agents and the components.' })),
          noProxy: opt(Type.String({ description: 'NO_PROXY for the agents and the components.' })),
        },
        { description: 'HTTP proxy settings passed to the agents.' },
      ),
    ),
    services: opt(ClusterServices),
    authentication: opt(ClusterAuthentication),
    network: opt(ClusterNetwork),
    upgradeStrategy: opt(UpgradeStrategy),
  },
  { description: 'Desired state of the cluster. Every field is optional.' },
);

export const ClusterStatus = Type.Object(
  {
    state: opt(Type.String({ description: 'Summary state: Waiting (no nodes), Provisioning, Active, Degraded (a node down or a condition False after provisioning) or Error (invalid spec).' })),
    reason: opt(Type.String({ description: 'Why the cluster is in this state, e.g. "2 of 3 nodes connected".' })),
    nodes: opt(
      Type.Object(
        {
          total: Type.Integer({ minimum: 0, description: 'Registered nodes.' }),
          connected: Type.Integer({ minimum: 0, description: 'Nodes with a live agent session.' }),
        },
        { description: 'Node counts.' },
      ),
    ),
    conditions: opt(Type.Array(Condition(Type.String({ description: 'Condition type.' })), { description: 'Observations of the cluster state.' })),
    etcd: opt(
      Type.Object(
        {
          members: Type.Array(Type.String(), { description: 'Nodes whose etcd is a member, in the order they joined.' }),
          bootstrapped: Type.Integer({ minimum: 0, description: 'How many of the first members formed the etcd cluster together; the rest were added to it later.' }),
        },
        { description: "The cluster's etcd membership as Drover started it (written by the provision controller; the plans' --initial-cluster follow it)." },
      ),
    ),
    caChecksum: opt(
      Type.String({ pattern: '^[0-9a-f]{64}$', description: "Hex SHA-256 of the cluster CA's PEM certificate, to compare with what the apiserver trusts (the key is never shown)." }),
    ),
  },
  { description: 'Observed state of the cluster, written by controllers.' },
);

export const clusters = defineResource({
  kind: 'Cluster',
  plural: 'clusters',
  shortNames: ['cl'],
  scope: 'Cluster',
  description: 'A Kubernetes cluster managed by Drover. Its Nodes, RegistrationTokens, ClusterMembers and Events live in the namespace of the same name.',
  schema: {
    spec: opt(ClusterSpec),
    status: opt(ClusterStatus),
  },
  statusSubresource: true,
  hidden: ['spec.privateRegistries[*].sealedPassword'],
  secretFields: ['spec.privateRegistries[*].password'],
  printerColumns: [
    nameColumn,
    pathColumn('State', 'status.state', 'Summary state of the cluster.'),
    {
      name: 'Nodes',
      type: 'string',
      description: 'Connected/total nodes.',
      priority: 0,
      cell: (obj) => {
        const connected = pick(obj, 'status.nodes.connected');
        const total = pick(obj, 'status.nodes.total');
        return `${typeof connected === 'number' ? connected : 0}/${typeof total === 'number' ? total : 0}`;
      },
    },
    pathColumn('Version', 'spec.kubernetesVersion', 'Kubernetes version.'),
    ageColumn,
    pathColumn('Reason', 'status.reason', 'Why the cluster is in this state.', 1),
  ],
  access: clusterMembership(),
  hooks: (d) => clusterHooks(d),
});

/** The kind as the generic API serves it. */
export const clusterKind = clusters.def;

export type Cluster = TypeOf<typeof clusters> & { spec?: Static<typeof ClusterSpec>; status?: Static<typeof ClusterStatus> };

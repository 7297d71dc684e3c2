/** Node: a host registered to a cluster through its agent (namespace = cluster name). */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { inClusterNamespace } from '../resources/access.ts';
import { nodeHooks } from './hooks-node.ts';
import { Condition, NodeRole, StringEnum, Taint, ageColumn, nameColumn, pathColumn, pick } from './meta.ts';

export const NodeSpec = Type.Object(
  {
    roles: Type.Array(NodeRole, { description: 'Roles of the node: etcd, controlplane, worker.' }),
    address: opt(Type.String({ description: 'Public address other nodes and users reach the node at.' })),
    internalAddress: opt(Type.String({ description: 'Address for cluster-internal traffic.' })),
    labels: opt(Type.Record(Type.String(), Type.String(), { description: 'Kubernetes labels applied to the node.' })),
    taints: opt(Type.Array(Taint, { description: 'Kubernetes taints applied to the node.' })),
  },
  { description: 'Desired state of the node, from its registration command.' },
);

export const NodeStatus = Type.Object(
  {
    state: opt(StringEnum(['Registering', 'Connected', 'Disconnected'], { description: 'Agent session state: Registering, Connected or Disconnected.' })),
    reason: opt(Type.String({ description: 'Why the node is in this state.' })),
    since: opt(Type.String({ format: 'date-time', description: 'When the node entered this state.' })),
    conditions: opt(
      Type.Array(Condition(StringEnum(['Connected', 'Ready'], { description: 'Condition type: Connected or Ready.' })), {
        description: 'Observations of the node.',
      }),
    ),
    agentVersion: opt(Type.String({ description: 'Version of the connected agent.' })),
    hostname: opt(Type.String({ description: 'Host name the agent reported.' })),
    rttMs: opt(Type.Number({ minimum: 0, description: 'Heartbeat round-trip time of the agent session, in milliseconds.' })),
    docker: opt(
      Type.Object(
        {
          engineId: opt(Type.String({ description: 'Docker engine ID the node is bound to.' })),
          version: opt(Type.String({ description: 'Docker engine version.' })),
          os: opt(Type.String({ description: 'Operating system reported by Docker.' })),
          kernelVersion: opt(Type.String({ description: 'Kernel version reported by Docker.' })),
          cgroupDriver: opt(Type.String({ description: 'Cgroup driver reported by Docker.' })),
          storageDriver: opt(Type.String({ description: 'Storage driver reported by Docker.' })),
          cpus: opt(Type.Integer({ minimum: 0, description: 'CPUs reported by Docker.' })),
          memoryBytes: opt(Type.Integer({ minimum: 0, description: 'Memory reported by Docker, in bytes.' })),
        },
        { description: 'The Docker engine on the host.' },
      ),
    ),
    containers: opt(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ description: 'Container name.' }),
            image: Type.String({ description: 'Image the container was created from.' }),
            state: Type.String({ description: 'Docker state: created, running, paused, restarting, removing, exited or dead.' }),
            specHash: opt(Type.String({ description: 'The drover.dev/spec-hash label it was created with (its Plan container\'s specHash).' })),
            health: opt(Type.String({ description: 'The agent\'s last in-process health check: healthy, unhealthy, starting or unknown (no check).' })),
            message: opt(Type.String({ description: 'Why it is unhealthy.' })),
          },
          { description: 'A container Drover manages on the host.' },
        ),
        { description: 'Containers labelled drover.dev/managed=true on the host, by name, as the agent last reported them.' },
      ),
    ),
    appliedPlanHash: opt(Type.String({ description: 'Hash of the last whole Plan the agent applied (it keeps it across restarts); absent before the first.' })),
    addresses: opt(
      Type.Array(
        Type.Object(
          {
            type: Type.String({ description: 'Address type, e.g. InternalIP, ExternalIP, Hostname.' }),
            address: Type.String({ description: 'The address.' }),
          },
          { description: 'A node address.' },
        ),
        { description: 'Addresses reported by the agent.' },
      ),
    ),
  },
  { description: 'Observed state of the node, written by the server.' },
);

export const nodes = defineResource({
  kind: 'Node',
  plural: 'nodes',
  shortNames: ['no'],
  scope: 'Namespaced',
  description: 'A host registered to a cluster through the Drover agent. Its namespace is the name of its Cluster.',
  schema: { spec: opt(NodeSpec), status: opt(NodeStatus) },
  statusSubresource: true,
  printerColumns: [
    nameColumn,
    pathColumn('State', 'status.state', 'Agent session state.'),
    {
      name: 'Roles',
      type: 'string',
      description: 'Roles of the node.',
      priority: 0,
      cell: (obj) => {
        const roles = pick(obj, 'spec.roles');
        return Array.isArray(roles) && roles.length > 0 ? roles.join(',') : null;
      },
    },
    {
      name: 'Address',
      type: 'string',
      description: 'Address of the node.',
      priority: 0,
      cell: (obj) => {
        const a = pick(obj, 'spec.address');
        if (typeof a === 'string') return a;
        const list = pick(obj, 'status.addresses');
        const first: unknown = Array.isArray(list) ? list[0] : undefined;
        const addr = pick(first, 'address');
        return typeof addr === 'string' ? addr : null;
      },
    },
    pathColumn('Agent', 'status.agentVersion', 'Agent version.'),
    ageColumn,
    pathColumn('Reason', 'status.reason', 'Why the node is in this state.', 1),
    {
      name: 'RTT',
      type: 'string',
      description: 'Heartbeat round-trip time.',
      priority: 1,
      cell: (obj) => {
        const rtt = pick(obj, 'status.rttMs');
        return typeof rtt === 'number' ? `${Math.round(rtt)}ms` : null;
      },
    },
  ],
  access: inClusterNamespace({ write: 'member' }),
  hooks: (d) => nodeHooks(d),
});

/** The kind as the generic API serves it. */
export const nodeKind = nodes.def;

export type Node = TypeOf<typeof nodes> & { spec?: Static<typeof NodeSpec>; status?: Static<typeof NodeStatus> };

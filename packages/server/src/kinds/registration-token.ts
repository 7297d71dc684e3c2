/**
 * RegistrationToken: a per-cluster secret a host presents to register as a Node. The secret and
 * the rendered node commands appear only in the create response (returned by the kind's
 * afterCreate hook); they are never stored — only a hash (status.secretHash, never shown).
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { inClusterNamespace } from '../resources/access.ts';
import { registrationTokenHooks } from './hooks-registration-token.ts';
import { NodeRole, StringEnum, Taint, ageColumn, nameColumn, pathColumn, pick } from './meta.ts';

export const RegistrationTokenSpec = Type.Object(
  {
    ttlSeconds: opt(Type.Integer({ minimum: 1, description: 'Lifetime in seconds (default: the server setting, 86400).' })),
    roles: opt(Type.Array(NodeRole, { description: 'Roles given to nodes registering with it (default: all three).' })),
    labels: opt(Type.Record(Type.String(), Type.String(), { description: 'Kubernetes labels for the registering nodes.' })),
    taints: opt(Type.Array(Taint, { description: 'Kubernetes taints for the registering nodes.' })),
    address: opt(Type.String({ description: 'Public address the registering node announces.' })),
    internalAddress: opt(Type.String({ description: 'Internal address the registering node announces.' })),
    nodeName: opt(Type.String({ description: 'Node name to register as (default: the host name).' })),
    revoked: opt(Type.Boolean({ description: 'True revokes the token; registered nodes keep their own credentials.' })),
  },
  { description: 'What a node registering with this token becomes.' },
);

export const RegistrationTokenStatus = Type.Object(
  {
    state: opt(StringEnum(['Active', 'Expired', 'Revoked'], { description: 'Active, Expired or Revoked.' })),
    expiresAt: opt(Type.String({ format: 'date-time', description: 'When the token stops being accepted.' })),
    token: opt(Type.String({ description: 'The secret token. Only in the create response; never stored.' })),
    nodeCommand: opt(Type.String({ description: 'The `docker run` command to paste on a host. Only in the create response.' })),
    insecureNodeCommand: opt(
      Type.String({ description: 'The same command trusting the server certificate on first use (--insecure). Only in the create response.' }),
    ),
    secretHash: opt(Type.String({ description: 'Hash of the secret. Stored, never shown.' })),
  },
  { description: 'Observed state of the token.' },
);

export const registrationTokens = defineResource({
  kind: 'RegistrationToken',
  plural: 'registrationtokens',
  shortNames: ['rt', 'regtoken'],
  scope: 'Namespaced',
  description: 'A revocable, expiring secret with which hosts register as Nodes of the cluster named by its namespace. Creating one returns the node command once.',
  schema: { spec: opt(RegistrationTokenSpec), status: opt(RegistrationTokenStatus) },
  statusSubresource: true,
  printerColumns: [
    nameColumn,
    pathColumn('State', 'status.state', 'Active, Expired or Revoked.'),
    pathColumn('Expires', 'status.expiresAt', 'When the token expires.'),
    {
      name: 'Roles',
      type: 'string',
      description: 'Roles given to registering nodes.',
      priority: 0,
      cell: (obj) => {
        const roles = pick(obj, 'spec.roles');
        return Array.isArray(roles) && roles.length > 0 ? roles.join(',') : null;
      },
    },
    ageColumn,
    pathColumn('Node', 'spec.nodeName', 'Node name to register as.', 1),
  ],
  neverStored: ['status.token', 'status.nodeCommand', 'status.insecureNodeCommand'],
  hidden: ['status.secretHash'],
  access: inClusterNamespace({ write: 'member' }),
  hooks: (d) =>
    registrationTokenHooks({ serverUrl: d.serverUrl, caChecksum: d.caChecksum, agentImage: d.agentImage, defaultTtlSeconds: d.registrationTokenTtlSeconds, pending: d.pending, machineSecrets: d.machineSecrets, now: d.now }),
});

/** The kind as the generic API serves it. */
export const registrationTokenKind = registrationTokens.def;

export type RegistrationToken = TypeOf<typeof registrationTokens> & {
  spec?: Static<typeof RegistrationTokenSpec>;
  status?: Static<typeof RegistrationTokenStatus>;
};

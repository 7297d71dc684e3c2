/**
 * ClusterMember: a user's role in one cluster (namespace = cluster name). A membership is bound
 * to the User it names when it is created (`status.userUid`, issue 9 finding 8): roles follow the
 * uid, so a User created later under the name of a deleted one inherits nothing, and the member
 * shows `status.state: Dangling` (controllers/cluster-member-binding.ts).
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { ObjectOf } from '../resources/define-resource.ts';
import { inClusterNamespace } from '../resources/access.ts';
import { clusterMemberHooks } from './hooks-cluster-member.ts';
import { StringEnum, ageColumn, nameColumn, pathColumn } from './meta.ts';

export const ClusterMemberSpec = Type.Object(
  {
    user: Type.String({ minLength: 1, description: 'Name of the User: it must exist when the member is created.' }),
    role: StringEnum(['owner', 'member', 'read-only'], {
      description: 'owner: everything in the cluster, including members and deleting it; member: also Nodes and RegistrationTokens; read-only: get, list, watch.',
    }),
  },
  { description: 'Who and which role.' },
);

/** Bound: the User named holds the role. Dangling: that User is gone (or was re-created): it grants nothing. */
export const MEMBER_STATES = ['Bound', 'Dangling'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

export const ClusterMemberStatus = Type.Object(
  {
    userUid: opt(Type.String({ description: 'metadata.uid of the User this membership was granted to, set at creation. Roles follow this uid, not the name.' })),
    state: opt(StringEnum([...MEMBER_STATES], { description: 'Bound, or Dangling: the User it was granted to no longer exists (a User of the same name created later is another user), so it grants nothing.' })),
    message: opt(Type.String({ description: 'Why it is Dangling.' })),
  },
  { description: 'Server-kept: writes to it are ignored.' },
);

const fields = { spec: ClusterMemberSpec, status: opt(ClusterMemberStatus) };

/** A ClusterMember object. */
export type ClusterMember = ObjectOf<typeof fields>;

export const clusterMembers = defineResource({
  kind: 'ClusterMember',
  plural: 'clustermembers',
  shortNames: ['cm', 'member'],
  scope: 'Namespaced',
  description: 'Gives a user a role in the cluster named by its namespace.',
  schema: fields,
  statusSubresource: false,
  printerColumns: [
    nameColumn,
    pathColumn('User', 'spec.user', 'The user.'),
    pathColumn('Role', 'spec.role', 'The role.'),
    pathColumn('State', 'status.state', 'Bound, or Dangling (its user is gone: it grants nothing).'),
    ageColumn,
  ],
  access: inClusterNamespace({ write: 'owner' }),
  hooks: (d) => clusterMemberHooks(d),
});

/** The kind as the generic API serves it. */
export const clusterMemberKind = clusterMembers.def;

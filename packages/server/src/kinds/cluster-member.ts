/** ClusterMember: a user's role in one cluster (namespace = cluster name). */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { defineKind } from './kind-definition.ts';
import { StringEnum, ageColumn, nameColumn, pathColumn } from './meta.ts';

export const ClusterMemberSpec = Type.Object(
  {
    user: Type.String({ minLength: 1, description: 'Name of the User.' }),
    role: StringEnum(['owner', 'member', 'read-only'], {
      description: 'owner: everything in the cluster, including members and deleting it; member: also Nodes and RegistrationTokens; read-only: get, list, watch.',
    }),
  },
  { description: 'Who and which role.' },
);

export const clusterMemberKind = defineKind({
  kind: 'ClusterMember',
  plural: 'clustermembers',
  shortNames: ['cm', 'member'],
  namespaced: true,
  description: 'Gives a user a role in the cluster named by its namespace.',
  fields: { spec: ClusterMemberSpec },
  statusSubresource: false,
  columns: [nameColumn, pathColumn('User', 'spec.user', 'The user.'), pathColumn('Role', 'spec.role', 'The role.'), ageColumn],
});

export type ClusterMember = Static<typeof clusterMemberKind.schema> & { spec: Static<typeof ClusterMemberSpec> };

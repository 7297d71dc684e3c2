/**
 * User: a person or robot that signs in (cluster-scoped). The password is input only
 * (`spec.password`, hashed by the User hook into `status.passwordHash`, which is never shown).
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { selfNamed } from '../resources/access.ts';
import { userHooks } from './hooks-user.ts';
import { ageColumn, nameColumn, pathColumn } from './meta.ts';

export const UserSpec = Type.Object(
  {
    displayName: opt(Type.String({ description: 'Name shown in the console.' })),
    admin: opt(Type.Boolean({ description: 'Administrators see and may do everything.' })),
    disabled: opt(Type.Boolean({ description: 'A disabled user cannot sign in; its tokens stop working.' })),
    password: opt(Type.String({ minLength: 8, description: 'New password (input only: stored as a hash, never returned).' })),
  },
  { description: 'The user.' },
);

export const UserStatus = Type.Object(
  { passwordHash: opt(Type.String({ description: 'scrypt hash of the password. Stored, never shown.' })) },
  { description: 'Server-kept state.' },
);

export const users = defineResource({
  kind: 'User',
  plural: 'users',
  shortNames: ['usr'],
  scope: 'Cluster',
  description: 'A Drover user. Administrators see everything; others see the clusters they are members of.',
  schema: { spec: opt(UserSpec), status: opt(UserStatus) },
  statusSubresource: true,
  printerColumns: [
    nameColumn,
    pathColumn('Display Name', 'spec.displayName', 'Name shown in the console.'),
    pathColumn('Admin', 'spec.admin', 'Administrator.'),
    pathColumn('Disabled', 'spec.disabled', 'Cannot sign in.'),
    ageColumn,
  ],
  hidden: ['status.passwordHash'],
  secretFields: ['spec.password'],
  access: selfNamed(),
  hooks: (d) => userHooks(d),
});

/** The kind as the generic API serves it. */
export const userKind = users.def;

export type User = TypeOf<typeof users>;

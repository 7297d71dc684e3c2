/**
 * Token: a bearer token of a user (cluster-scoped). The secret is shown once when minted; only its
 * hash is stored (`status.secretHash`, never shown).
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { ownedBySpecUser } from '../resources/access.ts';
import { tokenHooks } from './hooks-token.ts';
import { StringEnum, ageColumn, nameColumn, pathColumn } from './meta.ts';

export const TokenSpec = Type.Object(
  {
    user: opt(Type.String({ minLength: 1, description: 'Name of the User the token acts as (default: the caller).' })),
    type: opt(StringEnum(['api', 'login', 'kubeconfig'], { description: 'What it was minted for: api, login or kubeconfig.' })),
    ttlSeconds: opt(Type.Integer({ minimum: 1, description: 'Lifetime in seconds from creation.' })),
    description: opt(Type.String({ description: 'What the token is for.' })),
    revoked: opt(Type.Boolean({ description: 'True revokes the token.' })),
  },
  { description: 'The token.' },
);

export const TokenStatus = Type.Object(
  {
    expiresAt: opt(Type.String({ format: 'date-time', description: 'When the token stops working.' })),
    secretHash: opt(Type.String({ description: 'scrypt hash of the secret. Stored, never shown.' })),
    token: opt(Type.String({ description: 'The bearer token. Only in the create response; never stored.' })),
  },
  { description: 'Server-kept state.' },
);

export const tokens = defineResource({
  kind: 'Token',
  plural: 'tokens',
  shortNames: ['tok'],
  scope: 'Cluster',
  description: 'A bearer token acting as a user: login sessions, kubeconfigs and API tokens. Expires; revocable.',
  schema: { spec: opt(TokenSpec), status: opt(TokenStatus) },
  statusSubresource: true,
  printerColumns: [
    nameColumn,
    pathColumn('User', 'spec.user', 'The user.'),
    pathColumn('Type', 'spec.type', 'api, login or kubeconfig.'),
    pathColumn('Expires', 'status.expiresAt', 'Expiry.'),
    pathColumn('Revoked', 'spec.revoked', 'Revoked.'),
    ageColumn,
    pathColumn('Description', 'spec.description', 'What it is for.', 1),
  ],
  neverStored: ['status.token'],
  hidden: ['status.secretHash'],
  access: ownedBySpecUser(),
  hooks: (d) => tokenHooks({ defaultTtlSeconds: d.apiTokenTtlSeconds, pending: d.pending, machineSecrets: d.machineSecrets, now: d.now }),
});

/** The kind as the generic API serves it. */
export const tokenKind = tokens.def;

export type Token = TypeOf<typeof tokens>;

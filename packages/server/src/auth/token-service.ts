/**
 * User tokens (the Token kind): minted for login, kubeconfigs and API use; stored with an HMAC
 * of the secret in `status.secretHash` (docs/adr/0009); shown once; expire at `status.expiresAt`; revoked by
 * `spec.revoked: true` (or removed by deleting the object).
 */
import { randomBytes } from 'node:crypto';
import type { Store, StoredObject } from '@drover/store';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { formatUserToken } from './bearer.ts';
import type { MachineSecretHasher } from './machine-secret-hash.ts';
import { randomSecret } from './secret-hash.ts';

/** What a token was minted for. `api` tokens are created through the API by users. */
export type TokenType = 'login' | 'kubeconfig' | 'api';

/** Label carrying the owning user on every Token, for list filtering. */
export const TOKEN_USER_LABEL = 'drover.dev/user';

export interface TokenSpec {
  user: string;
  type?: TokenType;
  ttlSeconds?: number;
  description?: string;
  revoked?: boolean;
}

export interface TokenStatus {
  expiresAt?: string;
  secretHash?: string;
}

/** A lowercase random suffix for generated names (DNS label safe). */
export function randomNameSuffix(length = 10): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export interface MintTokenOptions {
  user: string;
  type: TokenType;
  ttlSeconds: number;
  description?: string;
  now?: Date;
}

/** Creates a Token for `user` directly in the store; returns the object and the bearer (shown once). */
export async function mintToken(store: Store, hasher: MachineSecretHasher, options: MintTokenOptions): Promise<{ object: StoredObject; bearer: string }> {
  const now = options.now ?? new Date();
  const name = `${options.type}-${randomNameSuffix()}`;
  const secret = randomSecret();
  const spec: TokenSpec = { user: options.user, type: options.type, ttlSeconds: options.ttlSeconds };
  if (options.description !== undefined) spec.description = options.description;
  const status: TokenStatus = {
    expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000).toISOString(),
    secretHash: hasher.hash(secret),
  };
  const object = await store.create(RESOURCES.tokens, {
    apiVersion: API_VERSION,
    kind: 'Token',
    metadata: { name, labels: { [TOKEN_USER_LABEL]: options.user } },
    spec,
    status,
  });
  return { object, bearer: formatUserToken(name, secret) };
}

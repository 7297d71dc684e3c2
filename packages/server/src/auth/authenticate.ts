/**
 * Bearer token → RequestUser. One store read for the Token (named in the bearer), one for its
 * User. The secret is checked against its HMAC (docs/adr/0009); a legacy scrypt hash runs once per
 * (token, hash), later requests compare a SHA-256 digest in constant time from a bounded cache.
 * The secret is checked before any state is revealed: reasons (expired, revoked) only go to the
 * holder of the right secret; everyone else hears "unknown token".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Store, StoredObject } from '@drover/store';
import type { RequestUser } from '../api/contract.ts';
import { DroverError } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { parseUserToken } from './bearer.ts';
import type { MachineSecretHasher } from './machine-secret-hash.ts';
import type { TokenSpec, TokenStatus } from './token-service.ts';
import { userFromObject } from './users.ts';

export interface AuthenticatorOptions {
  store: Store;
  machineSecrets: MachineSecretHasher;
  now?: () => Date;
  /** Verified (token, hash) pairs kept in memory. Default 10000. */
  cacheSize?: number;
}

export interface Authenticator {
  /** The user a bearer token stands for. @throws DroverError DROVER_ERR_AUTH_TOKEN_* / USER_DISABLED */
  authenticate(bearer: string): Promise<RequestUser>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const cacheSize = options.cacheSize ?? 10_000;
  /** token name → {secretHash it was verified against, sha256 of the bearer}. */
  const verified = new Map<string, { hash: string; digest: Buffer }>();

  const unknown = (): DroverError => new DroverError('DROVER_ERR_AUTH_TOKEN_UNKNOWN', 'unknown token');

  async function secretMatches(name: string, bearer: string, secret: string, hash: string): Promise<boolean> {
    const hit = verified.get(name);
    const d = digest(bearer);
    if (hit !== undefined && hit.hash === hash) return timingSafeEqual(hit.digest, d);
    if (!(await options.machineSecrets.verify(secret, hash))) return false;
    verified.delete(name);
    verified.set(name, { hash, digest: d });
    if (verified.size > cacheSize) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    return true;
  }

  function getOrUndefined(resource: string, name: string): Promise<StoredObject | undefined> {
    return store.tryGet(resource, '', name);
  }

  return {
    async authenticate(bearer) {
      const parsed = parseUserToken(bearer);
      if (parsed === undefined) throw unknown();
      const token = await getOrUndefined(RESOURCES.tokens, parsed.name);
      if (token === undefined) throw unknown();
      const spec = (token.spec ?? {}) as Partial<TokenSpec>;
      const status = (token.status ?? {}) as TokenStatus;
      if (typeof status.secretHash !== 'string' || typeof spec.user !== 'string') throw unknown();
      if (!(await secretMatches(parsed.name, bearer, parsed.secret, status.secretHash))) throw unknown();
      if (spec.revoked === true || token.metadata.deletionTimestamp !== undefined) {
        throw new DroverError('DROVER_ERR_AUTH_TOKEN_REVOKED', 'token revoked');
      }
      const expiresAt = status.expiresAt === undefined ? NaN : Date.parse(status.expiresAt);
      if (!(expiresAt > now().getTime())) throw new DroverError('DROVER_ERR_AUTH_TOKEN_EXPIRED', 'token expired');
      const userObj = await getOrUndefined(RESOURCES.users, spec.user);
      const user = userObj === undefined ? undefined : userFromObject(userObj, spec.type === 'login' ? 'login' : 'token');
      if (user === undefined) throw new DroverError('DROVER_ERR_AUTH_USER_DISABLED', 'user disabled or removed');
      return user;
    },
  };
}

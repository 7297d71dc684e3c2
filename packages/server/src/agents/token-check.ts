/**
 * The registration token of a `POST /v1/agent/register`, checked: secret first, then revoked,
 * then expiry. The secret is checked against its HMAC (docs/adr/0009), so a wrong one costs
 * microseconds, not a scrypt run. Failures are limited per token name (auth/failure-limiter.ts):
 * past the limit a failure is answered 429 with Retry-After instead of 401, and records no Event.
 * The right secret of a live token always passes, so a flood of wrong guesses never locks out the
 * hosts that hold the token. A legacy scrypt hash is verified only while its bucket has room.
 * Names that match no token are not limited (a store miss is all they cost, and keying them
 * would let a sprayer of made-up names push real ones out of the bounded map).
 */
import type { Store } from '@drover/store';
import { parseRegistrationToken } from '../auth/bearer.ts';
import type { FailureLimiter } from '../auth/failure-limiter.ts';
import { isLegacyHash } from '../auth/machine-secret-hash.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import { DroverError } from '../errors.ts';
import { clusters } from '../kinds/cluster.ts';
import { registrationTokens } from '../kinds/registration-token.ts';
import type { RegistrationToken } from '../kinds/registration-token.ts';
import type { Stored } from '../resources/define-resource.ts';

export interface TokenCheckDeps {
  store: Store;
  now: () => Date;
  machineSecrets: MachineSecretHasher;
  failures: FailureLimiter;
}

/** Records the refusal as an Event (on the token when named) and returns it. */
export type Refuse = (err: DroverError, tokenName?: string) => DroverError;

/** The cluster and RegistrationToken `tokenBearer` names, once its secret, revocation and expiry are checked. */
export async function checkRegistrationToken(deps: TokenCheckDeps, tokenBearer: string, refuse: Refuse): Promise<{ cluster: string; token: Stored<RegistrationToken> }> {
  const unknown = new DroverError('DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN', 'unknown registration token: create a new one and use its node command');
  const parsed = parseRegistrationToken(tokenBearer);
  if (parsed === undefined) throw unknown;
  const token = await registrationTokens.client(deps.store).tryGet(parsed.cluster, parsed.name);
  const hash = token?.status?.secretHash;
  if (token === undefined || typeof hash !== 'string') throw unknown;

  const key = `${parsed.cluster}/${parsed.name}`;
  const limited = (waitMs: number): DroverError => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new DroverError(
      'DROVER_ERR_REGISTRATION_RATE_LIMITED',
      `too many failed registrations with registration token "${parsed.name}" of cluster "${parsed.cluster}"; retry in ${seconds} s`,
      { retryAfterSeconds: seconds },
    );
  };
  /** A failure: `err` while the bucket has room, else 429. */
  const failed = (err: DroverError, record: boolean): DroverError => {
    const wait = deps.failures.fail(key);
    if (wait > 0) return limited(wait);
    return record ? refuse(err, parsed.name) : err;
  };

  if (isLegacyHash(hash)) {
    const wait = deps.failures.peek(key);
    if (wait > 0) throw limited(wait);
  }
  if (!(await deps.machineSecrets.verify(parsed.secret, hash))) throw failed(unknown, false);
  const cluster = await clusters.client(deps.store).tryGet('', parsed.cluster);
  if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) throw unknown;
  if (token.spec?.revoked === true || token.metadata.deletionTimestamp !== undefined) {
    throw failed(new DroverError('DROVER_ERR_REGISTRATION_TOKEN_REVOKED', `registration token "${parsed.name}" of cluster "${parsed.cluster}" has been revoked`), true);
  }
  const expiresAt = token.status?.expiresAt;
  const expiry = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (!(expiry > deps.now().getTime())) {
    throw failed(new DroverError('DROVER_ERR_REGISTRATION_TOKEN_EXPIRED', `registration token "${parsed.name}" of cluster "${parsed.cluster}" expired at ${expiresAt ?? 'an unknown time'}`), true);
  }
  return { cluster: parsed.cluster, token };
}

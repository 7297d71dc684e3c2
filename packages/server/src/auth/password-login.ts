/**
 * The password check behind every login endpoint (`POST /v1/login` for the CLI and kubectl,
 * `POST /v1/session` for the console): one per-account backoff shared by both, so a guesser gets
 * one allowance per account, not one per endpoint (on top of each route's per-address limit).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '@drover/store';
import type { RequestUser } from '../api/contract.ts';
import { DroverError } from '../errors.ts';
import { createLoginBackoff } from './login-backoff.ts';
import type { LoginBackoff } from './login-backoff.ts';
import { checkPassword, userFromObject } from './users.ts';

export interface PasswordLogin {
  /**
   * The enabled user with this name and password.
   * @throws DroverError DROVER_ERR_AUTH_RATE_LIMITED while the account backs off (Retry-After),
   *   DROVER_ERR_AUTH_BAD_CREDENTIALS for a wrong name or password (one message for both)
   */
  check(username: string, password: string, log: FastifyBaseLogger): Promise<RequestUser>;
}

export function createPasswordLogin(store: Store, backoff: LoginBackoff = createLoginBackoff()): PasswordLogin {
  return {
    async check(username, password, log) {
      const wait = backoff.wait(username);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        log.info({ username, retryAfterSeconds: seconds }, 'login refused: too many failures for this account');
        throw new DroverError('DROVER_ERR_AUTH_RATE_LIMITED', `too many failed logins for this account; retry in ${seconds} s`, { retryAfterSeconds: seconds });
      }
      const userObj = await checkPassword(store, username, password);
      const user = userObj === undefined ? undefined : userFromObject(userObj, 'login');
      if (user === undefined) {
        backoff.failed(username);
        log.info({ username }, 'login failed');
        throw new DroverError('DROVER_ERR_AUTH_BAD_CREDENTIALS', 'invalid username or password');
      }
      backoff.succeeded(username);
      return user;
    },
  };
}

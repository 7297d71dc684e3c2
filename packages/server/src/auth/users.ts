/**
 * Users: the first-start admin, password checks at login, and the RequestUser of a User object.
 * A User's password is kept only as an scrypt hash in `status.passwordHash`.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import type { RequestUser } from '../api/contract.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { users } from '../kinds/user.ts';
import type { User } from '../kinds/user.ts';
import type { Stored } from '../resources/define-resource.ts';
import { hashSecret, randomSecret, verifySecret } from './secret-hash.ts';

export const ADMIN_USER = 'admin';
export const GROUP_AUTHENTICATED = 'system:authenticated';
export const GROUP_ADMINS = 'drover:admins';

export interface UserSpec {
  displayName?: string;
  admin?: boolean;
  disabled?: boolean;
  /** Input only: hashed into status.passwordHash by the User hook and never stored. */
  password?: string;
}

export interface UserStatus {
  passwordHash?: string;
}

/** The RequestUser a User object stands for; undefined when the user is disabled. */
export function userFromObject(obj: StoredObject, via: RequestUser['via']): RequestUser | undefined {
  const spec = (obj.spec ?? {}) as UserSpec;
  if (spec.disabled === true || obj.metadata.deletionTimestamp !== undefined) return undefined;
  const admin = spec.admin === true;
  return {
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    groups: admin ? [GROUP_AUTHENTICATED, GROUP_ADMINS] : [GROUP_AUTHENTICATED],
    admin,
    via,
  };
}

export interface EnsureAdminResult {
  created: boolean;
  /** Set only when this call created the admin with a generated password: print it once, never log it. */
  generatedPassword?: string;
}

/**
 * Creates the `admin` User (admin: true) when no such user exists, with `password` or a
 * generated one. An existing admin is left alone (the password is used on first start only).
 */
export async function ensureAdmin(store: Store, password?: string): Promise<EnsureAdminResult> {
  if ((await store.tryGet(RESOURCES.users, '', ADMIN_USER)) !== undefined) return { created: false };
  const generated = password === undefined ? randomSecret(18) : undefined;
  const status: UserStatus = { passwordHash: await hashSecret(password ?? generated ?? '') };
  try {
    await store.create(RESOURCES.users, {
      apiVersion: API_VERSION,
      kind: 'User',
      metadata: { name: ADMIN_USER },
      spec: { displayName: 'Administrator', admin: true } satisfies UserSpec,
      status,
    });
  } catch (err) {
    // Another replica created it first: fine, and its password wins.
    if (isStoreError(err, StoreErrorCode.ALREADY_EXISTS)) return { created: false };
    throw err;
  }
  return generated === undefined ? { created: true } : { created: true, generatedPassword: generated };
}

/** A dummy hash so that a login for an unknown user costs the same as a wrong password. */
let dummyHash: Promise<string> | undefined;

/** The User whose password this is, or undefined (same timing for unknown user and bad password). */
export async function checkPassword(store: Store, username: string, password: string): Promise<StoredObject | undefined> {
  let user: Stored<User> | undefined;
  try {
    user = await users.client(store).tryGet('', username);
  } catch (err) {
    if (!isStoreError(err, StoreErrorCode.INVALID)) throw err; // a name the store refuses is unknown too
  }
  const hash = user?.status?.passwordHash;
  if (user === undefined || typeof hash !== 'string') {
    dummyHash ??= hashSecret(randomSecret());
    await verifySecret(password, await dummyHash);
    return undefined;
  }
  return (await verifySecret(password, hash)) ? user : undefined;
}

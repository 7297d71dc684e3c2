/**
 * Hashing of machine secrets: registration tokens, node credentials and API/login/kubeconfig
 * tokens. They are 32 random bytes, so a slow password hash buys nothing against guessing and
 * costs a scrypt run (~50 ms of a core) per presented secret, right or wrong (issue 9 #4). They
 * are hashed with HMAC-SHA-256 under a server key instead (docs/adr/0009): a few microseconds,
 * compared in constant time, and a leaked store alone does not let anyone test a guess.
 *
 * Encoded form: `hmac-sha256$v1$<mac b64url>` (`v1`: the key generation, for a future rotation).
 * Hashes written before (`scrypt$…`, auth/secret-hash.ts) still verify, with scrypt; callers that
 * can rewrite a verified legacy hash do so ({@link isLegacyHash}). Passwords stay scrypt.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DroverError } from '../errors.ts';
import { verifySecret } from './secret-hash.ts';

/** File name of the key in the data directory (next to the store and pki/). */
export const MACHINE_SECRET_KEY_FILE = 'machine-secrets.key';
const PREFIX = 'hmac-sha256$v1$';
const KEY_BYTES = 32;

export interface MachineSecretHasher {
  /** The encoded HMAC of `secret`; deterministic, so it can key a one-shot map. */
  hash(secret: string): string;
  /** True when `secret` matches `encoded` (HMAC, or a legacy scrypt hash); false when malformed. */
  verify(secret: string, encoded: string): Promise<boolean>;
}

/** True for a hash written before HMAC (scrypt): verify costs scrypt, rewrite it when you can. */
export function isLegacyHash(encoded: string): boolean {
  return !encoded.startsWith(PREFIX);
}

export function createMachineSecretHasher(key: Buffer): MachineSecretHasher {
  if (key.length !== KEY_BYTES) throw new DroverError('DROVER_ERR_CONFIG_INVALID', `the machine secret key must be ${KEY_BYTES} bytes, not ${key.length}`);
  // One KeyObject: a raw Buffer key is imported again on every createHmac (13.5 µs against 2.9 µs
  // here, paid by every agent connect and API token).
  const secretKey = createSecretKey(key);
  const mac = (secret: string): Buffer => createHmac('sha256', secretKey).update(secret, 'utf8').digest();
  return {
    hash: (secret) => PREFIX + mac(secret).toString('base64url'),
    async verify(secret, encoded) {
      if (isLegacyHash(encoded)) return verifySecret(secret, encoded);
      const want = Buffer.from(encoded.slice(PREFIX.length), 'base64url');
      return want.length === KEY_BYTES && timingSafeEqual(mac(secret), want);
    },
  };
}

/**
 * The key in `file` (base64url of 32 bytes), created with mode 0600 (its directory 0700) on first
 * start. Every replica of one store needs the same file, as with the CA key.
 * @throws DroverError DROVER_ERR_CONFIG_INVALID when the file holds something else
 */
export async function loadMachineSecretKey(file: string): Promise<Buffer> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(KEY_BYTES).toString('base64url')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  if (key.length !== KEY_BYTES) throw new DroverError('DROVER_ERR_CONFIG_INVALID', `${file} does not hold a ${KEY_BYTES}-byte key (base64url); restore it from a backup or another replica`);
  return key;
}

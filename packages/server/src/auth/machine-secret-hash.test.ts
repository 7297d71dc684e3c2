/** HMAC hashes of machine secrets, legacy scrypt hashes, and the key file. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDroverError } from '../errors.ts';
import { createMachineSecretHasher, isLegacyHash, loadMachineSecretKey } from './machine-secret-hash.ts';
import { hashSecret } from './secret-hash.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('machine secret hash', () => {
  it('verifies its own hashes and legacy scrypt ones; another key, secret or a malformed hash fails', async () => {
    const h = createMachineSecretHasher(Buffer.alloc(32, 1));
    const other = createMachineSecretHasher(Buffer.alloc(32, 2));
    const hash = h.hash('s3cret-s3cret-s3cret');
    expect(hash).toMatch(/^hmac-sha256\$v1\$[A-Za-z0-9_-]{43}$/);
    expect(isLegacyHash(hash)).toBe(false);
    expect(await h.verify('s3cret-s3cret-s3cret', hash)).toBe(true);
    expect(await h.verify('s3cret-s3cret-s3creT', hash)).toBe(false);
    expect(await other.verify('s3cret-s3cret-s3cret', hash)).toBe(false);
    expect(await h.verify('x', 'hmac-sha256$v1$short')).toBe(false);
    const legacy = await hashSecret('old-secret');
    expect(isLegacyHash(legacy)).toBe(true);
    expect(await h.verify('old-secret', legacy)).toBe(true);
    expect(await h.verify('old-secreT', legacy)).toBe(false);
    expect(() => createMachineSecretHasher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('creates the key file 0600 (directory 0700) once and reads the same key after; refuses a bad file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mskey-'));
    const file = join(dir, 'data', 'machine-secrets.key');
    const key = await loadMachineSecretKey(file);
    expect(key).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'data'))).mode & 0o777).toBe(0o700);
    expect((await loadMachineSecretKey(file)).equals(key)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toBe(key.toString('base64url'));
    await writeFile(file, 'not a key\n');
    const err = await loadMachineSecretKey(file).catch((e: unknown) => e);
    expect(isDroverError(err, 'DROVER_ERR_CONFIG_INVALID')).toBe(true);
  });
});

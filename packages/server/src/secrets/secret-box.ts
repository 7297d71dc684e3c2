/**
 * SecretBox: seals secrets the server must read back later (private registry passwords) with
 * AES-256-GCM under a key kept in `<dataDir>/secret.key` (32 random bytes, base64, mode 0600,
 * created on first start). Sealed form: `v1.<iv>.<ciphertext>.<tag>` (base64url; 12-byte IV,
 * 16-byte tag). The store — its log, backups, a PostgreSQL dump — then holds only ciphertext.
 * docs/adr/0008-secret-fields.md.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DroverError } from '../errors.ts';

/** File name of the key inside the data directory. */
export const SECRET_KEY_FILE = 'secret.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

export interface SecretBox {
  /** The sealed form of `plain` (a fresh IV each time, so equal secrets seal differently). */
  seal(plain: string): string;
  /**
   * The secret sealed in `sealed`.
   * @throws DroverError DROVER_ERR_SECRET_UNREADABLE when it is malformed or sealed under another key
   */
  open(sealed: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new DroverError('DROVER_ERR_SECRET_UNREADABLE', `the secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new DroverError('DROVER_ERR_SECRET_UNREADABLE', 'not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[1] ?? '', 'base64url'));
        decipher.setAuthTag(Buffer.from(parts[3] ?? '', 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(parts[2] ?? '', 'base64url')), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new DroverError('DROVER_ERR_SECRET_UNREADABLE', `a sealed secret cannot be opened with ${SECRET_KEY_FILE} (another key, or altered)`, { cause });
      }
    },
  };
}

/**
 * The SecretBox of a data directory: reads `secret.key`, or creates it (0600, exclusive create,
 * fsynced; the directory 0700 when missing) when absent. Check the file's mode first (data-dir.ts).
 * @throws DroverError DROVER_ERR_SECRET_UNREADABLE when the file exists but holds no valid key
 */
export function loadSecretBox(dataDir: string): SecretBox {
  const path = join(dataDir, SECRET_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    text = `${randomBytes(KEY_BYTES).toString('base64')}\n`;
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new DroverError('DROVER_ERR_SECRET_UNREADABLE', `${path} does not hold a ${KEY_BYTES}-byte base64 key`);
  return createSecretBox(key);
}

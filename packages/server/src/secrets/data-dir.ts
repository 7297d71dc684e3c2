/**
 * The data directory holds the store (password hashes, sealed secrets), the CA key and the secret
 * key, so it is private: created 0700, its files 0600. An existing directory or key file that
 * others may read stops the start (DROVER_ERR_DATA_DIR_INSECURE, with the command that fixes it)
 * rather than being "fixed" silently: whoever loosened it may have copied it meanwhile. One
 * exception: an empty directory we own (a fresh container volume, a `mkdir` by the operator)
 * holds nothing yet and is tightened.
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DroverError } from '../errors.ts';
import { MACHINE_SECRET_KEY_FILE } from '../auth/machine-secret-hash.ts';
import { SECRET_KEY_FILE } from './secret-box.ts';

/** Group and other permission bits. */
const GROUP_OTHER = 0o077;
/** Other permission bits (a user-supplied key may be group-readable, e.g. a mounted secret). */
const OTHER = 0o007;

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(3, '0');

function insecure(path: string, mode: number, fix: string): DroverError {
  return new DroverError(
    'DROVER_ERR_DATA_DIR_INSECURE',
    `${path} is readable by other users (mode ${octal(mode)}); it holds secrets. Fix it with \`${fix}\` (and check who may have copied it), then start again`,
  );
}

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface DataDirOptions {
  /** A CA key outside the data directory (DROVER_CA_KEY_FILE): refused when others may read it. */
  caKeyFile?: string;
}

/**
 * Creates `dataDir` 0700 when missing, tightens an empty one we own, and checks the directory and
 * its key files (`secret.key`, `machine-secrets.key`, `pki/*.key`).
 * @throws DroverError DROVER_ERR_DATA_DIR_INSECURE naming the path, its mode and the fix
 */
export function secureDataDir(dataDir: string, options: DataDirOptions = {}): void {
  const mode = modeOf(dataDir);
  if (mode === undefined) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700); // the umask may have taken bits off, never added: make it exact
  } else if ((mode & GROUP_OTHER) !== 0) {
    const owned = statSync(dataDir).uid === process.getuid?.();
    if (!owned || readdirSync(dataDir).length > 0) throw insecure(dataDir, mode, `chmod 700 ${dataDir}`);
    chmodSync(dataDir, 0o700);
  }
  const keys = [join(dataDir, SECRET_KEY_FILE), join(dataDir, MACHINE_SECRET_KEY_FILE)];
  const pki = join(dataDir, 'pki');
  if (modeOf(pki) !== undefined) {
    const pkiMode = modeOf(pki) ?? 0;
    if ((pkiMode & GROUP_OTHER) !== 0) throw insecure(pki, pkiMode, `chmod 700 ${pki}`);
    keys.push(...readdirSync(pki).filter((f) => f.endsWith('.key')).map((f) => join(pki, f)));
  }
  for (const key of keys) {
    const m = modeOf(key);
    if (m !== undefined && (m & GROUP_OTHER) !== 0) throw insecure(key, m, `chmod 600 ${key}`);
  }
  if (options.caKeyFile !== undefined) {
    const m = modeOf(options.caKeyFile);
    if (m !== undefined && (m & OTHER) !== 0) throw insecure(options.caKeyFile, m, `chmod o-rwx ${options.caKeyFile}`);
  }
}

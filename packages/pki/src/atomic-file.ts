import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PkiError } from './errors.ts';

/**
 * Writes `data` to `path` atomically with exactly `mode` (umask does not apply): writes a temp
 * file in the same directory, fsyncs it, renames it over `path`, then fsyncs the directory.
 * Readers see the old content or the new, never a torn file.
 * @throws PkiError `DROVER_ERR_PKI_IO`
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.chmod(mode);
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new PkiError('DROVER_ERR_PKI_IO', `cannot write ${path}`, { cause });
  }
}

/**
 * The UTF-8 content of `path`, or `undefined` when it does not exist.
 * @throws PkiError `DROVER_ERR_PKI_IO` for any other read failure
 */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PkiError('DROVER_ERR_PKI_IO', `cannot read ${path}`, { cause });
  }
}

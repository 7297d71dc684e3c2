/**
 * Plan files on the host (certificates, private keys, kubeconfigs): each written atomically (a
 * temporary file beside it, fsync, rename) with the mode the plan gives, parent directories
 * created, and only when the content differs — so a re-apply touches nothing and a crash never
 * leaves a half-written key. Contents are never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, normalize } from 'node:path';

export interface PlanFileInput {
  path: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  content: Uint8Array;
}

/** Why a file could not be written (the path, never the content). */
export class PlanFileError extends Error {
  override readonly name = 'PlanFileError';
}

async function unchanged(path: string, content: Uint8Array, mode: number): Promise<boolean> {
  try {
    const [current, st] = await Promise.all([readFile(path), stat(path)]);
    return (st.mode & 0o777) === mode && Buffer.compare(current, content) === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

async function writeOne(file: PlanFileInput): Promise<boolean> {
  if (!isAbsolute(file.path) || normalize(file.path) !== file.path) throw new PlanFileError(`plan file path ${JSON.stringify(file.path)} is not a normalized absolute path`);
  if (await unchanged(file.path, file.content, file.mode)) return false;
  await mkdir(dirname(file.path), { recursive: true, mode: 0o755 });
  const tmp = `${file.path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', file.mode);
    try {
      await fh.writeFile(file.content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, file.mode); // the umask may have narrowed it
    await rename(tmp, file.path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  return true;
}

/**
 * Writes the files whose content or mode differs; returns the paths written, in order.
 * @throws PlanFileError naming the path that failed
 */
export async function writePlanFiles(files: readonly PlanFileInput[]): Promise<string[]> {
  const written: string[] = [];
  for (const f of files) {
    try {
      if (await writeOne(f)) written.push(f.path);
    } catch (err) {
      if (err instanceof PlanFileError) throw err;
      throw new PlanFileError(`cannot write ${f.path}: ${(err as Error).message}`, { cause: err });
    }
  }
  return written;
}

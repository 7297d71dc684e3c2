/**
 * The files the agent keeps on the host (protocol §4): `ca.crt` (the pinned CA, canonical PEM)
 * and `node.json` (the node credential and what it belongs to). Written atomically (temp file,
 * fsync, rename) with mode 0600 in a 0700 directory.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AgentError } from './errors.ts';

export const NodeIdentitySchema = Type.Object({
  server: Type.String({ minLength: 1 }),
  cluster: Type.String({ minLength: 1 }),
  node: Type.String({ minLength: 1 }),
  credential: Type.String({ minLength: 1 }),
  engineId: Type.String({ minLength: 1 }),
  caChecksum: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export type NodeIdentity = Static<typeof NodeIdentitySchema>;

export interface StoredState {
  identity: NodeIdentity | undefined;
  caPem: string | undefined;
}

const ioError = (message: string, cause: unknown): AgentError => new AgentError('DROVER_ERR_AGENT_STATE_IO', message, { cause });

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(`cannot read ${path}: ${(err as Error).message}`, err);
  }
}

/** Reads node.json and ca.crt; a node.json that does not parse counts as absent (and is reported by the caller). */
export async function readState(dir: string): Promise<StoredState & { problem?: string }> {
  const [json, caPem] = await Promise.all([readOptional(join(dir, 'node.json')), readOptional(join(dir, 'ca.crt'))]);
  if (json === undefined) return { identity: undefined, caPem };
  try {
    const parsed = JSON.parse(json) as unknown;
    if (Value.Check(NodeIdentitySchema, parsed)) return { identity: parsed, caPem };
    return { identity: undefined, caPem, problem: `${join(dir, 'node.json')} does not have the expected fields; ignoring it` };
  } catch {
    return { identity: undefined, caPem, problem: `${join(dir, 'node.json')} is not JSON; ignoring it` };
  }
}

/** Writes `data` to `path` atomically with mode 0600. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, 0o600); // umask cannot widen it, but a pre-existing mask could narrow oddly
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw ioError(`cannot write ${path}: ${(err as Error).message}`, err);
  }
}

/** Stores the pinned CA first, then the identity that relies on it. */
export async function writeState(dir: string, identity: NodeIdentity, caPem: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw ioError(`cannot create ${dir}: ${(err as Error).message}`, err);
  }
  await writeFileAtomic(join(dir, 'ca.crt'), caPem);
  await writeFileAtomic(join(dir, 'node.json'), `${JSON.stringify(identity, null, 2)}\n`);
}

/** True when a stored identity belongs to this server and this Docker engine. */
export function identityMatches(identity: NodeIdentity | undefined, server: string, engineId: string): identity is NodeIdentity {
  return identity !== undefined && identity.server === server && identity.engineId === engineId;
}

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';
import { isPkiError } from './errors.ts';

let dir = '';
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

describe('writeFileAtomic', () => {
  it('sets the exact mode regardless of umask and of the mode of the file it replaces', async () => {
    dir = mkdtempSync(join(tmpdir(), 'drover-atomic-'));
    const path = join(dir, 'f');
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(path, 'one', 0o644);
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o644);
    chmodSync(path, 0o666);
    await writeFileAtomic(path, 'two', 0o600);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('fails with DROVER_ERR_PKI_IO and leaves the old file and no temp file behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'drover-atomic-'));
    expect(await codeOf(() => writeFileAtomic(join(dir, 'missing', 'f'), 'x', 0o600))).toBe('DROVER_ERR_PKI_IO');
    writeFileSync(join(dir, 'f'), 'old');
    // a directory in the way makes the rename fail after the temp file was written
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    expect(await codeOf(() => writeFileAtomic(blocked, 'x', 0o600))).toBe('DROVER_ERR_PKI_IO');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'f']);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('old');
  });
});

describe('readFileIfExists', () => {
  it('returns the content, undefined when missing, and DROVER_ERR_PKI_IO otherwise', async () => {
    dir = mkdtempSync(join(tmpdir(), 'drover-atomic-'));
    writeFileSync(join(dir, 'f'), 'text');
    expect(await readFileIfExists(join(dir, 'f'))).toBe('text');
    expect(await readFileIfExists(join(dir, 'nope'))).toBeUndefined();
    expect(await codeOf(() => readFileIfExists(dir))).toBe('DROVER_ERR_PKI_IO');
  });
});

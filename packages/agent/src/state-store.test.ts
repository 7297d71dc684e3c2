import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityMatches, readState, writeState, type NodeIdentity } from './state-store.ts';

const id: NodeIdentity = { server: 'https://s', cluster: 'c', node: 'n', credential: 'cred', engineId: 'E', caChecksum: 'a'.repeat(64) };
let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('state store', () => {
  it('writes ca.crt and node.json 0600 in a 0700 directory, atomically (no temp files left)', async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'agent-state-')), 'etc-drover');
    await writeState(dir, id, 'PEM');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await readdir(dir)).sort()).toEqual(['ca.crt', 'node.json']);
    expect(await readState(dir)).toEqual({ identity: id, caPem: 'PEM' });
    await writeState(dir, { ...id, credential: 'cred2' }, 'PEM');
    expect((await readState(dir)).identity?.credential).toBe('cred2');
    expect((await stat(join(dir, 'node.json'))).mode & 0o777).toBe(0o600);
  });

  it('ignores a broken node.json with a reason, and matches identity by server and engine', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-state-'));
    expect(await readState(dir)).toEqual({ identity: undefined, caPem: undefined });
    await writeFile(join(dir, 'node.json'), '{"server":1}');
    expect((await readState(dir)).problem).toMatch(/expected fields/);
    expect(identityMatches(id, 'https://s', 'E')).toBe(true);
    expect(identityMatches(id, 'https://other', 'E')).toBe(false);
    expect(identityMatches(id, 'https://s', 'F')).toBe(false);
  });
});

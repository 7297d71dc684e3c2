/** Test support: a real SQLite store in a fresh temp directory, removed on cleanup. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@drover/store';
import type { Store, StoreTuning } from '@drover/store';
import type { RequestUser } from './api/contract.ts';

export interface TempStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

export async function createTempStore(tuning: StoreTuning = {}): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'drover-server-test-'));
  const store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data'), ...tuning });
  return {
    store,
    dir,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A RequestUser for tests. */
export function testUser(name: string, admin = false): RequestUser {
  return { name, uid: `uid-${name}`, groups: ['system:authenticated'], admin, via: 'token' };
}

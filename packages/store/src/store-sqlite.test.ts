import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeCrudBehaviour } from './behaviour-crud.ts';
import { describeRewriteBehaviour } from './behaviour-rewrite.ts';
import { describeWatchBehaviour } from './behaviour-watch.ts';
import { StoreErrorCode } from './errors.ts';
import { SQLITE_FILE } from './open-database.ts';
import { createStore } from './store.ts';
import { sqliteBackend } from './test-helpers.ts';

describe('store on SQLite', () => {
  describe('reads and writes', () => describeCrudBehaviour(sqliteBackend));
  describe('rewriting history', () => describeRewriteBehaviour(sqliteBackend));
  describe('watch', () => describeWatchBehaviour(sqliteBackend));

  it('close() leaves no timers or handles behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drover-store-test-'));
    // Resources by type, after the Immediates already queued have run. The test runner's own
    // come and go (its messages, its timers), so a leak is a type with more after than before.
    const count = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const byType: Record<string, number> = {};
      for (const type of process.getActiveResourcesInfo()) byType[type] = (byType[type] ?? 0) + 1;
      return byType;
    };
    const intervals = new Set<unknown>();
    const realClear = globalThis.clearInterval;
    const setSpy = vi.spyOn(globalThis, 'setInterval');
    const clearSpy = vi.spyOn(globalThis, 'clearInterval').mockImplementation((t) => {
      intervals.delete(t);
      realClear(t);
    });
    try {
      const before = await count();
      const store = await createStore({ kind: 'sqlite', dataDir: dir, historySize: 5 });
      await store.watch('r', { bookmarkIntervalMs: 5 });
      await store.watch('r', { resourceVersion: '1' });
      for (const r of setSpy.mock.results) intervals.add(r.value);
      expect(intervals.size).toBe(1);
      for (let i = 0; i < 20; i++) await store.create('r', { apiVersion: 'v1', kind: 'K', metadata: { name: `n${i}` } });
      await store.close();
      expect(intervals.size).toBe(0);
      const after = await count();
      for (const [type, n] of Object.entries(after)) expect({ type, n }).toEqual({ type, n: Math.min(n, before[type] ?? 0) });
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second store on the same data directory while the first is open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drover-store-test-'));
    try {
      const first = await createStore({ kind: 'sqlite', dataDir: dir });
      await expect(createStore({ kind: 'sqlite', dataDir: dir })).rejects.toMatchObject({ code: StoreErrorCode.BACKEND });
      await first.close();
      const second = await createStore({ kind: 'sqlite', dataDir: dir });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its files private (directory 0700, files 0600) and leaves no rewritten bytes on disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drover-store-test-'));
    const dir = join(root, 'data');
    const secret = 'secret-bytes-9f3c1d';
    try {
      const store = await createStore({ kind: 'sqlite', dataDir: dir });
      const a = await store.create('r', { apiVersion: 'v1', kind: 'K', metadata: { name: 'a' }, spec: { secret } });
      await store.update('r', { ...a, spec: { secret: `${secret}-2` } });
      await store.compact(0); // the first version is deleted, not rewritten
      expect(await store.rewriteHistory('r', (o) => ({ ...o, spec: {} }))).toBe(1);
      await store.reclaimSpace();
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dir);
      expect(files).toContain(SQLITE_FILE);
      for (const f of files) expect(`${f} ${(statSync(join(dir, f)).mode & 0o777).toString(8)}`).toBe(`${f} 600`);
      const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
      expect(bytes.includes(secret)).toBe(false);
      await store.close();
      expect(Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f)))).includes(secret)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE } from './open-database.ts';
import { createStore } from './store.ts';
import { obj } from './test-helpers.ts';

const R = 'management.drover.dev/things';

describe('compaction', () => {
  it('leaves exactly the newest row of each live key, whatever the writes and however often it ran (one span at a time)', async () => {
    const step = fc.record({ op: fc.constantFrom('put', 'put', 'delete', 'compact'), key: fc.integer({ min: 0, max: 5 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'drover-compaction-'));
        try {
          const store = await createStore({ kind: 'sqlite', dataDir: dir, historySize: 1 });
          const live = new Map<string, string>();
          for (const [i, s] of steps.entries()) {
            const name = `k${s.key}`;
            if (s.op === 'compact') {
              await store.compact(0);
            } else if (s.op === 'delete') {
              if (live.delete(name)) await store.delete(R, '', name);
            } else {
              const cur = await store.tryGet(R, '', name);
              const next = cur === undefined ? await store.create(R, obj(name, { spec: { i } })) : await store.update(R, { ...cur, spec: { i } });
              live.set(name, next.metadata.resourceVersion);
            }
          }
          await store.compact(0);
          await store.close();
          const db = new Database(join(dir, SQLITE_FILE), { readonly: true });
          try {
            const rows = db.prepare('select rv, name, type from log where resource = ? order by name').all(R) as { rv: number; name: string; type: string }[];
            expect(rows.map((r) => [r.name, String(r.rv)])).toEqual([...live].sort(([a], [b]) => a.localeCompare(b)));
            expect(rows.every((r) => r.type !== 'DELETED')).toBe(true);
          } finally {
            db.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});

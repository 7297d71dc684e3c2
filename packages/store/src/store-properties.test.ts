/**
 * Property tests: random sequences of writes over a few keys, checked against a model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStoreError } from './errors.ts';
import { brief, obj, reader, sqliteBackend } from './test-helpers.ts';
import type { Store, StoredObject } from './types.ts';

const R = 'management.drover.dev/things';
const NAMES = ['a', 'b', 'c'];
const NAMESPACES = ['', 'ns'];

type Cmd =
  | { op: 'create'; key: number; v: number; finalizer: boolean }
  | { op: 'update'; key: number; v: number; precondition: 'none' | 'current' | 'stale' }
  | { op: 'delete'; key: number; precondition: 'none' | 'current' | 'stale' }
  | { op: 'finalize'; key: number };

const keyArb = fc.integer({ min: 0, max: NAMES.length * NAMESPACES.length - 1 });
const preArb = fc.constantFrom<'none' | 'current' | 'stale'>('none', 'current', 'stale');
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), key: keyArb, v: fc.nat(100), finalizer: fc.boolean() }),
  fc.record({ op: fc.constant('update' as const), key: keyArb, v: fc.nat(100), precondition: preArb }),
  fc.record({ op: fc.constant('delete' as const), key: keyArb, precondition: preArb }),
  fc.record({ op: fc.constant('finalize' as const), key: keyArb }),
);

function keyOf(k: number): { namespace: string; name: string } {
  return { namespace: NAMESPACES[k % NAMESPACES.length]!, name: NAMES[Math.floor(k / NAMESPACES.length)]! };
}

interface Expected {
  /** One line per successful write: what a full watch must show, in order. */
  events: string[];
  rvs: number[];
  state: Map<number, StoredObject>;
}

/** Runs the commands on the store and on a model; asserts each outcome as it goes. */
async function runCommands(store: Store, cmds: Cmd[]): Promise<Expected> {
  const state = new Map<number, StoredObject>();
  const events: string[] = [];
  const rvs: number[] = [];
  const record = (type: string, o: StoredObject) => {
    events.push(brief({ type: type as 'ADDED', object: o }));
    rvs.push(Number(o.metadata.resourceVersion));
  };
  const expectCode = async (p: Promise<unknown>, code: string) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isStoreError(err) ? err.code : err).toBe(`DROVER_ERR_STORE_${code}`);
  };
  for (const c of cmds) {
    const { namespace, name } = keyOf(c.key);
    const cur = state.get(c.key);
    const precondition = (p: 'none' | 'current' | 'stale') =>
      p === 'none' || cur === undefined ? {} : { expectedResourceVersion: p === 'current' ? cur.metadata.resourceVersion : '1' };
    const o = (v: number, finalizers?: string[]) => obj(name, { namespace, spec: { v }, ...(finalizers ? { finalizers } : {}) });
    if (c.op === 'create') {
      if (cur !== undefined) {
        await expectCode(store.create(R, o(c.v)), 'ALREADY_EXISTS');
        continue;
      }
      const created = await store.create(R, o(c.v, c.finalizer ? ['f'] : undefined));
      state.set(c.key, created);
      record('ADDED', created);
    } else if (cur === undefined) {
      const p =
        c.op === 'delete' ? store.delete(R, namespace, name) : store.update(R, o(c.op === 'update' ? c.v : 0));
      await expectCode(p, 'NOT_FOUND');
    } else if (c.op !== 'finalize' && c.precondition === 'stale') {
      const p = c.op === 'delete' ? store.delete(R, namespace, name, precondition('stale')) : store.update(R, o(c.v), precondition('stale'));
      await expectCode(p, 'CONFLICT');
    } else if (c.op === 'update') {
      const updated = await store.update(R, { ...o(c.v), metadata: { ...cur.metadata, resourceVersion: undefined } }, precondition(c.precondition));
      state.set(c.key, updated);
      record('MODIFIED', updated);
    } else if (c.op === 'finalize') {
      const updated = await store.update(R, { ...cur, metadata: { ...cur.metadata, finalizers: [] } });
      const removed = cur.metadata.deletionTimestamp !== undefined;
      if (removed) state.delete(c.key);
      else state.set(c.key, updated);
      record(removed ? 'DELETED' : 'MODIFIED', updated);
    } else {
      const d = await store.delete(R, namespace, name, precondition(c.precondition));
      const pending = (cur.metadata.finalizers ?? []).length > 0;
      expect(d.removed).toBe(!pending);
      if (pending && cur.metadata.deletionTimestamp !== undefined) continue; // repeated delete: no write
      if (d.removed) state.delete(c.key);
      else state.set(c.key, d.object);
      record(d.removed ? 'DELETED' : 'MODIFIED', d.object);
    }
  }
  return { events, rvs, state };
}

describe('store properties (SQLite, fast-check)', () => {
  it('resourceVersions increase by one per write; watches from any N, resumed or not, see exactly the later events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), async (cmds, pickN, pickCut) => {
        const b = sqliteBackend();
        try {
          const store = await b.open();
          const start = Number(await store.currentResourceVersion());
          const live = reader(await store.watch(R, { resourceVersion: String(start) }));
          const { events, rvs, state } = await runCommands(store, cmds);
          expect(rvs).toEqual(rvs.map((_, i) => start + 1 + i));
          // Live watch from the start: every event, in order.
          expect((await live.take(events.length)).map(brief)).toEqual(events);
          // A watch from a random N in [start, end].
          const n = start + (pickN % (events.length + 1));
          const fromN = reader(await store.watch(R, { resourceVersion: String(n) }));
          const tail = events.slice(n - start);
          expect((await fromN.take(tail.length)).map(brief)).toEqual(tail);
          // Closed after k events and resumed from its resourceVersion: nothing missed or repeated.
          const k = pickCut % (events.length + 1);
          const first = await store.watch(R, { resourceVersion: String(start) });
          const part1 = (await reader(first).take(k)).map(brief);
          first.close();
          const resumed = reader(await store.watch(R, { resourceVersion: first.resourceVersion }));
          const part2 = (await resumed.take(events.length - k)).map(brief);
          expect([...part1, ...part2]).toEqual(events);
          // No extra events: the next one every watcher sees is a sentinel write.
          const sentinel = await store.create('other/r', obj('sentinel'));
          const s = await store.create(R, obj('sentinel'));
          for (const w of [live, fromN, resumed]) expect((await w.take(1)).map(brief)).toEqual([brief({ type: 'ADDED', object: s })]);
          expect(Number(s.metadata.resourceVersion)).toBe(Number(sentinel.metadata.resourceVersion) + 1);
          // The final state equals the model, in list and in a snapshot watch.
          await store.delete(R, '', 'sentinel');
          const listed = (await store.list(R)).items;
          const model = [...state.values()].sort((x, y) =>
            `${x.metadata.namespace ?? ''}/${x.metadata.name}` < `${y.metadata.namespace ?? ''}/${y.metadata.name}` ? -1 : 1,
          );
          expect(listed).toEqual(model);
          const snap = reader(await store.watch(R));
          expect(await snap.take(model.length)).toEqual(model.map((object) => ({ type: 'ADDED', object })));
        } finally {
          await b.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});

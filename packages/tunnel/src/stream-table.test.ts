import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TunnelStream } from './stream.ts';
import { StreamTable } from './stream-table.ts';

/** The table reads only a stream's id and whether we opened it. */
const fakeStream = (id: number): TunnelStream => ({ id, local: id % 2 === 1 }) as unknown as TunnelStream;

describe('StreamTable', () => {
  it('agrees with a Map through any adds and removes (one stream held apart, more in a Map)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 12 })), { maxLength: 60 }), (ops) => {
        const table = new StreamTable('client');
        const model = new Map<number, TunnelStream>();
        for (const [add, id] of ops) {
          if (add && !model.has(id)) {
            const s = fakeStream(id);
            table.add(s);
            model.set(id, s);
          } else if (!add) {
            // Removing a stream that is not the one registered under its id is refused.
            expect(table.remove(fakeStream(id))).toBe(false);
            const held = model.get(id);
            if (held !== undefined) {
              expect(table.remove(held)).toBe(true);
              model.delete(id);
            }
          }
          expect(table.size).toBe(model.size);
          expect(table.ids()).toEqual([...model.keys()]);
          expect([...table.values()]).toEqual([...model.values()]);
          for (let i = 1; i <= 12; i++) expect(table.get(i)).toBe(model.get(i));
          expect(table.localCount).toBe([...model.values()].filter((s) => s.local).length);
          expect(table.peerCount).toBe(model.size - table.localCount);
        }
      }),
    );
  });
});

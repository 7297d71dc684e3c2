import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredObject } from '@drover/store';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createController, defineController } from './define-controller.ts';
import { createSharedWatches } from './shared-watches.ts';

const logger = pino({ level: 'silent' });
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const THINGS = 'test.drover.dev/things';
const thing = (name: string, spec: object = {}) => ({ apiVersion: 'test.drover.dev/v1', kind: 'T', metadata: { name }, spec });

describe('shared watches', () => {
  it('one store watch serves every subscriber of a resource (the same parsed object); a late subscriber gets its own with the initial state; the last one out stops it', async () => {
    await t.store.create(THINGS, thing('a'));
    const watch = vi.spyOn(t.store, 'watch');
    const shared = createSharedWatches(t.store, logger);
    const one: StoredObject[] = [];
    const two: StoredObject[] = [];
    const s1 = shared.subscribe(THINGS, (obj) => one.push(obj));
    const s2 = shared.subscribe(THINGS, (obj) => two.push(obj));
    await Promise.all([s1.started, s2.started]);
    await t.store.create(THINGS, thing('b'));
    await expect.poll(() => two.length).toBe(2);
    expect(one.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(one[1]).toBe(two[1]);
    expect(watch).toHaveBeenCalledTimes(1);

    // After the first event a newcomer would miss the initial state: it gets a watch of its own.
    const three: string[] = [];
    const s3 = shared.subscribe(THINGS, (obj) => three.push(obj.metadata.name));
    await s3.started;
    await expect.poll(() => three).toEqual(['a', 'b']);
    expect(watch).toHaveBeenCalledTimes(2);

    // A subscriber that throws costs the others nothing.
    const s4 = shared.subscribe('test.drover.dev/others', () => {
      throw new Error('bad map');
    });
    const others: string[] = [];
    const s5 = shared.subscribe('test.drover.dev/others', (obj) => others.push(obj.metadata.name));
    await t.store.create('test.drover.dev/others', thing('x'));
    await t.store.create('test.drover.dev/others', thing('y'));
    await expect.poll(() => others).toEqual(['x', 'y']);

    await s1.close();
    await t.store.create(THINGS, thing('c'));
    await expect.poll(() => two.length).toBe(3);
    expect(one).toHaveLength(2);
    await Promise.all([s2.close(), s3.close(), s4.close(), s5.close()]);
    // Closed: a new subscriber starts a new shared watch and sees the current state.
    const four: string[] = [];
    const s6 = shared.subscribe(THINGS, (obj) => four.push(obj.metadata.name));
    await expect.poll(() => four).toEqual(['a', 'b', 'c']);
    await s6.close();
  });
});

describe('forEvents', () => {
  it('reconciles an own object when forEvents says, after the delay it gives, and not at all on undefined', async () => {
    const seen: { key: string; at: number }[] = [];
    const t0 = Date.now();
    const def = defineController({
      name: 'due',
      for: THINGS,
      forEvents: (obj) => (obj.spec as { dueMs?: number }).dueMs,
      reconcile(req) {
        seen.push({ key: req.key, at: Date.now() - t0 });
        return Promise.resolve();
      },
    });
    const c = createController(def, { store: t.store, logger, watches: createSharedWatches(t.store, logger) });
    await t.store.create(THINGS, thing('now', { dueMs: 0 }));
    await t.store.create(THINGS, thing('later', { dueMs: 400 }));
    await t.store.create(THINGS, thing('never', {}));
    await c.start(new AbortController().signal);
    await expect.poll(() => seen.map((s) => s.key).sort()).toEqual(['later', 'now']);
    expect(seen.find((s) => s.key === 'later')!.at).toBeGreaterThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.map((s) => s.key)).not.toContain('never');
    await c.close();
  });
});

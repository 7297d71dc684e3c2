import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { isStoreError, StoreErrorCode } from '@drover/store';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createNodeStatusWriter, withState } from './node-status.ts';
import { median, significantRttChange, withRtt } from './session-status.ts';
import { createWriteBatcher } from './write-batch.ts';

let t: TempStore;
const log = { warn: () => undefined } as unknown as FastifyBaseLogger;
beforeAll(async () => {
  t = await createTempStore();
  for (let i = 0; i < 50; i++) {
    await t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name: `n${i}`, namespace: 'c' }, status: { state: 'Registering' } });
  }
});
afterAll(async () => {
  await t.cleanup();
});

describe('write batcher', () => {
  it('runs a burst of writes in a few shared transactions, each settling with its own outcome', async () => {
    const transaction = vi.spyOn(t.store, 'transaction');
    const batcher = createWriteBatcher(t.store, { maxOps: 20 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => batcher.run(async (tx) => (await tx.get(RESOURCES.nodes, 'c', `n${i}`)).metadata.name)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
    expect(transaction.mock.calls.length).toBeLessThanOrEqual(3); // 20 + 20 + 10
    transaction.mockRestore();
  });

  it('writes that keep trickling in gather in a window that grows: a few commits, not one every 20 ms', async () => {
    const transaction = vi.spyOn(t.store, 'transaction');
    const batcher = createWriteBatcher(t.store, { windowMs: 20, maxWindowMs: 160 });
    const writes: Promise<string>[] = [];
    // 120 reads, one every 5 ms (600 ms): a fixed 20 ms window committed ~25 times.
    for (let i = 0; i < 120; i++) {
      writes.push(batcher.run(async (tx) => (await tx.get(RESOURCES.nodes, 'c', `n${i % 50}`)).metadata.name));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 120 }, (_, i) => `n${i % 50}`));
    expect(transaction.mock.calls.length).toBeLessThanOrEqual(12);
    transaction.mockRestore();
    // After a quiet spell a lone write goes at once again (the window starts over).
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    await batcher.run((tx) => tx.get(RESOURCES.nodes, 'c', 'n0'));
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('reads the keys its operations name, each once, in one prefetch for writing per batch, and they get what it read', async () => {
    const prefetched: string[][] = [];
    const transaction = t.store.transaction.bind(t.store);
    const spy = vi.spyOn(t.store, 'transaction').mockImplementation((fn) =>
      transaction((tx) => {
        const prefetch = tx.prefetch.bind(tx);
        tx.prefetch = (keys, options) => {
          expect(options).toEqual({ forWrite: true });
          prefetched.push(keys.map((k) => k.name));
          return prefetch(keys, options);
        };
        return fn(tx);
      }),
    );
    const batcher = createWriteBatcher(t.store, { maxOps: 20 });
    const names = Array.from({ length: 30 }, (_, i) => `n${i}`);
    const both = (name: string) => [{ resource: RESOURCES.nodes, namespace: 'c', name }, { resource: RESOURCES.nodes, namespace: 'c', name: 'n0' }];
    const got = await Promise.all(names.map((name) => batcher.run(async (tx) => (await tx.get(RESOURCES.nodes, 'c', name)).metadata.name, both(name))));
    expect(got).toEqual(names);
    expect(prefetched).toEqual([names.slice(0, 20), ['n20', 'n0', ...names.slice(21)]]);
    spy.mockRestore();
  });

  it('a failing operation fails alone: the rest of its batch is written', async () => {
    const batcher = createWriteBatcher(t.store);
    const ok = batcher.run(async (tx) => {
      const n = await tx.get(RESOURCES.nodes, 'c', 'n1');
      return tx.update(RESOURCES.nodes, { ...n, status: { state: 'Registering', note: 'written' } });
    });
    const bad = batcher.run((tx) => tx.get(RESOURCES.nodes, 'c', 'missing'));
    await expect(bad).rejects.toSatisfy((err: unknown) => isStoreError(err, StoreErrorCode.NOT_FOUND));
    await ok;
    expect((await t.store.get(RESOURCES.nodes, 'c', 'n1')).status).toMatchObject({ note: 'written' });
  });
});

describe('node status writer', () => {
  it('changes asked for before the queued write runs join it: one update, applied in order', async () => {
    const status = createNodeStatusWriter(createWriteBatcher(t.store), log);
    const before = Math.max(...(await t.store.list(RESOURCES.nodes, { namespace: 'c' })).items.map((n) => Number(n.metadata.resourceVersion)));
    const a = status.write('c', 'n2', (s) => withState(s, 'Connected', 'agent connected', new Date('2026-01-01T00:00:00Z')));
    const b = status.write('c', 'n2', (s) => ({ ...s, docker: { version: '28' } }));
    await Promise.all([a, b]);
    const node = await t.store.get(RESOURCES.nodes, 'c', 'n2');
    expect(node.status).toMatchObject({ state: 'Connected', docker: { version: '28' } });
    const writes = (await t.store.list(RESOURCES.nodes, { namespace: 'c' })).items.filter((n) => Number(n.metadata.resourceVersion) > before);
    expect(writes.map((n) => n.metadata.name)).toEqual(['n2']);
    // A change that leaves the status as stored writes nothing.
    const rv = node.metadata.resourceVersion;
    await status.write('c', 'n2', (s) => ({ ...s }));
    expect((await t.store.get(RESOURCES.nodes, 'c', 'n2')).metadata.resourceVersion).toBe(rv);
  });

  it('a change asked for while the previous one is being written sees its result', async () => {
    const status = createNodeStatusWriter(createWriteBatcher(t.store), log);
    const seen: unknown[] = [];
    const first = status.write('c', 'n3', (s) => ({ ...s, step: 1 }));
    await new Promise((r) => setImmediate(r));
    const second = status.write('c', 'n3', (s) => {
      seen.push(s.step);
      return { ...s, step: 2 };
    });
    await Promise.all([first, second]);
    expect(seen).toEqual([1]);
    expect((await t.store.get(RESOURCES.nodes, 'c', 'n3')).status).toMatchObject({ step: 2 });
  });
});

describe('heartbeat RTT writes', () => {
  it('take the median of the last pings, as sorting them would', () => {
    expect(median([7])).toBe(7);
    expect(median([3, 1])).toBe(3);
    expect(median([5, 1, 9])).toBe(5);
    expect(median([2, 2, 9, 1])).toBe(2);
    expect(median([40, 1, 2, 300, 3])).toBe(3);
    for (let i = 0; i < 200; i++) {
      const xs = Array.from({ length: 1 + (i % 5) }, () => Math.floor(Math.random() * 6));
      expect(median(xs)).toBe([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
    }
  });

  it('write only a change of at least 10 ms that doubles or halves the RTT', () => {
    expect(significantRttChange(1.2, 3.9)).toBe(false); // jitter on loopback
    expect(significantRttChange(20, 31)).toBe(false); // +55 %: a busy server's jitter
    expect(significantRttChange(20, 12)).toBe(false);
    expect(significantRttChange(20, 41)).toBe(true);
    expect(significantRttChange(30, 14)).toBe(true);
    expect(significantRttChange(2, 13)).toBe(true);
    expect(significantRttChange(2, 9)).toBe(false); // under 10 ms away
  });

  it("a session's RTT is held against the stored one: back after a restart with a similar RTT writes nothing", () => {
    expect(withRtt({ state: 'Connected', rttMs: 20 }, 31)).toBeUndefined();
    expect(withRtt({ state: 'Connected', rttMs: 20 }, 45)).toEqual({ state: 'Connected', rttMs: 45 });
    expect(withRtt({ state: 'Connected' }, 3)).toEqual({ state: 'Connected', rttMs: 3 });
    expect(withRtt({ state: 'Disconnected' }, 3)).toBeUndefined();
  });
});

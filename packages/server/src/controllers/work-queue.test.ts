import pino from 'pino';
import { StoreError, StoreErrorCode } from '@drover/store';
import { describe, expect, it } from 'vitest';
import { createWorkQueue, TerminalError } from './work-queue.ts';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('work queue', () => {
  it('runs one key at a time and coalesces adds of a queued key', async () => {
    const seen: string[] = [];
    let active = 0;
    let maxActive = 0;
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: async (key) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        seen.push(key);
        await sleep(5);
        active -= 1;
      },
    });
    q.add('a');
    q.add('b');
    q.add('b');
    q.add('c');
    q.add('b');
    await q.idle();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(maxActive).toBe(1);
    await q.close();
  });

  it('lets the event loop turn between reconciles that answer at once', async () => {
    // A reconcile on SQLite resolves within the same turn; 200 such keys must not hold I/O back.
    let done = 0;
    const q = createWorkQueue({ name: 't', logger, concurrency: 2, reconcile: () => Promise.resolve().then(() => void (done += 1)) });
    for (let i = 0; i < 200; i++) q.add(`k${i}`);
    const atNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    expect(atNextTurn).toBeLessThan(10);
    await q.idle();
    expect(done).toBe(200);
    await q.close();
  });

  it('runs a key again when it is added while being reconciled (level-based)', async () => {
    let runs = 0;
    let release!: () => void;
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: async () => {
        runs += 1;
        if (runs === 1) await new Promise<void>((r) => (release = r));
      },
    });
    q.add('k');
    await sleep(5);
    q.add('k');
    q.add('k');
    release();
    await q.idle();
    await sleep(5);
    await q.idle();
    expect(runs).toBe(2);
    await q.close();
  });

  it('retries errors with growing backoff and stops after a success', async () => {
    const times: number[] = [];
    const q = createWorkQueue({
      name: 't',
      logger,
      baseBackoffMs: 20,
      reconcile: () => {
        times.push(Date.now());
        return times.length < 4 ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
    });
    q.add('k');
    await expect.poll(() => times.length, { timeout: 2000 }).toBe(4);
    await sleep(100);
    expect(times.length).toBe(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);
    await q.close();
  });

  it('retries a write conflict with a debug log; warns when conflicts keep coming or on other errors', async () => {
    const lines: { level: number; msg: string; attempt: number }[] = [];
    const captured = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string; attempt: number }) });
    const errors = [...Array.from({ length: 6 }, () => new StoreError(StoreErrorCode.CONFLICT, 'resourceVersion is 7, expected 6')), new Error('boom')];
    const q = createWorkQueue({ name: 't', logger: captured, baseBackoffMs: 1, reconcile: () => (errors.length > 0 ? Promise.reject(errors.shift()!) : Promise.resolve()) });
    q.add('k');
    await expect.poll(() => errors.length, { timeout: 2000 }).toBe(0);
    await q.idle();
    const retries = lines.filter((l) => l.msg === 'reconcile failed; retrying').map((l) => `${l.attempt}:${pino.levels.labels[l.level]}`);
    expect(retries).toEqual(['1:debug', '2:debug', '3:debug', '4:debug', '5:warn', '6:warn', '7:warn']);
    await q.close();
  });

  it('does not retry a TerminalError', async () => {
    let runs = 0;
    const q = createWorkQueue({
      name: 't',
      logger,
      baseBackoffMs: 5,
      reconcile: () => {
        runs += 1;
        return Promise.reject(new TerminalError('no'));
      },
    });
    q.add('k');
    await q.idle();
    await sleep(50);
    expect(runs).toBe(1);
    q.add('k');
    await q.idle();
    expect(runs).toBe(2);
    await q.close();
  });

  it('requeues after requeueAfterMs, keeping the sooner of two timers', async () => {
    const runs: number[] = [];
    const start = Date.now();
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: () => {
        runs.push(Date.now() - start);
        return Promise.resolve(runs.length === 1 ? { requeueAfterMs: 60 } : undefined);
      },
    });
    q.add('k');
    await expect.poll(() => runs.length, { timeout: 5000 }).toBe(2);
    expect(runs[1]).toBeGreaterThanOrEqual(55);
    q.addAfter('x', 10_000);
    q.addAfter('x', 20);
    await expect.poll(() => runs.length, { timeout: 5000 }).toBe(3);
    await q.close();
  });

  it('close aborts the running reconcile, waits for it, and ignores later adds', async () => {
    let aborted = false;
    let runs = 0;
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: async (_key, signal) => {
        runs += 1;
        await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
        aborted = signal.aborted;
      },
    });
    q.add('k');
    q.addAfter('later', 10);
    await sleep(5);
    await q.close();
    expect(aborted).toBe(true);
    q.add('z');
    await sleep(30);
    expect(runs).toBe(1);
  });
});

describe('work queue with concurrency', () => {
  it('never runs the same key twice at once, and runs a key re-added during its run once more', async () => {
    const active = new Map<string, number>();
    const runs = new Map<string, number>();
    let overlap = 0;
    let maxParallel = 0;
    const q = createWorkQueue({
      name: 't',
      logger,
      concurrency: 4,
      reconcile: async (key) => {
        const n = (active.get(key) ?? 0) + 1;
        active.set(key, n);
        if (n > 1) overlap += 1;
        maxParallel = Math.max(maxParallel, [...active.values()].reduce((a, b) => a + b, 0));
        runs.set(key, (runs.get(key) ?? 0) + 1);
        await sleep(2 + (key.charCodeAt(0) % 5));
        active.set(key, (active.get(key) ?? 1) - 1);
      },
    });
    // Bounded: 200 adds over 6 keys while earlier runs are still going.
    for (let i = 0; i < 200; i += 1) {
      q.add('abcdef'[i % 6]!);
      if (i % 20 === 0) await sleep(3);
    }
    await q.idle();
    expect(overlap).toBe(0);
    expect(maxParallel).toBeGreaterThan(1);
    expect(maxParallel).toBeLessThanOrEqual(4);

    // Re-added (three times) while running: exactly one more run, after the first ended.
    let release!: () => void;
    const order: string[] = [];
    const q2 = createWorkQueue({
      name: 't2',
      logger,
      concurrency: 4,
      reconcile: async (key) => {
        order.push(`start ${key}`);
        if (order.length === 1) await new Promise<void>((r) => (release = r));
        order.push(`end ${key}`);
      },
    });
    q2.add('k');
    await sleep(5);
    q2.add('k');
    q2.add('k');
    q2.add('k');
    await sleep(5);
    expect(q2.running).toBe(1);
    expect(order).toEqual(['start k']);
    release();
    await expect.poll(() => order.length, { timeout: 2000 }).toBe(4);
    await q2.idle();
    await sleep(10);
    expect(order).toEqual(['start k', 'end k', 'start k', 'end k']);
    await q.close();
    await q2.close();
  });

  it('lets other keys proceed while one waits (a plan waiting minutes for an image pull)', async () => {
    let releasePull!: () => void;
    const pulling = new Promise<void>((r) => (releasePull = r));
    const done: string[] = [];
    const q = createWorkQueue({
      name: 't',
      logger,
      concurrency: 2,
      reconcile: async (key) => {
        if (key === 'cluster-slow') await pulling;
        done.push(key);
      },
    });
    q.add('cluster-slow');
    for (const k of ['c1', 'c2', 'c3', 'c4', 'c5']) q.add(k);
    await expect.poll(() => done.length, { timeout: 2000 }).toBe(5);
    expect(done).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(q.running).toBe(1); // the slow one still waits
    releasePull();
    await q.idle();
    expect(done.at(-1)).toBe('cluster-slow');
    await q.close();
  });

  it('backs off a failing key on its own: other keys, and other failing keys, are not delayed by it', async () => {
    const start = Date.now();
    const runs = new Map<string, number[]>();
    const q = createWorkQueue({
      name: 't',
      logger,
      concurrency: 2,
      baseBackoffMs: 40,
      reconcile: (key) => {
        const at = runs.get(key) ?? [];
        at.push(Date.now() - start);
        runs.set(key, at);
        if (key.startsWith('bad')) return Promise.reject(new Error(`${key} fails`));
        return Promise.resolve();
      },
    });
    q.add('bad');
    // Wait until 'bad' is in its third backoff (40, 80, then 160 ms).
    await expect.poll(() => runs.get('bad')?.length ?? 0, { timeout: 3000 }).toBe(3);
    const t0 = Date.now() - start;
    q.add('good');
    q.add('bad2');
    await expect.poll(() => runs.get('good')?.length ?? 0, { timeout: 1000 }).toBe(1);
    await expect.poll(() => runs.get('bad2')?.length ?? 0, { timeout: 1000 }).toBe(2);
    const bad = runs.get('bad')!;
    const bad2 = runs.get('bad2')!;
    // 'good' ran at once; 'bad2' started at the base delay, not at 'bad''s 160 ms.
    expect(runs.get('good')![0]! - t0).toBeLessThan(35);
    expect(bad2[1]! - bad2[0]!).toBeGreaterThanOrEqual(38);
    expect(bad2[1]! - bad2[0]!).toBeLessThan(150);
    expect(bad[1]! - bad[0]!).toBeGreaterThanOrEqual(38);
    expect(bad[2]! - bad[1]!).toBeGreaterThanOrEqual(78);
    await expect.poll(() => runs.get('bad')?.length ?? 0, { timeout: 3000 }).toBe(4);
    expect(bad[3]! - bad[2]!).toBeGreaterThanOrEqual(158);
    await q.close();
  });

  it('destroy() aborts the running reconciles without waiting for them', async () => {
    let finish!: () => void;
    let aborted = false;
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: async (_key, signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        await new Promise<void>((r) => (finish = r)); // ignores the signal
      },
    });
    q.add('k');
    await sleep(5);
    q.destroy();
    expect(aborted).toBe(true);
    expect(q.running).toBe(1);
    finish();
    await q.idle();
    expect(q.running).toBe(0);
  });
});

import pino from 'pino';
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

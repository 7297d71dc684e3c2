import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkQueue } from './work-queue.ts';

const logger = pino({ level: 'silent' });

describe('work queue delays (issue 15: one timer per second of long delays, not one per key)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  /** A queue on fake timers recording when each key ran, in ms after the returned `t0`. */
  function recording() {
    vi.useFakeTimers();
    vi.advanceTimersByTime(300); // off a whole second, so that rounding shows
    const t0 = performance.now();
    const ran = new Map<string, number[]>();
    const q = createWorkQueue({
      name: 't',
      logger,
      reconcile: (key) => {
        ran.set(key, [...(ran.get(key) ?? []), performance.now() - t0]);
        return Promise.resolve();
      },
    });
    return { q, ran };
  }

  it('runs a long delay never before it is due and less than a second after', async () => {
    const { q, ran } = recording();
    const delays = [10_000, 10_001, 10_700, 15_500, 59_999, 3_600_000];
    delays.forEach((ms, i) => q.addAfter(`k${i}`, ms));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(ran.size).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000 + 1000 - 9_999);
    await q.idle();
    for (const [i, ms] of delays.entries()) {
      const at = ran.get(`k${i}`) ?? [];
      expect(at, `k${i} (${ms} ms)`).toHaveLength(1);
      expect(at[0], `k${i} ran early`).toBeGreaterThanOrEqual(ms);
      expect(at[0], `k${i} ran late`).toBeLessThan(ms + 1000);
    }
    expect(q.delayed).toBe(0);
    expect(q.pendingTimers()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await q.close();
  });

  it('keeps short delays exact, with a timer per key', async () => {
    const { q, ran } = recording();
    q.addAfter('a', 200);
    q.addAfter('b', 1_234);
    q.addAfter('c', 9_999);
    expect(q.pendingTimers()).toBe(3);
    expect(vi.getTimerCount()).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    await q.idle();
    expect(Object.fromEntries(ran)).toEqual({ a: [200], b: [1_234], c: [9_999] });
    expect(q.pendingTimers()).toBe(0);
    await q.close();
  });

  it('holds one timer per due second for many keys, and drops each key once its bucket ran', async () => {
    const { q, ran } = recording();
    // 5,000 keys (an Event's expiry each) due over 30 seconds, an hour from now.
    for (let i = 0; i < 5_000; i += 1) q.addAfter(`ev${i}`, 3_600_000 + ((i * 7_919) % 30_000));
    expect(q.delayed).toBe(5_000);
    expect(q.pendingTimers()).toBeLessThanOrEqual(31);
    expect(vi.getTimerCount()).toBe(q.pendingTimers());
    await vi.advanceTimersByTimeAsync(3_600_000 + 15_000);
    await q.idle();
    expect(ran.size).toBeGreaterThan(2_000);
    expect(ran.size).toBeLessThan(3_000);
    expect(q.delayed).toBe(5_000 - ran.size);
    expect(vi.getTimerCount()).toBe(q.pendingTimers());
    await vi.advanceTimersByTimeAsync(16_000);
    await q.idle();
    expect(ran.size).toBe(5_000);
    expect([...ran.values()].every((at) => at.length === 1)).toBe(true);
    expect(q.delayed).toBe(0);
    expect(q.pendingTimers()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await q.close();
  });

  it('moves a delayed key to an earlier addAfter and ignores a later one, across exact timers and buckets', async () => {
    const { q, ran } = recording();
    q.addAfter('later-ignored', 30_000);
    q.addAfter('later-ignored', 60_000);
    q.addAfter('moved-earlier', 60_000);
    q.addAfter('moved-earlier', 20_000);
    q.addAfter('to-exact', 60_000);
    q.addAfter('to-exact', 500);
    q.addAfter('exact-kept', 700);
    q.addAfter('exact-kept', 45_000);
    q.addAfter('same-second', 12_200);
    q.addAfter('same-second', 12_100);
    // The 60 s bucket was emptied and released; left: 500 and 700 ms, and the 12, 20 and 30 s buckets.
    expect(q.delayed).toBe(5);
    expect(q.pendingTimers()).toBe(5);
    expect(vi.getTimerCount()).toBe(5);
    await vi.advanceTimersByTimeAsync(120_000);
    await q.idle();
    expect(ran.get('to-exact')).toEqual([500]);
    expect(ran.get('exact-kept')).toEqual([700]);
    for (const [key, ms] of [
      ['same-second', 12_100],
      ['moved-earlier', 20_000],
      ['later-ignored', 30_000],
    ] as const) {
      expect(ran.get(key), key).toHaveLength(1);
      expect(ran.get(key)![0]).toBeGreaterThanOrEqual(ms);
      expect(ran.get(key)![0]).toBeLessThan(ms + 1000);
    }
    expect(q.pendingTimers()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await q.close();
  });

  it('keeps a bucket that shares its second when one of its keys moves earlier', async () => {
    const { q, ran } = recording();
    q.addAfter('stays', 40_000);
    q.addAfter('moves', 40_000);
    expect(q.pendingTimers()).toBe(1);
    q.addAfter('moves', 100);
    expect(q.pendingTimers()).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    await q.idle();
    expect(ran.get('moves')).toEqual([100]);
    expect(q.pendingTimers()).toBe(1);
    await vi.advanceTimersByTimeAsync(41_000);
    await q.idle();
    expect(ran.get('stays')).toHaveLength(1);
    expect(ran.get('moves')).toHaveLength(1);
    await q.close();
  });

  it('re-arms a bucket whose timer fires before its second instead of running its keys early', async () => {
    const { q, ran } = recording();
    let lag = 0;
    const fakeNow = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() - lag);
    const ms = 20_000 - (performance.now() % 1000); // due on a whole second: no rounding slack
    q.addAfter('k', ms);
    lag = 5; // the event loop's clock ran ahead of performance.now() by 5 ms
    await vi.advanceTimersByTimeAsync(ms);
    await q.idle();
    expect(ran.has('k')).toBe(false);
    expect(q.pendingTimers()).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    await q.idle();
    const at = ran.get('k') ?? [];
    expect(at).toHaveLength(1);
    expect(at[0]).toBeGreaterThanOrEqual(ms);
    expect(q.pendingTimers()).toBe(0);
    await q.close();
  });

  it('close() and destroy() leave no timer or delayed key behind, and later addAfter calls are ignored', async () => {
    for (const end of ['close', 'destroy'] as const) {
      const { q, ran } = recording();
      q.addAfter('short', 200);
      for (let i = 0; i < 100; i += 1) q.addAfter(`long${i}`, 60_000 + i * 100);
      expect(vi.getTimerCount()).toBe(q.pendingTimers());
      expect(q.pendingTimers()).toBeGreaterThan(1);
      if (end === 'close') await q.close();
      else q.destroy();
      expect(q.pendingTimers()).toBe(0);
      expect(q.delayed).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
      q.addAfter('after', 20_000);
      q.addAfter('after2', 100);
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(ran.size).toBe(0);
      vi.useRealTimers();
    }
  });
});

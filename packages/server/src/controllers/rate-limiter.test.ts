import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('doubles the delay per failure of a key, up to the cap, and forgets it on success', () => {
    const r = createRateLimiter({ baseDelayMs: 100, maxDelayMs: 1000, burst: 10_000, now: () => 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => r.when('a'))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(r.when('b')).toBe(100); // per key
    expect(r.failures('a')).toBe(6);
    r.forget('a');
    expect(r.when('a')).toBe(100);
    for (let i = 0; i < 2000; i += 1) r.when('c'); // no overflow
    expect(r.when('c')).toBe(1000);
  });

  it('spreads a burst of failures across keys over the overall bucket', () => {
    let now = 0;
    const r = createRateLimiter({ baseDelayMs: 1, retriesPerSecond: 10, burst: 3, now: () => now });
    expect([r.when('a'), r.when('b'), r.when('c')]).toEqual([1, 1, 1]);
    expect(r.when('d')).toBe(100); // bucket empty: 1 token per 100 ms
    expect(r.when('e')).toBe(200);
    now = 1000; // refilled (10 tokens/s, capped at the burst)
    expect(r.when('f')).toBe(1);
  });
});

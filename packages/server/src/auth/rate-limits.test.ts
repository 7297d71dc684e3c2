/** The keyed limiters of issue 9 #4 on a fake clock: failure buckets and the per-account login delay. */
import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './failure-limiter.ts';
import { createLoginBackoff } from './login-backoff.ts';

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('failure limiter', () => {
  it('allows a burst of failures per key, then one per refill interval; keys are independent', () => {
    const c = clock();
    const l = createFailureLimiter({ burst: 3, refillPerSecond: 0.5, now: c.now });
    expect([l.fail('a'), l.fail('a'), l.fail('a')]).toEqual([0, 0, 0]);
    expect(l.peek('a')).toBe(2000);
    expect(l.fail('a')).toBe(2000);
    expect(l.fail('b')).toBe(0);
    c.advance(1500);
    expect(l.fail('a')).toBe(500);
    c.advance(500);
    expect(l.peek('a')).toBe(0);
    expect(l.fail('a')).toBe(0);
    expect(l.fail('a')).toBe(2000);
    c.advance(60_000);
    expect([l.fail('a'), l.fail('a'), l.fail('a'), l.fail('a') > 0]).toEqual([0, 0, 0, true]);
  });

  it('keeps at most maxKeys buckets, dropping the least recently failed', () => {
    const l = createFailureLimiter({ burst: 1, refillPerSecond: 0.001, maxKeys: 2, now: clock().now });
    l.fail('a');
    l.fail('b');
    l.fail('c');
    expect(l.peek('a')).toBe(0); // forgotten
    expect(l.peek('b')).toBeGreaterThan(0);
    expect(l.peek('c')).toBeGreaterThan(0);
  });
});

describe('login backoff', () => {
  it('free failures, then 1, 2, 4 … s capped; success resets; a quiet account is forgotten', () => {
    const c = clock();
    const b = createLoginBackoff({ freeFailures: 2, maxDelayMs: 4000, forgetMs: 60_000, now: c.now });
    b.failed('admin');
    expect(b.wait('admin')).toBe(0);
    b.failed('admin');
    expect(b.wait('admin')).toBe(1000);
    expect(b.wait('bob')).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      c.advance(b.wait('admin'));
      b.failed('admin');
      delays.push(b.wait('admin'));
    }
    expect(delays).toEqual([2000, 4000, 4000, 4000]);
    b.succeeded('admin');
    expect(b.wait('admin')).toBe(0);
    b.failed('admin');
    b.failed('admin');
    c.advance(60_001);
    expect(b.wait('admin')).toBe(0);
    b.failed('admin');
    expect(b.wait('admin')).toBe(0); // counting starts afresh
  });
});

/**
 * Keyed token buckets for failures (issue 9 #4): each key (a registration token name; for #3,
 * the object a refusal Event is about) may fail `burst` times at once and then `refillPerSecond`
 * times a second. Only failures take from a bucket, so a key in use by its rightful holders never runs dry; callers check the bucket
 * *after* a cheap secret check (the right secret always passes) and *before* an expensive one.
 * Memory is bounded: at most `maxKeys` buckets, the least recently failed dropped first.
 */

export interface FailureLimiterOptions {
  /** Failures allowed at once. Default 10. */
  burst?: number;
  /** Failures regained per second. Default 1/6 (10 a minute). */
  refillPerSecond?: number;
  /** Buckets kept. Default 10000. */
  maxKeys?: number;
  now?: () => number;
}

export interface FailureLimiter {
  /** 0 when `key` may fail once more, else ms until it may. */
  peek(key: string): number;
  /** Records a failure: 0 when the bucket had room, else ms until it has (nothing recorded). */
  fail(key: string): number;
}

export function createFailureLimiter(options: FailureLimiterOptions = {}): FailureLimiter {
  const burst = options.burst ?? 10;
  const rate = options.refillPerSecond ?? 1 / 6;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  /** key → tokens left at `at` (ms). Map order = least recently failed first. */
  const buckets = new Map<string, { tokens: number; at: number }>();

  function level(key: string): number {
    const b = buckets.get(key);
    if (b === undefined) return burst;
    return Math.min(burst, b.tokens + ((now() - b.at) / 1000) * rate);
  }
  const waitMs = (tokens: number): number => (tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / rate) * 1000));

  return {
    peek: (key) => waitMs(level(key)),
    fail(key) {
      const tokens = level(key);
      const wait = waitMs(tokens);
      if (wait > 0) return wait;
      buckets.delete(key);
      buckets.set(key, { tokens: tokens - 1, at: now() });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return 0;
    },
  };
}

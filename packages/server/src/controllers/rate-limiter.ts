/**
 * Retry delays for a work queue, after client-go's default controller rate limiter: the larger of
 * a per-key exponential backoff (a key that keeps failing waits longer and longer, other keys are
 * not slowed) and an overall token bucket (a burst of failures across many keys cannot turn into
 * a retry storm against the store).
 */

export interface RateLimiterOptions {
  /** First retry delay of a key (ms). Default 200. */
  baseDelayMs?: number;
  /** Longest per-key delay (ms). Default 60 000. */
  maxDelayMs?: number;
  /** Retries per second across all keys once the burst is spent. Default 10. */
  retriesPerSecond?: number;
  /** Retries allowed at once before `retriesPerSecond` applies. Default 100. */
  burst?: number;
  /** Clock (ms). Default Date.now. */
  now?: () => number;
}

export interface RateLimiter {
  /** Records a failure of `key` and returns how long to wait before retrying it (ms). */
  when(key: string): number;
  /** Forgets `key`'s failures (after a success, or when it is dropped). */
  forget(key: string): void;
  /** Failures of `key` since it was last forgotten. */
  failures(key: string): number;
}

export function createRateLimiter(o: RateLimiterOptions = {}): RateLimiter {
  const base = o.baseDelayMs ?? 200;
  const max = o.maxDelayMs ?? 60_000;
  const rate = o.retriesPerSecond ?? 10;
  const burst = o.burst ?? 100;
  const now = o.now ?? Date.now;
  if (!(base > 0 && max >= base && rate > 0 && burst >= 1)) throw new RangeError('rate limiter: need 0 < baseDelayMs <= maxDelayMs, retriesPerSecond > 0, burst >= 1');
  const counts = new Map<string, number>();
  // Token bucket as in golang.org/x/time/rate's Reserve: tokens may go negative; a negative
  // balance is the wait until the reservation is covered.
  let tokens = burst;
  let last = now();

  function bucketDelay(): number {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) * rate) / 1000);
    last = t;
    tokens -= 1;
    return tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / rate);
  }

  return {
    when(key) {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      // 2 ** (n - 1) overflows to Infinity for large n, which Math.min caps.
      const item = Math.min(max, base * 2 ** (n - 1));
      return Math.max(item, bucketDelay());
    },
    forget(key) {
      counts.delete(key);
    },
    failures: (key) => counts.get(key) ?? 0,
  };
}

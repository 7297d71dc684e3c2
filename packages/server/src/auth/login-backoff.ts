/**
 * Per-account login delay (issue 9 #4): after `freeFailures` consecutive failed logins of one
 * account, each further attempt must wait 2^k seconds (k = failures beyond the free ones, so 1 s,
 * 2 s, 4 s, …) capped at `maxDelayMs`. While it waits, an attempt is refused without checking the
 * password (no scrypt), so guessing slows to one try per delay however many sources join in.
 * Never a permanent lockout: the delay is bounded, a success resets it, and an account with no
 * failure for `forgetMs` starts afresh. Existing tokens are not affected. Keys are account names
 * whether or not the account exists (the answer must not tell). Memory: at most `maxKeys`.
 */

export interface LoginBackoffOptions {
  /** Failures before any delay. Default 5. */
  freeFailures?: number;
  /** Longest delay (ms). Default 5 minutes. */
  maxDelayMs?: number;
  /** A record with no failure for this long is dropped (ms). Default 1 hour. */
  forgetMs?: number;
  /** Accounts tracked. Default 10000. */
  maxKeys?: number;
  now?: () => number;
}

export interface LoginBackoff {
  /** ms the account must still wait before its next attempt; 0 when it may try. */
  wait(account: string): number;
  failed(account: string): void;
  succeeded(account: string): void;
}

export function createLoginBackoff(options: LoginBackoffOptions = {}): LoginBackoff {
  const free = options.freeFailures ?? 5;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const forgetMs = options.forgetMs ?? 3_600_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const records = new Map<string, { failures: number; at: number }>();

  const delayMs = (failures: number): number => (failures < free ? 0 : Math.min(maxDelayMs, 1000 * 2 ** Math.min(30, failures - free)));
  function current(account: string): { failures: number; at: number } | undefined {
    const r = records.get(account);
    if (r !== undefined && now() - r.at > forgetMs) {
      records.delete(account);
      return undefined;
    }
    return r;
  }

  return {
    wait(account) {
      const r = current(account);
      return r === undefined ? 0 : Math.max(0, r.at + delayMs(r.failures) - now());
    },
    failed(account) {
      const failures = (current(account)?.failures ?? 0) + 1;
      records.delete(account);
      records.set(account, { failures, at: now() });
      if (records.size > maxKeys) {
        const oldest = records.keys().next().value;
        if (oldest !== undefined) records.delete(oldest);
      }
    },
    succeeded(account) {
      records.delete(account);
    },
  };
}

/**
 * Hands a minted secret from a kind's `beforeCreate` (which stores only its hash) to its
 * `afterCreate` (which returns it in the create response, once). Keyed by the hash, which is
 * in the stored object, so it survives the API copying the object in between. Entries of
 * creates that never completed (a conflict after beforeCreate) are dropped after `ttlMs`.
 */
export interface PendingSecrets {
  put(hash: string, secret: string): void;
  /** The secret for `hash`, removed from the map. */
  take(hash: string): string | undefined;
  readonly size: number;
}

export function createPendingSecrets(ttlMs = 5 * 60_000, now: () => number = Date.now): PendingSecrets {
  const entries = new Map<string, { secret: string; at: number }>();
  return {
    put(hash, secret) {
      const t = now();
      for (const [k, v] of entries) {
        if (t - v.at <= ttlMs) break; // insertion order = age order
        entries.delete(k);
      }
      entries.set(hash, { secret, at: t });
    },
    take(hash) {
      const e = entries.get(hash);
      entries.delete(hash);
      return e === undefined || now() - e.at > ttlMs ? undefined : e.secret;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Stable error codes of the store. The API server maps them to HTTP statuses:
 * NOT_FOUND → 404, ALREADY_EXISTS → 409, CONFLICT → 409, EXPIRED → 410 Gone ("Expired"),
 * INVALID → 400/422, CLOSED → 503, BACKEND → 500.
 */
export const StoreErrorCode = {
  /** The object does not exist (or is already removed). */
  NOT_FOUND: 'DROVER_ERR_STORE_NOT_FOUND',
  /** create() of a key that already holds an object. */
  ALREADY_EXISTS: 'DROVER_ERR_STORE_ALREADY_EXISTS',
  /** The stored resourceVersion differs from the expected one (optimistic concurrency). */
  CONFLICT: 'DROVER_ERR_STORE_CONFLICT',
  /**
   * The requested resourceVersion (watch start, continue token) is older than the retained
   * history, or a watcher fell too far behind. The client must re-list. HTTP 410.
   */
  EXPIRED: 'DROVER_ERR_STORE_EXPIRED',
  /** Malformed input: selector syntax, continue token, object without a name, etc. */
  INVALID: 'DROVER_ERR_STORE_INVALID',
  /** The store (or the watch) was closed. */
  CLOSED: 'DROVER_ERR_STORE_CLOSED',
  /** The database failed or returned something unreadable; `cause` holds the original error. */
  BACKEND: 'DROVER_ERR_STORE_BACKEND',
} as const;

/** One of the {@link StoreErrorCode} values. */
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

/**
 * The only error type the store's public methods reject with (except errors thrown by a
 * caller's own transaction callback, which pass through unchanged). `code` is stable; the
 * message is for humans and may change.
 */
export class StoreError extends Error {
  /** Stable machine-readable code, one of {@link StoreErrorCode}. */
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** True when `err` is a {@link StoreError}, optionally with the given code. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}

/** Passes a StoreError through; wraps anything else as BACKEND with the original as `cause`. */
export function toStoreError(err: unknown, what: string): StoreError {
  if (err instanceof StoreError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new StoreError(StoreErrorCode.BACKEND, `${what}: ${detail}`, { cause: err });
}

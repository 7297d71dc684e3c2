/**
 * Continue tokens of paginated lists: opaque base64url of the snapshot resourceVersion and the
 * key of the last item returned. The next page reads the same snapshot after that key.
 */
import { StoreError, StoreErrorCode } from './errors.ts';

/** What a continue token carries. */
export interface ContinuePoint {
  /** The list's snapshot resourceVersion. */
  readonly rv: number;
  /** Key of the last item of the previous page. */
  readonly namespace: string;
  readonly name: string;
}

/** Encodes a continue point into an opaque token. */
export function encodeContinue(point: ContinuePoint): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: point.rv, ns: point.namespace, n: point.name })).toString('base64url');
}

/**
 * Decodes a token made by {@link encodeContinue}.
 * @throws StoreError INVALID when the token is not one.
 */
export function decodeContinue(token: string): ContinuePoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (err) {
    throw new StoreError(StoreErrorCode.INVALID, 'invalid continue token', { cause: err });
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const p = parsed as Record<string, unknown>;
    if (p.v === 1 && Number.isSafeInteger(p.rv) && typeof p.ns === 'string' && typeof p.n === 'string') {
      return { rv: p.rv as number, namespace: p.ns, name: p.n };
    }
  }
  throw new StoreError(StoreErrorCode.INVALID, 'invalid continue token');
}

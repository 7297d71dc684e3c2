/**
 * A read at a resourceVersion the store has not reached yet. As kube-apiserver's watch cache
 * (waitUntilFreshAndBlock): wait up to `limits.resourceVersionWaitMs` for the store to catch up,
 * then fail with a 504 Timeout Status whose cause is `ResourceVersionTooLarge`, so the client
 * relists instead of waiting forever on a position that may never come (issue 9, finding 7).
 */
import { DroverError } from '../errors.ts';
import type { ResourceRequest } from './resource-request.ts';
import { rethrow } from './resource-request.ts';

/** How often the store's position is read while waiting (ms). */
const POLL_MS = 50;

/** `Timeout: Too large resource version: X, current: Y`, worded and shaped as kube-apiserver. */
export function tooLargeResourceVersion(requested: string, current: string): DroverError {
  return new DroverError('DROVER_ERR_API_RESOURCE_VERSION_TOO_LARGE', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
  });
}

/**
 * Resolves once the store has reached `requested` (at once for "", "0" or a version it has;
 * a non-numeric version is left to the caller's own validation).
 * @throws DroverError DROVER_ERR_API_RESOURCE_VERSION_TOO_LARGE past the wait
 */
export async function awaitResourceVersion(r: ResourceRequest, requested: string | undefined): Promise<void> {
  if (requested === undefined || !/^[0-9]{1,16}$/.test(requested)) return;
  const want = Number(requested);
  const deadline = Date.now() + r.ctx.limits.resourceVersionWaitMs;
  for (;;) {
    let current: string;
    try {
      current = await r.ctx.store.currentResourceVersion();
    } catch (err) {
      rethrow(r, err);
    }
    if (Number(current) >= want) return;
    const left = deadline - Date.now();
    if (left <= 0) throw tooLargeResourceVersion(requested, current);
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
  }
}

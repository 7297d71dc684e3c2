/**
 * Token garbage collection: every login and kubeconfig mints a Token, so expired ones are
 * deleted once they have been expired for `retentionMs` (until then a client presenting one
 * hears "token expired" rather than "unknown token"). Revoked tokens follow the same rule.
 */
import type { Store } from '@drover/store';
import { tokens } from '../kinds/token.ts';
import { defineController, dueAfterMs } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { deleteIfUnchanged } from './object-ops.ts';

/** Default: a week. */
export const TOKEN_RETENTION_MS = 7 * 86_400_000;

export function tokenCleanupController(store: Store, now: () => Date, retentionMs = TOKEN_RETENTION_MS): ControllerDefinition {
  return defineController({
    name: 'token-cleanup',
    for: tokens,
    concurrency: 2,
    async reconcile(req) {
      const obj = await tokens.client(store).tryGet(req.namespace, req.name);
      if (obj === undefined) return;
      const expiresAt = Date.parse(String(obj.status?.expiresAt));
      if (Number.isNaN(expiresAt)) return; // not a usable token anyway; leave it for an admin to inspect
      const left = expiresAt + retentionMs - now().getTime();
      if (left > 0) return { requeueAfterMs: dueAfterMs(left) };
      await deleteIfUnchanged(store, tokens, obj);
    },
  });
}

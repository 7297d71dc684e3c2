/**
 * Node credential records (agents/node-credentials.ts) outlive their Node and Cluster so a stale
 * or copied credential hears "revoked (why)". A record with no live credential is deleted once
 * its newest revocation is `retentionMs` old; after that such a credential is "unknown".
 */
import type { Store, StoredObject } from '@drover/store';
import { NODE_CREDENTIALS } from '../agents/node-credentials.ts';
import type { NodeCredentialSpec } from '../agents/node-credentials.ts';
import { defineController, dueAfterMs } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { deleteIfUnchanged, getObject } from './object-ops.ts';
import { TOKEN_RETENTION_MS } from './token-cleanup.ts';


export function nodeCredentialCleanupController(store: Store, now: () => Date, retentionMs = TOKEN_RETENTION_MS): ControllerDefinition {
  /** ms until the record of a revoked credential may go. */
  const leftOf = (obj: StoredObject): number => {
    const newest = Math.max(0, ...((obj.spec as NodeCredentialSpec).revoked ?? []).map((r) => Date.parse(r.revokedAt)).filter((t) => !Number.isNaN(t)));
    return newest + retentionMs - now().getTime();
  };
  return defineController({
    name: 'node-credential-cleanup',
    for: NODE_CREDENTIALS,
    // A live credential is revisited when it changes; a revoked one when it is due.
    forEvents: (obj, type) => (type === 'DELETED' || (obj.spec as NodeCredentialSpec).current !== undefined ? undefined : dueAfterMs(leftOf(obj))),
    async reconcile(req) {
      const obj = await getObject(store, NODE_CREDENTIALS, req);
      if (obj === undefined) return;
      const spec = obj.spec as NodeCredentialSpec;
      if (spec.current !== undefined) return; // live: revisited when it changes
      const left = leftOf(obj);
      if (left > 0) return { requeueAfterMs: dueAfterMs(left) };
      await deleteIfUnchanged(store, NODE_CREDENTIALS, obj);
    },
  });
}

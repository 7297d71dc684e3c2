/** Node hooks. beforeDelete: the node's credential is revoked and its agent session closed. */
import type { KindHooks } from '../api/contract.ts';
import type { NodeAccess } from '../registration/node-access.ts';
import { metaOf } from './hooks-util.ts';

export function nodeHooks(deps: { nodeAccess: NodeAccess }): KindHooks {
  return {
    async beforeDelete(obj, ctx) {
      if (ctx.dryRun) return;
      const { name, namespace } = metaOf(obj);
      await deps.nodeAccess.revokeNodeAccess(namespace, name);
    },
  };
}

/**
 * Wires the generic resource API (`./api/`) with the registry's kinds, their hooks and this
 * server's authorizer.
 */
import type { FastifyInstance } from 'fastify';
import { apiPlugin } from './api/index.ts';
import type { DroverContext } from './app.ts';
import { createKindHooks } from './kinds/hooks-all.ts';
import type { NodeAccess } from './registration/node-access.ts';
import { registry, syncBuiltins } from './resources/index.ts';
import { DROVER_VERSION } from './version.ts';

export async function registerResourceApi(app: FastifyInstance, ctx: DroverContext, nodeAccess: NodeAccess): Promise<void> {
  const hooks = createKindHooks({
    memberships: ctx.authorizer.memberships,
    nodeAccess,
    secretBox: ctx.secretBox,
    serverUrl: ctx.serverUrl,
    caChecksum: ctx.caChecksum,
    agentImage: ctx.config.agentImage,
    registrationTokenTtlSeconds: ctx.config.registrationTokenTtlSeconds,
    apiTokenTtlSeconds: ctx.config.apiTokenTtlSeconds,
    machineSecrets: ctx.machineSecrets,
    now: ctx.now,
  });
  // Kinds served from data in the repository: the store holds exactly their objects before the API serves them.
  await syncBuiltins(ctx.store, registry);
  await app.register(apiPlugin({ store: ctx.store, authorizer: ctx.authorizer, kinds: registry.kinds, hooks, version: { drover: DROVER_VERSION }, now: ctx.now, audit: ctx.audit }));
}

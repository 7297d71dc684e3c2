/**
 * The management API's registry: every kind, in discovery order. Adding a kind is one file
 * (`defineResource` in kinds/) plus one line here.
 */
import { auditEvents } from '../kinds/audit-event.ts';
import { clusterMembers } from '../kinds/cluster-member.ts';
import { clusters } from '../kinds/cluster.ts';
import { events } from '../kinds/event.ts';
import { nodes } from '../kinds/node.ts';
import { plans } from '../kinds/plan.ts';
import { registrationTokens } from '../kinds/registration-token.ts';
import { tokens } from '../kinds/token.ts';
import { kubernetesVersions } from '../kinds/kubernetes-version.ts';
import { users } from '../kinds/user.ts';
import { createRegistry } from './registry.ts';

export const registry = createRegistry([clusters, nodes, registrationTokens, clusterMembers, events, users, tokens, auditEvents, kubernetesVersions, plans]);

export { clusters, nodes, registrationTokens, clusterMembers, events, users, tokens, auditEvents, kubernetesVersions, plans };
export { createRegistry } from './registry.ts';
export type { Registry, ResourceRule } from './registry.ts';
export { defineResource } from './define-resource.ts';
export type { DefineResourceOptions, ObjectKey, Resource, ResourceClient, Stored } from './define-resource.ts';
export type { KindHookDeps } from './hook-deps.ts';
export * from './access.ts';
export { syncBuiltins } from './builtins.ts';
export type { BuiltinsSync } from './builtins.ts';

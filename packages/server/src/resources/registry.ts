/**
 * The resource registry (the role controller-runtime's Scheme plays): every kind the server
 * serves, in discovery order. The API routes, discovery and OpenAPI are generic over it, the
 * authorizer and can-i rules ask each kind's access policy through it, and a Cluster's delete
 * cascades to every Namespaced kind in it. Adding a kind is one file plus one line in the list.
 */
import type { KindHooks } from '../api/contract.ts';
import type { ClusterRole } from '../auth/memberships.ts';
import type { RequestUser } from '../api/contract.ts';
import { createPendingSecrets } from '../kinds/hooks-pending-secrets.ts';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import type { Resource } from './define-resource.ts';
import type { KindHookDeps } from './hook-deps.ts';

/** A SelfSubjectRulesReview resource rule. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface Registry {
  readonly resources: readonly Resource[];
  readonly kinds: readonly KindDefinition[];
  /** By API group and plural (the authorization `resource`). */
  find(group: string, plural: string): Resource | undefined;
  /** By store key (`<group>/<plural>`), or by plural alone when it is unambiguous. */
  lookup(resource: string): Resource | undefined;
  /** The kinds living in a Cluster's namespace (deleted with it). */
  readonly namespaced: readonly Resource[];
  /** Every kind's hooks, keyed by kind name as `apiPlugin` takes them (shared pending secrets). */
  hooks(deps: Omit<KindHookDeps, 'pending' | 'registry'>): Record<string, KindHooks>;
  /** The rules of every kind for `user` given its role in `namespace`, merged where they match. */
  rules(user: RequestUser, namespace: string | undefined, role: ClusterRole | undefined): ResourceRule[];
}

export function createRegistry(resources: readonly Resource[]): Registry {
  const byKey = new Map<string, Resource>();
  const byPlural = new Map<string, Resource[]>();
  const kindNames = new Set<string>();
  for (const r of resources) {
    if (byKey.has(r.resource)) throw new Error(`resource ${r.resource} is defined twice`);
    const gk = `${r.def.group}/${r.def.kind}`;
    if (kindNames.has(gk)) throw new Error(`kind ${gk} is defined twice`);
    kindNames.add(gk);
    byKey.set(r.resource, r);
    byPlural.set(r.def.plural, [...(byPlural.get(r.def.plural) ?? []), r]);
  }
  const registry: Registry = {
    resources,
    kinds: resources.map((r) => r.def),
    find: (group, plural) => byKey.get(`${group}/${plural}`),
    lookup(resource) {
      const exact = byKey.get(resource);
      if (exact !== undefined) return exact;
      const same = byPlural.get(resource);
      return same?.length === 1 ? same[0] : undefined;
    },
    namespaced: resources.filter((r) => r.def.namespaced),
    hooks(deps) {
      const full: KindHookDeps = { ...deps, pending: createPendingSecrets(), registry };
      const out: Record<string, KindHooks> = {};
      for (const r of resources) if (r.hooks !== undefined) out[r.def.kind] = r.hooks(full);
      return out;
    },
    rules(user, namespace, role) {
      const out: ResourceRule[] = [];
      const same = (a: ResourceRule, verbs: string[], group: string, names: string[] | undefined): boolean =>
        a.apiGroups.length === 1 && a.apiGroups[0] === group && a.verbs.join() === verbs.join() && (a.resourceNames ?? []).join() === (names ?? []).join();
      for (const r of resources) {
        for (const rule of r.access.rules(user, namespace, role)) {
          const res = rule.subresource === undefined ? r.def.plural : `${r.def.plural}/${rule.subresource}`;
          const merged = rule.resourceNames === undefined ? out.find((o) => same(o, rule.verbs, r.def.group, undefined)) : undefined;
          if (merged !== undefined) {
            merged.resources.push(res);
            continue;
          }
          const entry: ResourceRule = { verbs: rule.verbs, apiGroups: [r.def.group], resources: [res] };
          if (rule.resourceNames !== undefined) entry.resourceNames = rule.resourceNames;
          out.push(entry);
        }
      }
      return out;
    },
  };
  return registry;
}

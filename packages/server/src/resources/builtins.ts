/**
 * Built-in objects: kinds whose objects are data shipped in the repository (e.g. the Kubernetes
 * versions Drover can install) declare `builtins` in `defineResource`. At start the server makes
 * the store hold exactly those objects — missing ones created, changed ones replaced, ones the
 * data no longer has deleted — so the generic API serves them (list, watch, get) like any other
 * kind. Such kinds are read-only through the API (`verbs: ['get', 'list', 'watch']`): the data in
 * the repository owns them.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject, Store } from '@drover/store';
import type { Registry } from './registry.ts';

/** What changed in the store. */
export interface BuiltinsSync {
  created: number;
  updated: number;
  deleted: number;
}

const keyOf = (o: { metadata: { namespace?: string; name: string } }): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** `obj` without the metadata the store assigns, for comparing with the data. */
function content(obj: KubeObject): unknown {
  const { metadata, ...rest } = obj;
  return { ...rest, metadata: { name: metadata.name, namespace: metadata.namespace ?? '', labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} } };
}

/** Makes the store hold exactly each kind's built-in objects. */
export async function syncBuiltins(store: Store, registry: Registry): Promise<BuiltinsSync> {
  const out: BuiltinsSync = { created: 0, updated: 0, deleted: 0 };
  for (const r of registry.resources) {
    if (r.builtins === undefined) continue;
    const desired = new Map(r.builtins().map((o) => [keyOf(o), { ...o, apiVersion: r.apiVersion, kind: r.def.kind }]));
    await store.transaction(async (tx) => {
      const { items } = await tx.list(r.resource);
      for (const have of items) {
        const want = desired.get(keyOf(have));
        desired.delete(keyOf(have));
        if (want === undefined) {
          await tx.delete(r.resource, have.metadata.namespace ?? '', have.metadata.name);
          out.deleted += 1;
        } else if (!isDeepStrictEqual(content(have), content(want))) {
          await tx.update(r.resource, { ...want, metadata: { ...want.metadata, uid: have.metadata.uid, creationTimestamp: have.metadata.creationTimestamp } });
          out.updated += 1;
        }
      }
      for (const want of desired.values()) {
        await tx.create(r.resource, want);
        out.created += 1;
      }
    });
  }
  return out;
}

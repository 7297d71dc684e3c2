/**
 * Who has which role in which cluster: an index of ClusterMember objects
 * (namespace = cluster name, `status.userUid`, `spec.role`) keyed by the User's uid, never its
 * name: a member is bound to the uid of the User it named when it was created (issue 9, finding
 * 8), so a User created later under a free name inherits nothing. A member with no uid grants
 * nothing. While started, a store watch keeps the
 * index current (any event marks it stale; the next lookup rebuilds it in one list). Writes
 * done in this process (the owner membership created with a Cluster) call `invalidate()` so the
 * creator's next request sees its role. Without `start()` every lookup reads the store.
 */
import type { Store, Watch } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import { boundUid } from './member-binding.ts';

export type ClusterRole = 'read-only' | 'member' | 'owner';
export const ROLES: readonly ClusterRole[] = ['read-only', 'member', 'owner'];
const RANK: Record<ClusterRole, number> = { 'read-only': 1, member: 2, owner: 3 };

/** True when `role` grants at least `needed`. */
export function roleAtLeast(role: ClusterRole | undefined, needed: ClusterRole): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

export function isClusterRole(x: unknown): x is ClusterRole {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** user uid → cluster → highest role. */
type Index = Map<string, Map<string, ClusterRole>>;

export interface Memberships {
  /** The highest role in `cluster` of the User with uid `userUid`, if any. */
  roleIn(userUid: string, cluster: string): Promise<ClusterRole | undefined>;
  /** Every cluster the User with uid `userUid` has a role in. */
  clustersOf(userUid: string): Promise<ReadonlyMap<string, ClusterRole>>;
  /** Marks the index stale (call after writing a ClusterMember in this process). */
  invalidate(): void;
  /** Starts the watch that keeps the index current. Resolves once it runs. */
  start(): Promise<void>;
  /** Stops the watch; lookups read the store again. */
  close(): void;
}

export function createMemberships(store: Store, onError: (err: unknown) => void = () => {}): Memberships {
  let index: Index | undefined;
  let building: Promise<Index> | undefined;
  let generation = 0;
  let watch: Watch | undefined;
  let closed = false;

  async function build(): Promise<Index> {
    const { items } = await store.list(RESOURCES.clustermembers);
    const next: Index = new Map();
    for (const m of items) {
      const spec = (m.spec ?? {}) as { role?: unknown };
      const uid = boundUid(m);
      const ns = m.metadata.namespace;
      if (uid === undefined || !isClusterRole(spec.role) || ns === undefined || ns === '') continue;
      if (m.metadata.deletionTimestamp !== undefined) continue;
      const byCluster = next.get(uid) ?? new Map<string, ClusterRole>();
      if (!roleAtLeast(byCluster.get(ns), spec.role)) byCluster.set(ns, spec.role);
      next.set(uid, byCluster);
    }
    return next;
  }

  async function current(): Promise<Index> {
    if (watch === undefined) return build();
    if (index !== undefined) return index;
    if (building === undefined) {
      const gen = generation;
      building = build().then(
        (built) => {
          building = undefined;
          if (gen === generation) index = built;
          return built;
        },
        (err: unknown) => {
          building = undefined;
          throw err;
        },
      );
    }
    return building;
  }

  function invalidate(): void {
    generation += 1;
    index = undefined;
    building = undefined;
  }

  async function runWatch(w: Watch): Promise<void> {
    try {
      for await (const ev of w) {
        if (ev.type !== 'BOOKMARK') invalidate();
      }
    } catch (err) {
      if (!closed) onError(err);
    }
    // The watch ended (closed, or fell behind): forget the index; restart unless closing.
    invalidate();
    if (watch === w) watch = undefined;
    if (!closed) await start().catch(onError);
  }

  async function start(): Promise<void> {
    if (closed || watch !== undefined) return;
    const rv = await store.currentResourceVersion();
    const w = await store.watch(RESOURCES.clustermembers, { resourceVersion: rv });
    if (closed) {
      w.close();
      return;
    }
    watch = w;
    invalidate();
    void runWatch(w);
  }

  return {
    async roleIn(userUid, cluster) {
      if (userUid === '') return undefined;
      return (await current()).get(userUid)?.get(cluster);
    },
    async clustersOf(userUid) {
      return (await current()).get(userUid) ?? new Map();
    },
    invalidate,
    start,
    close() {
      closed = true;
      watch?.close();
      watch = undefined;
      invalidate();
    },
  };
}

/**
 * Node status as the agent endpoints write it: `state` Registering / Connected / Disconnected with
 * `reason` and `since`, and the conditions Connected and Ready mirroring it (so
 * `kubectl wait --for=condition=Connected node/x -n <cluster>` works). Writes for one node are
 * serialized in the order they were asked for and retried on conflicts with other writers.
 */
import { isDeepStrictEqual } from 'node:util';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { StoreTx, StoredObject } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { RESOURCES } from '../kinds/resources.ts';
import type { WriteBatcher } from './write-batch.ts';

export type NodeState = 'Registering' | 'Connected' | 'Disconnected';
export type NodeStatusObj = Record<string, unknown> & { state?: NodeState; conditions?: Condition[] };

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

const CONDITION_REASON: Record<NodeState, string> = {
  Registering: 'AgentRegistering',
  Connected: 'AgentConnected',
  Disconnected: 'AgentDisconnected',
};

/** Conditions for `state`; lastTransitionTime moves only when a condition's status changes. */
export function nodeConditions(state: NodeState, reason: string, now: Date, prev: readonly Condition[] = []): Condition[] {
  const status = state === 'Connected' ? 'True' : 'False';
  return ['Connected', 'Ready'].map((type) => {
    const old = prev.find((c) => c.type === type);
    const lastTransitionTime = old?.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : now.toISOString();
    return { type, status, reason: CONDITION_REASON[state], message: reason, lastTransitionTime };
  });
}

/** `status` moved to `state` (since = now when the state changes), conditions updated. */
export function withState(status: NodeStatusObj, state: NodeState, reason: string, now: Date): NodeStatusObj {
  const since = status.state === state && typeof status.since === 'string' ? status.since : now.toISOString();
  return { ...status, state, reason, since, conditions: nodeConditions(state, reason, now, status.conditions ?? []) };
}

export type StatusMutation = (status: NodeStatusObj, node: StoredObject) => NodeStatusObj | undefined;

export interface NodeStatusWriter {
  /** Queues a status change for the node; resolves once written (or skipped: node gone, mutation returned undefined). Never rejects. */
  write(cluster: string, node: string, mutate: StatusMutation): Promise<void>;
  /** Resolves when every queued write has finished. */
  flush(): Promise<void>;
}

const MAX_ATTEMPTS = 8;

/** The promise of each queued write, by its mutation list. */
const written = new WeakMap<StatusMutation[], Promise<void>>();

/**
 * Writes go through `batcher`, so status changes of many nodes (a reconnect storm) share
 * transactions. Changes to one node asked for before its queued write has run join that write
 * (applied in order, one store update: "Connected" and the command channel's first report
 * usually arrive together); per node, writes happen in the order asked.
 */
export function createNodeStatusWriter(batcher: WriteBatcher, log: FastifyBaseLogger): NodeStatusWriter {
  /** Per node, the write queued in the batcher that has not started yet (new changes join it). */
  const queued = new Map<string, StatusMutation[]>();
  const inflight = new Set<Promise<void>>();

  async function applyIn(tx: StoreTx, cluster: string, node: string, mutations: readonly StatusMutation[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const obj = await tx.tryGet(RESOURCES.nodes, cluster, node);
      if (obj === undefined || obj.metadata.deletionTimestamp !== undefined) return;
      const current = (obj.status ?? {}) as NodeStatusObj;
      let next = current;
      for (const mutate of mutations) next = mutate({ ...next }, obj) ?? next;
      // Nothing changed (an agent back after a restart, reporting what is stored): no write.
      if (isDeepStrictEqual(next, current)) return;
      try {
        await tx.update(RESOURCES.nodes, { ...obj, status: next }, { expectedResourceVersion: obj.metadata.resourceVersion });
        return;
      } catch (err) {
        if (!(isStoreError(err, StoreErrorCode.CONFLICT) && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  return {
    write(cluster, node, mutate) {
      const key = `${cluster}/${node}`;
      const joined = queued.get(key);
      if (joined !== undefined) {
        joined.push(mutate);
        return written.get(joined)!;
      }
      const mutations = [mutate];
      queued.set(key, mutations);
      const run = batcher
        .run(
          (tx) => {
            // From now on a new change must see this one's result: it queues a write of its own.
            if (queued.get(key) === mutations) queued.delete(key);
            return applyIn(tx, cluster, node, mutations);
          },
          [{ resource: RESOURCES.nodes, namespace: cluster, name: node }],
        )
        .catch((err: unknown) => {
          if (isStoreError(err, StoreErrorCode.CLOSED)) return;
          log.warn({ err, cluster, node }, 'writing node status failed');
        })
        .finally(() => {
          inflight.delete(run);
          if (queued.get(key) === mutations) queued.delete(key);
        });
      written.set(mutations, run);
      inflight.add(run);
      return run;
    },
    async flush() {
      while (inflight.size > 0) await Promise.all([...inflight]);
    },
  };
}

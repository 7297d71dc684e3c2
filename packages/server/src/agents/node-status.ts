/**
 * Node status as the agent endpoints write it: `state` Registering / Connected / Disconnected with
 * `reason` and `since`, and the conditions Connected and Ready mirroring it (so
 * `kubectl wait --for=condition=Connected node/x -n <cluster>` works). Writes for one node are
 * serialized in the order they were asked for and retried on conflicts with other writers.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { RESOURCES } from '../kinds/resources.ts';

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

export function createNodeStatusWriter(store: Store, log: FastifyBaseLogger): NodeStatusWriter {
  const chains = new Map<string, Promise<void>>();

  async function apply(cluster: string, node: string, mutate: StatusMutation): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const obj = await store.tryGet(RESOURCES.nodes, cluster, node);
      if (obj === undefined || obj.metadata.deletionTimestamp !== undefined) return;
      const next = mutate({ ...((obj.status ?? {}) as NodeStatusObj) }, obj);
      if (next === undefined) return;
      try {
        await store.update(RESOURCES.nodes, { ...obj, status: next }, { expectedResourceVersion: obj.metadata.resourceVersion });
        return;
      } catch (err) {
        if (!(isStoreError(err, StoreErrorCode.CONFLICT) && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  return {
    write(cluster, node, mutate) {
      const key = `${cluster}/${node}`;
      const prev = chains.get(key) ?? Promise.resolve();
      const run = prev.then(() => apply(cluster, node, mutate)).catch((err: unknown) => {
        if (isStoreError(err, StoreErrorCode.CLOSED)) return;
        log.warn({ err, cluster, node }, 'writing node status failed');
      });
      chains.set(key, run);
      void run.then(() => {
        if (chains.get(key) === run) chains.delete(key);
      });
      return run;
    },
    async flush() {
      await Promise.all([...chains.values()]);
    },
  };
}

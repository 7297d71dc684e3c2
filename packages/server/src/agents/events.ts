/**
 * Events (the Event kind) about a cluster's objects, aggregated as Kubernetes does: the same
 * (object, reason, message) increments `count` and moves `lastTimestamp` instead of adding an
 * object. Events go to the cluster's namespace, and only while the Cluster exists (a refusal
 * naming an unknown cluster, or a session closed by the cluster's deletion, records nothing).
 * Recording never throws: a failure is logged and the caller goes on.
 */
import { createHash } from 'node:crypto';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';

export interface EventInput {
  /** The cluster (the Event's namespace). */
  cluster: string;
  involvedObject: { kind: string; name: string; uid?: string };
  /** CamelCase, e.g. `Registered`, `RegistrationRefused`, `Connected`. */
  reason: string;
  /** Stable text (no timestamps or ports), so repeats aggregate. Never a secret. */
  message: string;
  type: 'Normal' | 'Warning';
}

export interface EventRecorder {
  record(input: EventInput): Promise<void>;
  /** Resolves when every record started so far has finished. */
  flush(): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/** The Event's name: `<object name>.<12 hex of sha256(kind, name, reason, message)>`. */
export function eventName(input: EventInput): string {
  const key = [input.involvedObject.kind, input.involvedObject.name, input.reason, input.message].join('\u0000');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${input.involvedObject.name.slice(0, 200)}.${hash}`;
}

async function clusterLive(store: Store, cluster: string): Promise<boolean> {
  try {
    const obj = await store.get(RESOURCES.clusters, '', cluster);
    return obj.metadata.deletionTimestamp === undefined;
  } catch (err) {
    if (isStoreError(err, StoreErrorCode.NOT_FOUND)) return false;
    throw err;
  }
}

/** Records one event (create, or count + 1 on a repeat). Throws on store failures. */
export async function recordEvent(store: Store, input: EventInput, now: Date): Promise<void> {
  if (!(await clusterLive(store, input.cluster))) return;
  const name = eventName(input);
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    try {
      let existing;
      try {
        existing = await store.get(RESOURCES.events, input.cluster, name);
      } catch (err) {
        if (!isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err;
      }
      if (existing === undefined) {
        await store.create(RESOURCES.events, {
          apiVersion: API_VERSION,
          kind: 'Event',
          metadata: { name, namespace: input.cluster },
          involvedObject: { ...input.involvedObject, namespace: input.cluster },
          reason: input.reason,
          message: input.message,
          type: input.type,
          count: 1,
          firstTimestamp: at,
          lastTimestamp: at,
        });
      } else {
        const count = typeof existing.count === 'number' ? existing.count + 1 : 2;
        await store.update(RESOURCES.events, { ...existing, count, lastTimestamp: at }, { expectedResourceVersion: existing.metadata.resourceVersion });
      }
      return;
    } catch (err) {
      const retry = isStoreError(err, StoreErrorCode.CONFLICT) || isStoreError(err, StoreErrorCode.ALREADY_EXISTS) || isStoreError(err, StoreErrorCode.NOT_FOUND);
      if (!retry || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

export function createEventRecorder(store: Store, now: () => Date, log: FastifyBaseLogger): EventRecorder {
  const pending = new Set<Promise<void>>();
  return {
    record(input) {
      const p = recordEvent(store, input, now()).catch((err: unknown) => {
        log.warn({ err, cluster: input.cluster, reason: input.reason }, 'recording an event failed');
      });
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return p;
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}

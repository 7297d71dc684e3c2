/**
 * Events (the Event kind) about a cluster's objects, aggregated as Kubernetes does: the same
 * (object, reason, message) increments `count` and moves `lastTimestamp` instead of adding an
 * object. Events go to the cluster's namespace, and only while the Cluster exists (a refusal
 * naming an unknown cluster, or a session closed by the cluster's deletion, records nothing).
 * Recording never throws: a failure is logged and the caller goes on.
 *
 * Refusals (issue 9, finding 3) come from requests that may be anyone's, so
 * {@link EventRecorder.recordRefusal} writes one only about an object that exists (a made-up node
 * name records nothing: the refusal is still logged), and at most {@link REFUSAL_BURST} at once per
 * (cluster, object), then one per {@link REFUSAL_REFILL_MS}: Kubernetes' spam filter keys on the
 * source and involved object with the same numbers. Keying on the object, not the whole cluster,
 * means a flood naming one node never hides the refusals of another. Events are deleted
 * DROVER_EVENT_TTL after they last happened (controllers/event-expiry.ts).
 */
import { createHash } from 'node:crypto';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoreTx } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { createFailureLimiter } from '../auth/failure-limiter.ts';
import type { FailureLimiter } from '../auth/failure-limiter.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import type { WriteBatcher } from './write-batch.ts';

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
  /**
   * A refusal of a request that may come from anyone: recorded only when the involved object
   * exists (and is not being deleted) and its refusal bucket has room; dropped otherwise.
   */
  recordRefusal(input: EventInput): Promise<void>;
  /** Resolves when every record started so far has finished. */
  flush(): Promise<void>;
}

const MAX_ATTEMPTS = 5;
/** Refusal Events recorded at once per (cluster, object). */
export const REFUSAL_BURST = 25;
/** Then one per 5 minutes. */
export const REFUSAL_REFILL_MS = 300_000;

/** Store keys of the kinds a refusal may be about. */
const REFUSAL_OBJECTS: Readonly<Record<string, string>> = { Node: RESOURCES.nodes, RegistrationToken: RESOURCES.registrationtokens };

/** The Event's name: `<object name>.<12 hex of sha256(kind, name, reason, message)>`. */
export function eventName(input: EventInput): string {
  const key = [input.involvedObject.kind, input.involvedObject.name, input.reason, input.message].join('\u0000');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${input.involvedObject.name.slice(0, 200)}.${hash}`;
}

async function clusterLive(store: Store | StoreTx, cluster: string): Promise<boolean> {
  const obj = await store.tryGet(RESOURCES.clusters, '', cluster);
  return obj !== undefined && obj.metadata.deletionTimestamp === undefined;
}

/** Records one event (create, or count + 1 on a repeat), in `store` or a transaction. Throws on store failures. */
export async function recordEvent(store: Store | StoreTx, input: EventInput, now: Date): Promise<void> {
  if (!(await clusterLive(store, input.cluster))) return;
  const name = eventName(input);
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await store.tryGet(RESOURCES.events, input.cluster, name);
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

/** True when `input`'s involved object is a live object of a kind refusals may be about. */
async function refusalTargetExists(store: Store, input: EventInput): Promise<boolean> {
  const resource = REFUSAL_OBJECTS[input.involvedObject.kind];
  if (resource === undefined) return false;
  const obj = await store.tryGet(resource, input.cluster, input.involvedObject.name);
  return obj !== undefined && obj.metadata.deletionTimestamp === undefined;
}

/** `refusals`: the per-object buckets (default {@link REFUSAL_BURST}, one per {@link REFUSAL_REFILL_MS}). */
/** `batcher`: when given, Events are written in its shared transactions (write-batch.ts). */
export function createEventRecorder(store: Store, now: () => Date, log: FastifyBaseLogger, refusals: FailureLimiter = createFailureLimiter({ burst: REFUSAL_BURST, refillPerSecond: 1000 / REFUSAL_REFILL_MS }), batcher?: WriteBatcher): EventRecorder {
  // In a batch, the Cluster and the Event are read with the batch's other keys, under the writer
  // lock: the Event's write then reads nothing more.
  const write = (input: EventInput): Promise<void> =>
    batcher === undefined
      ? recordEvent(store, input, now())
      : batcher.run(
          (tx) => recordEvent(tx, input, now()),
          [
            { resource: RESOURCES.clusters, namespace: '', name: input.cluster },
            { resource: RESOURCES.events, namespace: input.cluster, name: eventName(input) },
          ],
        );
  const pending = new Set<Promise<void>>();
  function track(work: Promise<void>, input: EventInput): Promise<void> {
    const p = work.catch((err: unknown) => {
      log.warn({ err, cluster: input.cluster, reason: input.reason }, 'recording an event failed');
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  }
  return {
    record(input) {
      return track(write(input), input);
    },
    recordRefusal(input) {
      const work = async (): Promise<void> => {
        // Existence first: a made-up name must not take (or evict) a real object's bucket.
        if (!(await refusalTargetExists(store, input))) return;
        const { kind, name } = input.involvedObject;
        if (refusals.fail(`${input.cluster}/${kind}/${name}`) > 0) {
          log.debug({ cluster: input.cluster, kind, name, reason: input.reason }, 'refusal event dropped: rate limited');
          return;
        }
        await write(input);
      };
      return track(work(), input);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}

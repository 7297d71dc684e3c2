/**
 * What the provision controller says when an apply fails: the plane's condition (False, a reason,
 * a message naming the node and the container) and a Warning Event on the Node with the last lines
 * of the container's log (issue 13: "the Cluster's conditions and an Event say which node, which
 * container, and the last lines of its log"). The failure is then thrown so the queue retries the
 * cluster with its backoff.
 */
import type { Store } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { recordEvent } from '../agents/events.ts';
import { isDroverError } from '../errors.ts';
import type { ApplyFailureDetail } from '../provisioning/plan-applier.ts';
import { Reason } from './provision-conditions.ts';
import type { ConditionInput } from './provision-conditions.ts';
import type { PlaneName } from './provision-levels.ts';

/** Log lines quoted in an Event (the agent sends up to 20). */
const EVENT_LOG_LINES = 10;

/** An apply of `plane` on `node` failed; carries what the condition and the Event say. */
export class PlaneApplyFailed extends Error {
  readonly plane: PlaneName;
  readonly node: string;
  readonly container: string | undefined;
  readonly reason: string;
  readonly logTail: readonly string[];

  constructor(plane: PlaneName, node: string, containers: readonly string[], cause: unknown) {
    const detail = isDroverError(cause) ? (cause.details as ApplyFailureDetail | undefined) : undefined;
    const container = detail?.container ?? (containers.length === 1 ? containers[0] : undefined);
    const what = container === undefined ? `${plane} on ${node}` : `${container} on ${node}`;
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${what} failed: ${why}`, { cause });
    this.name = 'PlaneApplyFailed';
    this.plane = plane;
    this.node = node;
    this.container = container;
    this.reason = isDroverError(cause, 'DROVER_ERR_PLAN_APPLY_FAILED') ? Reason.ApplyFailed : Reason.NodeUnreachable;
    this.logTail = Array.isArray(detail?.logTail) ? detail.logTail.slice(-EVENT_LOG_LINES) : [];
  }

  condition(type: string): ConditionInput {
    return { type, status: 'False', reason: this.reason, message: this.message };
  }
}

/** A Warning Event on the failed Node: the message, then the log's last lines. Never throws. */
export async function recordApplyFailure(store: Store, logger: FastifyBaseLogger, cluster: string, failure: PlaneApplyFailed, now: Date): Promise<void> {
  const log = failure.logTail.length === 0 ? '' : `\nlast log lines:\n${failure.logTail.join('\n')}`;
  logger.warn({ cluster, node: failure.node, container: failure.container, err: failure.cause }, 'provisioning apply failed');
  await recordEvent(store, { cluster, involvedObject: { kind: 'Node', name: failure.node }, reason: failure.reason, message: `${failure.message}${log}`, type: 'Warning' }, now).catch((err: unknown) =>
    logger.warn({ err, cluster }, 'could not record an Event'),
  );
}

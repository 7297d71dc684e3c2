/**
 * What the agent reports on the command channel (AgentStatus): its version, the Docker engine's
 * facts and the containers labelled drover.dev/managed=true. `watch` polls the engine every
 * `pollMs` (two cheap Engine API calls) and reports only when something changed, so an idle host
 * costs the server nothing.
 */
import type { AgentStatusProps } from '@drover/protocol';
import { agentChannel } from '@drover/protocol';
import { dockerFacts, listManagedContainers, type ContainerSummary, type DockerApi } from './docker.ts';
import { CommandFailure, type RequestHandlers } from './service-host.ts';
import type { PlanRunner } from './apply/apply-plan.ts';

/** How often a watched host is polled by default, ms. */
export const DEFAULT_STATUS_POLL_MS = 5_000;

export interface HostStatusOptions {
  docker: DockerApi;
  version: string;
  /** Poll interval of `watch`, ms. */
  pollMs: number;
  log: { warn(obj: object, msg: string): void };
  /** The plan runner (apply/apply-plan.ts): adds each container's spec hash and health, and the applied plan hash. */
  plans?: Pick<PlanRunner, 'report' | 'appliedPlanHash'>;
}

function container(c: ContainerSummary): NonNullable<AgentStatusProps['containers']>[number] {
  const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
  return { name, image: c.Image ?? '', state: c.State ?? '', id: c.Id, created: c.Created };
}

export class HostStatus {
  readonly #o: HostStatusOptions;
  /** Wakes the watches' current sleep (see poke). */
  readonly #wake = new Set<() => void>();
  /** A poke came while no watch slept (it was reading): the next sleep is skipped. */
  #poked = false;

  constructor(options: HostStatusOptions) {
    this.#o = options;
  }

  /**
   * The status now, read from the engine.
   * @throws CommandFailure FAILURE_DOCKER when the engine does not answer
   */
  async read(): Promise<AgentStatusProps> {
    let info: Record<string, unknown>;
    let listed: ContainerSummary[];
    try {
      [info, listed] = await Promise.all([this.#o.docker.info(), listManagedContainers(this.#o.docker)]);
    } catch (err) {
      throw new CommandFailure(agentChannel.FailureCode.FAILURE_DOCKER, `the Docker engine did not answer: ${(err as Error).message}`, { cause: err });
    }
    const f = dockerFacts(info);
    const plans = this.#o.plans;
    return {
      agentVersion: this.#o.version,
      docker: { engineId: f.engineId, version: f.version, storageDriver: f.storageDriver, cgroupDriver: f.cgroupDriver, os: f.os, kernel: f.kernel, cpus: f.cpus, memoryBytes: f.memoryBytes },
      containers: plans === undefined
        ? listed.map(container).sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0))
        : await plans.report(listed.map((c) => ({ id: c.Id, name: container(c).name!, image: c.Image ?? '', state: c.State ?? '', created: c.Created, labels: c.Labels ?? {} }))),
      ...(plans === undefined ? {} : { appliedPlanHash: plans.appliedPlanHash }),
    };
  }

  /**
   * Calls `onStatus` with the status at once, then after each poll that found a change, until
   * `signal` aborts (then rejects with its reason). A failed poll is logged and retried on the
   * next tick; a failed first read rejects.
   */
  async watch(onStatus: (status: AgentStatusProps) => void, signal: AbortSignal): Promise<never> {
    let last = await this.read();
    onStatus(last);
    let lastKey = JSON.stringify(last);
    for (;;) {
      if (this.#poked) this.#poked = false;
      else await sleep(this.#o.pollMs, signal, this.#wake);
      try {
        last = await this.read();
      } catch (err) {
        this.#o.log.warn({ err: (err as Error).message }, 'polling the Docker engine for the command channel failed; trying again');
        continue;
      }
      const key = JSON.stringify(last);
      if (key !== lastKey) {
        lastKey = key;
        onStatus(last);
      }
    }
  }

  /**
   * Polls now instead of at the next tick: after a plan was applied the server waits for this
   * report to take its next step (the provision controller reads the Node's reported containers),
   * so it should not wait up to a whole poll interval for it.
   */
  poke(): void {
    if (this.#wake.size === 0) this.#poked = true;
    for (const wake of this.#wake) wake();
  }

  /** GetStatus and WatchStatus handlers for the service host. */
  handlers(): RequestHandlers {
    return {
      getStatus: async () => ({ status: await this.read() }),
      watchStatus: (_request, ctx) => this.watch((status) => ctx.emit({ status }), ctx.signal),
    };
  }
}

/** Sleeps `ms`; a function added to `wake` (while it sleeps) ends it early. */
function sleep(ms: number, signal: AbortSignal, wake?: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      wake?.delete(done);
      reject(signal.reason as Error);
    };
    const done = (): void => {
      clearTimeout(timer);
      wake?.delete(done);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    wake?.add(done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

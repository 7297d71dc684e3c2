/**
 * A node's command channel for the life of its session (docs/adr/0012): once the session is
 * ready the server opens the "drover.agent.v1" service stream, asks GetStatus, then
 * WatchStatus, and mirrors what the agent reports (Docker facts, managed containers with their
 * spec hash and health, the last applied plan hash) on the Node's status. Writes happen only when the report differs from the last one (a digest), and
 * the write itself is skipped when the stored status already says the same: an idle node costs
 * no store write, whatever the heartbeat does.
 *
 * If the channel breaks while the session lives (a malformed message, a reset), it is reopened
 * with backoff (1 s doubling to 30 s). It is ended (half-closed) when either side sends GOAWAY,
 * so a draining session does not wait its grace period out for it. Nothing is replayed: the new channel asks for status
 * again. An agent from before the channel (no "services" capability) is left alone.
 */
import { hash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { AGENT_CHANNEL_SERVICE } from '@drover/protocol';
import type { AgentStatusProps } from '@drover/protocol';
import { isTunnelError, serviceTarget, TunnelErrorCodes } from '@drover/tunnel';
import type { Session, TunnelLogger } from '@drover/tunnel';
import { AgentChannel } from './agent-channel.ts';
import type { AgentChannelLimits, StatusWatcher } from './agent-channel.ts';
import { dockerStatus } from './agent-info.ts';
import type { NodeStatusObj, NodeStatusWriter } from './node-status.ts';
import type { AgentSessions, SessionEntry } from './sessions.ts';

export interface NodeChannelDeps {
  sessions: AgentSessions;
  status: NodeStatusWriter;
  channelLimits?: Partial<AgentChannelLimits>;
  /** First reopen delay after a broken channel, ms (doubles to 30 s). */
  reopenDelayMs?: number;
}

const MAX_REOPEN_DELAY_MS = 30_000;

/** One entry of `Node.status.containers`. */
export interface ReportedContainer {
  name: string;
  image: string;
  state: string;
  /** The drover.dev/spec-hash label; absent from an agent that predates plans. */
  specHash?: string;
  /** healthy, unhealthy, starting or unknown; absent from an agent that predates plans. */
  health?: string;
  /** Why it is unhealthy. */
  message?: string;
}

/** The Node status fields an AgentStatus sets. */
export interface ReportedStatus {
  docker?: Record<string, unknown>;
  containers: ReportedContainer[];
  /** The last whole Plan the agent applied. */
  appliedPlanHash?: string;
}

function reportedContainer(c: NonNullable<AgentStatusProps['containers']>[number]): ReportedContainer {
  const out: ReportedContainer = { name: c.name ?? '', image: c.image ?? '', state: c.state ?? '' };
  if (c.specHash) out.specHash = c.specHash;
  if (c.health) out.health = c.health;
  if (c.healthMessage) out.message = c.healthMessage;
  return out;
}

/** `status.docker` and `status.containers` of a Node from an AgentStatus. */
export function reportedStatus(report: AgentStatusProps): ReportedStatus {
  const out: ReportedStatus = {
    containers: (report.containers ?? []).map(reportedContainer),
  };
  if (report.appliedPlanHash) out.appliedPlanHash = report.appliedPlanHash;
  const d = report.docker;
  if (d?.engineId) {
    out.docker = dockerStatus({
      engineId: d.engineId,
      version: d.version ?? '',
      storageDriver: d.storageDriver ?? '',
      cgroupDriver: d.cgroupDriver ?? '',
      os: d.os ?? '',
      kernel: d.kernel ?? '',
      cpus: d.cpus ?? 0,
      memoryBytes: d.memoryBytes ?? 0,
    });
  }
  return out;
}

/** Runs the node's command channel until its session ends. Never throws. */
export function runNodeChannel(deps: NodeChannelDeps, entry: SessionEntry, session: Session, log: TunnelLogger): void {
  new NodeChannel(deps, entry, session, log).open();
}

/**
 * The channel's state between its events. A class with callbacks, not an async loop: an idle
 * session held a suspended async function, a request's promise and five closures for its
 * WatchStatus, ~2 KB of each of 19,500 sessions (issue 15).
 */
class NodeChannel implements StatusWatcher {
  readonly #deps: NodeChannelDeps;
  readonly #entry: SessionEntry;
  readonly #session: Session;
  readonly #log: TunnelLogger;
  /** A digest of the last report applied: a report that says the same costs nothing. */
  #lastDigest: string | undefined;
  #delay: number;
  #goingAway = false;
  #channel: AgentChannel | undefined;

  constructor(deps: NodeChannelDeps, entry: SessionEntry, session: Session, log: TunnelLogger) {
    this.#deps = deps;
    this.#entry = entry;
    this.#session = session;
    this.#log = log;
    this.#delay = deps.reopenDelayMs ?? 1000;
    // The agent is going away (it sent GOAWAY): end the channel so its drain is not held up by it.
    // `on`, not `once` (GOAWAY comes once): a once wrapper was ~0.2 KB of every idle session.
    session.on('goaway', () => {
      this.#goingAway = true;
      this.#channel?.end();
    });
  }

  open(): void {
    if (!this.#wanted()) return;
    this.#session.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)).then(
      (stream) => this.#opened(new AgentChannel(stream, this.#deps.channelLimits)),
      (err: unknown) => this.#openFailed(err as Error),
    );
  }

  onStatus(report: AgentStatusProps): void {
    const fields = reportedStatus(report);
    const digest = hash('sha256', JSON.stringify(fields), 'base64');
    if (digest === this.#lastDigest) return;
    this.#lastDigest = digest;
    const { cluster, node } = this.#entry;
    void this.#deps.status.write(cluster, node, (status: NodeStatusObj) => {
      if (!this.#live() || status.state !== 'Connected') return undefined;
      // The node stays bound to the engine it registered with; the channel never rebinds it.
      const docker = fields.docker === undefined ? status.docker : { ...fields.docker, engineId: (status.docker as { engineId?: string } | undefined)?.engineId ?? fields.docker.engineId };
      const next: NodeStatusObj = { ...status, docker, containers: fields.containers };
      if (fields.appliedPlanHash === undefined) delete next.appliedPlanHash;
      else next.appliedPlanHash = fields.appliedPlanHash;
      return isDeepStrictEqual(next, status) ? undefined : next;
    });
  }

  onWatchEnd(err: Error): void {
    if (this.#channel !== undefined) this.#failed(this.#channel, err);
  }

  #live(): boolean {
    return this.#session.state === 'open' && this.#deps.sessions.isCurrent(this.#entry);
  }

  #wanted(): boolean {
    return this.#live() && !this.#goingAway;
  }

  #opened(channel: AgentChannel): void {
    this.#channel = channel;
    this.#entry.channel = channel;
    channel
      .getStatus()
      .then((status) => {
        this.onStatus(status);
        this.#delay = this.#deps.reopenDelayMs ?? 1000;
        channel.watch(this);
      })
      .catch((err: unknown) => this.#failed(channel, err as Error));
  }

  #openFailed(err: Error): void {
    if (isTunnelError(err, TunnelErrorCodes.SERVICE_UNSUPPORTED)) {
      this.#log.info({ err: err.message }, 'the agent predates the command channel; its Node status shows what it reported on connect');
      return;
    }
    if (isTunnelError(err, TunnelErrorCodes.GOING_AWAY)) return;
    if (isTunnelError(err, TunnelErrorCodes.DIAL_REFUSED)) {
      this.#log.warn({ err: err.message }, 'the agent refuses the command channel');
      return;
    }
    if (!this.#live()) return;
    this.#log.warn({ err: err.message, retryInMs: this.#delay }, 'opening the agent command channel failed');
    this.#reopenLater();
  }

  /** The channel broke (or ended with the session): drop it, and open another while the session lives. */
  #failed(channel: AgentChannel, err: Error): void {
    if (this.#channel !== channel) return;
    this.#channel = undefined;
    if (this.#entry.channel === channel) delete this.#entry.channel;
    channel.destroy();
    if (!this.#wanted()) return;
    this.#log.warn({ err: err.message, code: (err as { code?: string }).code, retryInMs: this.#delay }, 'agent command channel failed; reopening');
    this.#reopenLater();
  }

  #reopenLater(): void {
    // Unref'd, and a no-op once the session is gone: a broken channel does not keep the process up.
    setTimeout(() => this.open(), this.#delay).unref();
    this.#delay = Math.min(this.#delay * 2, MAX_REOPEN_DELAY_MS);
  }
}

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
import { isDeepStrictEqual } from 'node:util';
import { AGENT_CHANNEL_SERVICE } from '@drover/protocol';
import type { AgentStatusProps } from '@drover/protocol';
import { isTunnelError, serviceTarget, TunnelErrorCodes } from '@drover/tunnel';
import type { Session } from '@drover/tunnel';
import type { FastifyBaseLogger } from 'fastify';
import { AgentChannel } from './agent-channel.ts';
import type { AgentChannelLimits } from './agent-channel.ts';
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

/** Runs the node's command channel until its session ends. Never rejects. */
export async function runNodeChannel(deps: NodeChannelDeps, entry: SessionEntry, session: Session, log: FastifyBaseLogger): Promise<void> {
  const { cluster, node } = entry;
  const live = (): boolean => session.state === 'open' && deps.sessions.isCurrent(entry);
  let lastDigest: string | undefined;

  const apply = (report: AgentStatusProps): void => {
    const fields = reportedStatus(report);
    const digest = JSON.stringify(fields);
    if (digest === lastDigest) return;
    lastDigest = digest;
    void deps.status.write(cluster, node, (status: NodeStatusObj) => {
      if (!live() || status.state !== 'Connected') return undefined;
      // The node stays bound to the engine it registered with; the channel never rebinds it.
      const docker = fields.docker === undefined ? status.docker : { ...fields.docker, engineId: (status.docker as { engineId?: string } | undefined)?.engineId ?? fields.docker.engineId };
      const next: NodeStatusObj = { ...status, docker, containers: fields.containers };
      if (fields.appliedPlanHash === undefined) delete next.appliedPlanHash;
      else next.appliedPlanHash = fields.appliedPlanHash;
      return isDeepStrictEqual(next, status) ? undefined : next;
    });
  };

  // The agent is going away (it sent GOAWAY): end the channel so its drain is not held up by it.
  let goingAway = false;
  session.once('goaway', () => {
    goingAway = true;
    entry.channel?.end();
  });

  let delay = deps.reopenDelayMs ?? 1000;
  while (live() && !goingAway) {
    let channel: AgentChannel;
    try {
      channel = new AgentChannel(await session.openStream(serviceTarget(AGENT_CHANNEL_SERVICE)), deps.channelLimits);
    } catch (err) {
      if (isTunnelError(err, TunnelErrorCodes.SERVICE_UNSUPPORTED)) {
        log.info({ err: (err as Error).message }, 'the agent predates the command channel; its Node status shows what it reported on connect');
        return;
      }
      if (isTunnelError(err, TunnelErrorCodes.GOING_AWAY)) return;
      if (isTunnelError(err, TunnelErrorCodes.DIAL_REFUSED)) {
        log.warn({ err: (err as Error).message }, 'the agent refuses the command channel');
        return;
      }
      if (!live()) return;
      log.warn({ err: (err as Error).message, retryInMs: delay }, 'opening the agent command channel failed');
      await pause(delay, session);
      delay = Math.min(delay * 2, MAX_REOPEN_DELAY_MS);
      continue;
    }
    entry.channel = channel;
    try {
      apply(await channel.getStatus());
      delay = deps.reopenDelayMs ?? 1000;
      await channel.watchStatus(apply);
    } catch (err) {
      if (live() && !goingAway) log.warn({ err: (err as Error).message, code: (err as { code?: string }).code, retryInMs: delay }, 'agent command channel failed; reopening');
    } finally {
      if (entry.channel === channel) delete entry.channel;
      channel.destroy();
    }
    if (!live() || goingAway) return;
    await pause(delay, session);
    delay = Math.min(delay * 2, MAX_REOPEN_DELAY_MS);
  }
}

/** Waits `ms`, or less if the session ends first. */
function pause(ms: number, session: Session): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void session.closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

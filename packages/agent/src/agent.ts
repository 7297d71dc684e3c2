/**
 * The agent, wired from a validated config and its dependencies (main.ts supplies the real
 * ones): preflight Docker, reuse or obtain the node's identity, replace older agent containers,
 * then keep the tunnel up.
 *
 *   const agent = await startAgent(config, { docker: createDocker(config.dockerHost), log, hostname: os.hostname(), selfFiles });
 *   process.once('SIGTERM', () => void agent.close());
 */
import type { TunnelClient } from '@drover/tunnel';
import { proxyFor } from '@drover/tunnel';
import { defaultAddress } from './address.ts';
import type { AgentConfig } from './config-schema.ts';
import { ownContainerId, replaceOlderAgents } from './container-replace.ts';
import { agentDialPolicy } from './dial-policy.ts';
import { checkDocker, type DockerApi, type DockerFacts } from './docker.ts';
import { AgentError } from './errors.ts';
import { createServerClient, type HttpTarget } from './http.ts';
import type { Logger } from './logger.ts';
import { DEFAULT_TUNNEL_PATH } from './register.ts';
import { registerRecovering, type RecoverBounds } from './register-recover.ts';
import { identityMatches, readState, writeState, type NodeIdentity } from './state-store.ts';
import { establishTrust } from './trust.ts';
import { createTunnelClient, type NodeInfo } from './tunnel-run.ts';
import { AGENT_VERSION } from './version.ts';
import { AGENT_CHANNEL_SERVICE, parseRegistrationToken } from '@drover/protocol';
import { HostStatus } from './host-status.ts';
import { createServiceHost } from './service-host.ts';
import { PlanRunner } from './apply/apply-plan.ts';
import { createApplyEngine, type ApplyEngine } from './apply/engine.ts';
import { HealthMonitor } from './apply/health-monitor.ts';

export interface AgentDeps {
  docker: DockerApi;
  log: Logger;
  /** The host name (the default node name). */
  hostname: string;
  /** Contents of /proc/self/mountinfo and /proc/self/cgroup, to find this agent's container. */
  selfFiles: () => Promise<{ mountinfo?: string | undefined; cgroup?: string | undefined }>;
  version?: string;
  /** The Engine API calls of ApplyPlan; default: dockerode on config.dockerHost. */
  applyEngine?: ApplyEngine;
  /** Plan files are written under this directory instead of / (tests only). */
  planFileRoot?: string;
  /** Bounds of the registration retries (register-recover.ts); tests shorten them. */
  recover?: Partial<RecoverBounds>;
}

export interface RunningAgent {
  readonly identity: NodeIdentity;
  /** True when this run registered (no usable node.json). */
  readonly registered: boolean;
  readonly facts: DockerFacts;
  readonly client: TunnelClient;
  /** Stops reconnecting and closes the session gracefully (GOAWAY, drain within graceMs). */
  close(options?: { graceMs?: number }): Promise<void>;
  destroy(): void;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function defaultNodeName(hostname: string): string {
  const name = hostname.trim().toLowerCase();
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    throw new AgentError('DROVER_ERR_AGENT_CONFIG_INVALID', `the host name ${JSON.stringify(hostname)} is not a valid node name; pass --node-name`);
  }
  return name;
}

async function nodeAddresses(config: AgentConfig): Promise<{ address: string; internalAddress: string }> {
  const address = config.address ?? (await defaultAddress(new URL(config.server), proxyFor(new URL(config.server), config.proxy)));
  if (address === undefined) throw new AgentError('DROVER_ERR_AGENT_CONFIG_INVALID', 'cannot find this host\'s address (no route to the server, no external interface); pass --address');
  return { address, internalAddress: config.internalAddress ?? address };
}

/**
 * Runs preflight and registration (or reuses node.json), replaces older agent containers and
 * starts the tunnel. Resolves once the tunnel client is started (not necessarily connected).
 * @throws AgentError with the codes of errors.ts; nothing is left running on a throw
 */
export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<RunningAgent> {
  const log = deps.log;
  const version = deps.version ?? AGENT_VERSION;
  const facts = await checkDocker(deps.docker, config.dockerHost);
  log.info({ docker: facts }, 'Docker engine found');
  const target: HttpTarget = { server: config.server, proxy: config.proxy, timeoutMs: config.connectTimeoutMs };
  const stored = await readState(config.configDir);
  if (stored.problem) log.warn({ configDir: config.configDir }, stored.problem);
  const addresses = await nodeAddresses(config);
  const ownId = ownContainerId(await deps.selfFiles());

  let identity: NodeIdentity;
  let caPem: string;
  let tunnelPath = DEFAULT_TUNNEL_PATH;
  let registered = false;
  // A token for another cluster means the host is moving: register there instead of reusing.
  const tokenCluster = config.token === undefined ? undefined : parseRegistrationToken(config.token)?.cluster;
  const reusable = identityMatches(stored.identity, config.server, facts.engineId) && stored.caPem !== undefined
    && (config.insecure || stored.identity.caChecksum === config.caChecksum)
    && (tokenCluster === undefined || tokenCluster === stored.identity.cluster);
  if (reusable && stored.identity && stored.caPem) {
    identity = stored.identity;
    caPem = stored.caPem;
    log.info({ cluster: identity.cluster, node: identity.node, configDir: config.configDir }, 'this engine is already registered with the server; using the stored node credential');
  } else {
    const pinned = config.insecure && stored.identity?.server === config.server ? stored.identity.caChecksum : undefined;
    const trust = await establishTrust(target, { expected: config.caChecksum, pinnedChecksum: pinned });
    if (trust.tofu) {
      log.warn({ caChecksum: trust.caChecksum, server: config.server },
        'INSECURE: --insecure given, so the CA this server presented was trusted WITHOUT verification (trust on first use) and is now pinned. Anyone able to intercept this first connection could impersonate the server. Compare this checksum with the one the server prints, and prefer --ca-checksum.');
    }
    if (config.token === undefined) {
      throw new AgentError('DROVER_ERR_AGENT_TOKEN_REQUIRED', `this host is not registered with ${config.server} yet (no usable node.json in ${config.configDir}); pass --token (DROVER_TOKEN) from the node command`);
    }
    const client = createServerClient(target, { ca: trust.caPem, verify: true });
    try {
      const answer = await registerRecovering(client, {
        token: config.token,
        nodeName: config.nodeName ?? defaultNodeName(deps.hostname),
        roles: [...config.roles],
        labels: { ...config.labels },
        taints: config.taints.map((t) => ({ ...t })),
        ...addresses,
        agentVersion: version,
        docker: facts,
        hostname: deps.hostname,
      }, { docker: deps.docker, ownContainerId: ownId, log, ...deps.recover });
      identity = { server: config.server, cluster: answer.cluster, node: answer.node, credential: answer.credential, engineId: facts.engineId, caChecksum: trust.caChecksum };
      tunnelPath = answer.tunnelPath ?? DEFAULT_TUNNEL_PATH;
      log.info({ cluster: answer.cluster, node: answer.node, created: answer.created }, answer.created ? 'registered a new node' : 'registered again: same node, new credential');
    } finally {
      await client.close();
    }
    caPem = trust.caPem;
    await writeState(config.configDir, identity, caPem);
    registered = true;
  }

  try {
    await replaceOlderAgents(deps.docker, ownId, log);
  } catch (err) {
    log.error({ code: 'DROVER_ERR_AGENT_REPLACE_FAILED', err: (err as Error).message }, 'could not remove an older agent container; remove it by hand (docker ps --filter label=drover.dev/agent=true)');
  }

  const tunnelLog = log.child({ cluster: identity.cluster, node: identity.node });
  const nodeInfo: NodeInfo = { docker: facts, ...addresses };
  // The command channel (docs/adr/0012): the server opens it on every session and asks for status.
  // After an apply the status watch reports at once (poke): the server's next step waits for that report.
  const plans = new PlanRunner({ engine: deps.applyEngine ?? createApplyEngine(config.dockerHost), stateDir: config.configDir, health: new HealthMonitor({ minIntervalMs: config.statusPollMs }), log: tunnelLog, ownContainerId: ownId, fileRoot: deps.planFileRoot, onApplied: () => hostStatus.poke() });
  await plans.load();
  const hostStatus = new HostStatus({ docker: deps.docker, version, pollMs: config.statusPollMs, log: tunnelLog, plans });
  const services = new Map([[AGENT_CHANNEL_SERVICE, createServiceHost({ ...hostStatus.handlers(), ...plans.handlers() }, { log: tunnelLog })]]);
  const client = createTunnelClient({
    server: config.server,
    tunnelPath,
    credential: identity.credential,
    engineId: facts.engineId,
    version,
    nodeInfo,
    caPem,
    proxy: config.proxy,
    connectTimeoutMs: config.connectTimeoutMs,
    backoff: { baseMs: config.backoffBaseMs, capMs: config.backoffCapMs },
    dialPolicy: agentDialPolicy(config.allow, tunnelLog, [...services.keys()]),
    services,
    log: tunnelLog,
  }).start();
  return {
    identity,
    registered,
    facts,
    client,
    close: (options) => client.close(options),
    destroy: () => client.destroy(),
  };
}

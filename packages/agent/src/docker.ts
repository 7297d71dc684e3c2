/**
 * The agent's view of the local Docker engine: the few Engine API calls it makes, behind an
 * interface (tests pass a fake for error paths; the testbed runs the real engine). Served by
 * engine-client.ts over node:http, not dockerode: only applying a plan loads that (apply/engine.ts).
 */
import { stat } from 'node:fs/promises';
import { createEngineClient, type EngineTarget } from './engine-client.ts';
import { AgentError } from './errors.ts';

export interface ContainerSummary {
  Id: string;
  Names?: string[];
  /** Unix seconds. */
  Created: number;
  State?: string;
  Image?: string;
  Labels?: Record<string, string>;
}

/** The label on every container Drover manages on a host (and may remove when cleaning it). */
export const MANAGED_LABEL = 'drover.dev/managed';

/** Containers labelled `drover.dev/managed=true`, running or not (`GET /containers/json?all=1&filters=…`). */
export function listManagedContainers(docker: DockerApi): Promise<ContainerSummary[]> {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${MANAGED_LABEL}=true`] }) });
}

/** The Engine API calls the agent needs. */
export interface DockerApi {
  ping(): Promise<unknown>;
  info(): Promise<Record<string, unknown>>;
  listContainers(options: { all: boolean; filters: string }): Promise<ContainerSummary[]>;
  removeContainer(id: string): Promise<void>;
}

/** What registration and every tunnel connect report about the engine (protocol §2 `docker`). */
export interface DockerFacts {
  version: string;
  engineId: string;
  storageDriver: string;
  cgroupDriver: string;
  os: string;
  kernel: string;
  cpus: number;
  memoryBytes: number;
}

/** `unix:///var/run/docker.sock` → a socket path; tcp:// and http:// go over plain HTTP (dockerode takes the same options). */
export function dockerOptions(dockerHost: string): EngineTarget {
  const url = new URL(dockerHost);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  return { host: url.hostname, port: Number(url.port) || 2375, protocol: 'http' };
}

/** A DockerApi over the Engine API on `dockerHost` (errors: EngineApiError, naming the call). */
export function createDocker(dockerHost: string): DockerApi {
  const engine = createEngineClient(dockerOptions(dockerHost));
  return {
    ping: () => engine.request('GET', '/_ping'),
    info: () => engine.request<Record<string, unknown>>('GET', '/info'),
    listContainers: (options) => engine.request<ContainerSummary[]>('GET', '/containers/json', { query: { all: options.all, filters: options.filters } }),
    removeContainer: async (id) => {
      await engine.request('DELETE', `/containers/${encodeURIComponent(id)}`, { query: { force: true } });
    },
  };
}

/**
 * Preflight: the socket exists and the engine answers; then its facts.
 * @throws AgentError DROVER_ERR_AGENT_DOCKER_SOCKET_MISSING, DROVER_ERR_AGENT_DOCKER_UNREACHABLE
 */
export async function checkDocker(docker: DockerApi, dockerHost: string): Promise<DockerFacts> {
  const opts = dockerOptions(dockerHost);
  if ('socketPath' in opts) {
    try {
      await stat(opts.socketPath);
    } catch (err) {
      throw new AgentError(
        'DROVER_ERR_AGENT_DOCKER_SOCKET_MISSING',
        `no Docker socket at ${opts.socketPath}: run the agent with -v /var/run:/var/run (as the node command does), or set DOCKER_HOST`,
        { cause: err, details: { dockerHost } },
      );
    }
  }
  let info: Record<string, unknown>;
  try {
    await docker.ping();
    info = await docker.info();
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new AgentError(
      'DROVER_ERR_AGENT_DOCKER_UNREACHABLE',
      `the Docker engine at ${dockerHost} does not answer${code ? ` (${code})` : ''}: ${(err as Error).message}; is dockerd running?`,
      { cause: err, details: { dockerHost } },
    );
  }
  return dockerFacts(info);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The facts protocol §2 names, from `GET /info`. */
export function dockerFacts(info: Record<string, unknown>): DockerFacts {
  const engineId = str(info.ID);
  if (!engineId) throw new AgentError('DROVER_ERR_AGENT_DOCKER_UNREACHABLE', 'the Docker engine reported no engine ID (GET /info .ID); the agent needs it as the node identity');
  return {
    version: str(info.ServerVersion),
    engineId,
    storageDriver: str(info.Driver),
    cgroupDriver: str(info.CgroupDriver),
    os: str(info.OperatingSystem),
    kernel: str(info.KernelVersion),
    cpus: num(info.NCPU),
    memoryBytes: num(info.MemTotal),
  };
}

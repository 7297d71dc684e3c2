/**
 * The long-running part (protocol §3): one `TunnelClient` to wss://<server><tunnelPath>,
 * authenticated by the node credential only, trusting exactly the pinned CA, through the proxy
 * when one applies, serving the agent's dial policy. It reconnects forever; a refused
 * credential (401/403) is logged with the server's reason and retried at the backoff cap.
 */
import { TunnelClient, type DialPolicy, type ProxySettings, type ServiceHandler, type TunnelError, type TunnelLogger } from '@drover/tunnel';
import type { DockerFacts } from './docker.ts';
import { statusFromBody } from './http.ts';

export interface NodeInfo {
  docker: DockerFacts;
  address: string;
  internalAddress: string;
}

export interface TunnelSetup {
  server: string;
  tunnelPath: string;
  credential: string;
  engineId: string;
  version: string;
  nodeInfo: NodeInfo;
  caPem: string;
  proxy: ProxySettings;
  connectTimeoutMs: number;
  backoff: { baseMs: number; capMs: number };
  dialPolicy: DialPolicy;
  /** In-process services the server may open streams to (the command channel); the dial policy must allow them. */
  services: ReadonlyMap<string, ServiceHandler>;
  log: TunnelLogger & { error(obj: object, msg: string): void };
}

/** `X-Drover-Node-Info`: base64 of the registration body's docker and address fields as JSON. */
export function nodeInfoHeader(info: NodeInfo): string {
  return Buffer.from(JSON.stringify(info), 'utf8').toString('base64');
}

/** The upgrade request's headers (protocol §3). */
export function tunnelHeaders(setup: Pick<TunnelSetup, 'credential' | 'engineId' | 'version' | 'nodeInfo'>): Record<string, string> {
  return {
    authorization: `Bearer ${setup.credential}`,
    'x-drover-engine-id': setup.engineId,
    'x-drover-agent-version': setup.version,
    'x-drover-node-info': nodeInfoHeader(setup.nodeInfo),
  };
}

/** `https://host:port` + `/v1/agent/tunnel` → `wss://host:port/v1/agent/tunnel`. */
export function tunnelUrl(server: string, tunnelPath: string): string {
  const url = new URL(tunnelPath, server);
  url.protocol = 'wss:';
  return url.href;
}

/** Creates (does not start) the client, with logging of connects and refusals. */
export function createTunnelClient(setup: TunnelSetup): TunnelClient {
  const headers = tunnelHeaders(setup);
  const client = new TunnelClient({
    url: tunnelUrl(setup.server, setup.tunnelPath),
    headers: () => headers,
    ca: setup.caPem,
    proxy: setup.proxy,
    connectTimeoutMs: setup.connectTimeoutMs,
    backoff: setup.backoff,
    logger: setup.log,
    session: { dialPolicy: setup.dialPolicy, services: setup.services, logger: setup.log },
  });
  client.on('session', (session) => {
    setup.log.info({ peer: session.peer }, 'tunnel connected');
  });
  client.on('retry', ({ error, delayMs }) => {
    const details = (error as TunnelError | undefined)?.details;
    const status = details?.status;
    if (status === 401 || status === 403) {
      const refusal = statusFromBody(typeof details?.body === 'string' ? details.body : '');
      setup.log.error(
        { status, code: refusal.code, reason: refusal.message || error?.message, delayMs },
        'the server refused this node\'s credential; retrying at the backoff cap. If the node was deleted or its credential revoked on purpose, remove node.json from the config dir and run the node command again to register anew',
      );
    }
  });
  return client;
}

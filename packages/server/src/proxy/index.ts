/**
 * The Kubernetes API proxy (docs/adr/0015): `/k8s/clusters/<cluster>/…` over HTTP (http-route.ts)
 * and upgrades (upgrade-route.ts), a transport of undici pools over tunnel streams
 * (transport.ts), and `clusterApi` for server parts that call an apiserver as Drover itself.
 *
 * ```ts
 * const proxy = createProxy({ store, agents, memberships, clusterCerts, upgrades }, { audit });
 * await proxy.register(app);   // ctx.clusterApi = proxy.clusterApi
 * ```
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '@drover/store';
import type { AgentSessions } from '../agents/sessions.ts';
import type { AuditSink } from '../audit/record.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import type { UpgradeRouter } from '../upgrade/router.ts';
import { createClusterApi } from './cluster-api.ts';
import type { ClusterApi } from './cluster-api.ts';
import { proxyHttpPlugin } from './http-route.ts';
import { createClusterTransport } from './transport.ts';
import type { ApiserverTarget, ClusterTransport } from './transport.ts';
import { proxyUpgradeRoute } from './upgrade-route.ts';

export { createClusterApi } from './cluster-api.ts';
export type { ClusterApi, ClusterApiRequest } from './cluster-api.ts';
export * from './groups.ts';
export { parseRequestInfo } from './request-info.ts';
export type { RequestInfo } from './request-info.ts';
export { APISERVER_SERVER_NAME, TRANSPORT_DEFAULTS } from './transport.ts';
export type { ApiserverTarget, ClusterTransport } from './transport.ts';

/** Options of the proxy (ServerDeps.proxy). */
export interface ProxyOptions {
  /** Receives every write, exec, attach and port-forward through the proxy after its answer. */
  audit?: AuditSink;
  /** Where the apiserver listens on a control-plane host; default tcpTarget('127.0.0.1', 6443). The agent's dial policy must allow it. */
  target?: ApiserverTarget;
  /** Tunnel stream open plus TLS handshake per node (ms, default 2000). */
  dialTimeoutMs?: number;
  /** Failures of the cache watches (they restart by themselves). */
  onError?: (err: unknown) => void;
}

export interface ProxyParts {
  store: Store;
  agents: AgentSessions;
  memberships: Memberships;
  clusterCerts: ClusterClientCerts;
  upgrades: UpgradeRouter;
}

export interface Proxy {
  transport: ClusterTransport;
  clusterApi: ClusterApi;
  /** Registers the HTTP routes (an encapsulated plugin that parses no body) and the upgrade route. */
  register(app: FastifyInstance): Promise<void>;
  /** Starts the watches behind the per-request caches (control-plane nodes, the cluster CA check); without them every request reads the store. */
  start(): Promise<void>;
  /** Stops those watches. */
  close(): void;
}

export function createProxy(parts: ProxyParts, options: ProxyOptions = {}): Proxy {
  const transport = createClusterTransport({
    store: parts.store,
    agents: parts.agents,
    clusterCerts: parts.clusterCerts,
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.dialTimeoutMs === undefined ? {} : { dialTimeoutMs: options.dialTimeoutMs }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  const deps = { memberships: parts.memberships, clusterCerts: parts.clusterCerts, transport, ...(options.audit === undefined ? {} : { audit: options.audit }) };
  return {
    transport,
    clusterApi: createClusterApi({ transport, clusterCerts: parts.clusterCerts }),
    async register(app) {
      await app.register(proxyHttpPlugin(deps));
      parts.upgrades.route(proxyUpgradeRoute(deps));
      app.addHook('onClose', async () => transport.destroy());
    },
    async start() {
      await Promise.all([transport.startCache(), parts.clusterCerts.start()]);
    },
    close() {
      parts.clusterCerts.close();
      transport.stopCache();
    },
  };
}

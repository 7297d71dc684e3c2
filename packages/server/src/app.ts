/**
 * buildServer: the Drover server as an unstarted fastify instance. main.ts wires it (config,
 * logger, store) and calls `listen`; tests call it and use `inject` or `listen({port: 0})`.
 */
import type { Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { ensureServerPki, serverSans } from '@drover/pki';
import type { ServerPki } from '@drover/pki';
import type { Store } from '@drover/store';
import type { ServerConfig } from './config.ts';
import { createAgentEndpoints } from './agents/index.ts';
import { createAuditLog, createAuditRetention } from './audit/index.ts';
import type { AuditLog } from './audit/index.ts';
import type { AgentSessions } from './agents/index.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createMachineSecretHasher, loadMachineSecretKey, MACHINE_SECRET_KEY_FILE } from './auth/machine-secret-hash.ts';
import type { MachineSecretHasher } from './auth/machine-secret-hash.ts';
import { createAuthorizer } from './auth/authorizer.ts';
import type { AuthorizerWithMemberships } from './auth/authorizer.ts';
import { createMemberships } from './auth/memberships.ts';
import { createAuthHook, createRequestAuthenticator } from './auth/request-auth.ts';
import { authRoutes } from './auth/routes.ts';
import { sessionRoutes } from './auth/session-routes.ts';
import { createPasswordLogin } from './auth/password-login.ts';
import { createClusterClientCerts } from './cluster-pki/client-certs.ts';
import type { ClusterClientCerts } from './cluster-pki/client-certs.ts';
import { registerConsole } from './console-static.ts';
import { registerTunnelView } from './agents/tunnel-view.ts';
import { createPlanApplier } from './agents/plan-apply.ts';
import { registerPlanPreview } from './provisioning/plan-preview-route.ts';
import { versionTable } from './provisioning/versions.ts';
import { createControllers, createManager } from './controllers/index.ts';
import { callThrough } from './controllers/cluster-rbac.ts';
import { createEtcdMembers } from './proxy/etcd-members.ts';
import type { ClusterApiCall } from './controllers/cluster-rbac.ts';
import type { Controllers, Manager } from './controllers/index.ts';
import { DroverError } from './errors.ts';
import { statusErrorHandler } from './error-status.ts';
import { createHttpDrain, pluginTimeoutFor } from './http-drain.ts';
import { capConnections, fastifyTimeoutOptions, nodeServerOptions } from './connection-limits.ts';
import { admitTlsHandshakes } from './tls-admission.ts';
import { createMetrics, registerTlsAdmissionMetrics } from './metrics.ts';
import type { ServerMetrics } from './metrics.ts';
import type { NodeAccess } from './registration/node-access.ts';
import { resolveServerUrl } from './registration/server-url.ts';
import { RESOURCES } from './kinds/resources.ts';
import { createProxy } from './proxy/index.ts';
import type { PlanApplier } from './provisioning/plan-applier.ts';
import type { ClusterApi, ProxyOptions } from './proxy/index.ts';
import { registerResourceApi } from './resource-api.ts';
import { loadSecretBox } from './secrets/secret-box.ts';
import type { SecretBox } from './secrets/secret-box.ts';
import { createUpgradeRouter } from './upgrade/router.ts';
import type { UpgradeRouter } from './upgrade/router.ts';
import { DROVER_VERSION } from './version.ts';

export interface ServerDeps {
  store: Store;
  /** Root logger (main.ts: `createLogger`); none logs nothing. */
  logger?: FastifyBaseLogger;
  /** The PKI to serve; default `ensureServerPki(<dataDir>/pki)` with SANs of the listen address and external URL. */
  pki?: ServerPki;
  now?: () => Date;
  /** Run the controllers (default true). */
  controllers?: boolean;
  /** Seals write-only secrets; default: the key in `<dataDir>/secret.key`, created on first start. */
  secretBox?: SecretBox;
  /** Revokes deleted clusters' and nodes' credentials and sessions (default: the agent endpoints'). */
  nodeAccess?: NodeAccess;
  /** Hashes machine secrets; default HMAC under the key in `<dataDir>/machine-secrets.key` (created 0600). */
  machineSecrets?: MachineSecretHasher;
  /** The Kubernetes API proxy's apiserver target (tests: the stand-in's port) and audit sink (default the audit log). */
  proxy?: ProxyOptions;
}

/** What the server exposes to its parts and to main.ts. */
export interface DroverContext {
  config: ServerConfig;
  store: Store;
  pki: ServerPki;
  /** Seals write-only secrets the server reads back later (registry passwords). */
  secretBox: SecretBox;
  /** Drover's client certificate for each cluster's apiserver, from the cluster CA (docs/adr/0014). */
  clusterCerts: ClusterClientCerts;
  /** The CA PEM exactly as served at /cacerts. */
  caPem: string;
  /** Hex SHA-256 of `caPem`. */
  caChecksum: string;
  authorizer: AuthorizerWithMemberships;
  /** Hashes and verifies registration tokens, node credentials and user tokens (docs/adr/0009). */
  machineSecrets: MachineSecretHasher;
  metrics: ServerMetrics;
  controllers: Controllers;
  /**
   * The audit log: hand it every audited request (`audit.record(rec)`; never blocks, never throws).
   * The management API records its writes; the Kubernetes API proxy records writes, exec, attach
   * and port-forward (docs/adr/0016).
   */
  audit: AuditLog;
  /**
   * The server's long-lived parts in start order (memberships, audit, controllers, audit-retention,
   * agents, http): started
   * on fastify's ready, closed in reverse when fastify closes (docs/adr/0010).
   */
  lifecycle: Manager;
  /** The server's one `upgrade` listener: add a WebSocket or SPDY/3.1 path as a route (docs/adr/0013). */
  upgrades: UpgradeRouter;
  /** The live agent sessions; `agents.dialNode(cluster, node, target)` reaches a host behind NAT. */
  agents: AgentSessions;
  /** A cluster's apiserver called as Drover itself (system:masters, no impersonation; docs/adr/0015). */
  clusterApi: ClusterApi;
  /** Applies a node's stored Plan through its agent's command channel (agents/plan-apply.ts, docs/adr/0021); the provision controller uses it. */
  planApplier: PlanApplier;
  /** Resolves when the agent endpoints' queued Node status and Event writes are in the store (they are batched). */
  flushAgentWrites: () => Promise<void>;
  /** The URL agents dial (external URL, or the concrete listen address with the bound port). */
  serverUrl: () => string;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    drover: DroverContext;
  }
}

export async function loadServerPki(config: ServerConfig): Promise<ServerPki> {
  const sans = serverSans({ listen: [config.listen], ...(config.externalUrl === undefined ? {} : { externalUrl: config.externalUrl }) });
  return ensureServerPki(join(config.dataDir, 'pki'), {
    ...sans,
    ...(config.caCertFile === undefined ? {} : { caCertPath: config.caCertFile }),
    ...(config.caKeyFile === undefined ? {} : { caKeyPath: config.caKeyFile }),
  });
}

export async function buildServer(config: ServerConfig, deps: ServerDeps): Promise<FastifyInstance> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const pki = deps.pki ?? (await loadServerPki(config));
  const secretBox = deps.secretBox ?? loadSecretBox(config.dataDir);
  const machineSecrets = deps.machineSecrets ?? createMachineSecretHasher(await loadMachineSecretKey(join(config.dataDir, MACHINE_SECRET_KEY_FILE)));
  const app = Fastify({
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
    // Header, body, idle and keep-alive timeouts (connection-limits.ts); long-lived routes call holdOpen.
    ...(config.tls ? { https: { cert: pki.server.chainPem, key: pki.server.keyPem, ...nodeServerOptions(config) } } : { http: nodeServerOptions(config) }),
    ...fastifyTimeoutOptions(config),
    // Kubernetes object names may be long.
    routerOptions: { maxParamLength: 512 },
    return503OnClosing: true,
    pluginTimeout: pluginTimeoutFor(config.shutdownTimeoutMs),
  }) as unknown as FastifyInstance;

  const metrics = createMetrics();
  const memberships = createMemberships(store, (err) => app.log.warn({ err }, 'membership watch failed'));
  const authorizer = createAuthorizer(store, memberships);
  const serverUrl = (): string => {
    const addr = app.server.address();
    const port = addr !== null && typeof addr === 'object' ? addr.port : undefined;
    return resolveServerUrl({ listen: config.listen, ...(config.externalUrl === undefined ? {} : { externalUrl: config.externalUrl }), ...(port === undefined ? {} : { port }) });
  };
  // cluster-rbac calls clusters through the proxy, created below (the controllers start later, on ready).
  const clusterApi: ClusterApiCall = (cluster, req) => callThrough(proxy.clusterApi)(cluster, req);
  // The provision controller applies plans through the agents' command channels (sessions created below).
  const planApplier = createPlanApplier({ store, secretBox, sessions: { channel: (cluster, node) => agents.sessions.channel(cluster, node) } });
  // The provision controller adds late etcd nodes through a member's tunnel (clusterCerts and sessions created below).
  const etcdMembers = { addMember: (cluster: string, via: string, peerUrl: string) => createEtcdMembers({ agents: agents.sessions, clusterCerts }).addMember(cluster, via, peerUrl) };
  const controllers = createControllers({ store, logger: app.log, secretBox, now, eventTtlMs: config.eventTtlSeconds * 1000, reconciles: metrics.reconciles, clusterApi, planApplier, etcdMembers });
  const agents = createAgentEndpoints(app, {
    store,
    now,
    registry: metrics.registry,
    limits: { pingIntervalMs: config.tunnelPingIntervalMs, deadPeerTimeoutMs: config.tunnelDeadPeerTimeoutMs },
    goAwayGraceMs: config.tunnelGoAwayGraceMs,
    rttWriteIntervalMs: config.nodeRttWriteIntervalMs,
    orphanGraceMs: config.nodeOrphanGraceMs,
    machineSecrets,
  });
  // One authentication for fastify routes and raw upgrades (bearer tokens, then the console's session cookie).
  const sessionOrigins = config.externalUrl === undefined ? [] : [new URL(config.externalUrl).origin];
  const authenticateRequest = createRequestAuthenticator(createAuthenticator({ store, now, machineSecrets }), sessionOrigins);
  const upgrades = createUpgradeRouter({ authenticateRequest, log: app.log.child({ component: 'upgrade' }) });
  const lifecycle = createManager({ name: 'server', logger: app.log, gracefulShutdownMs: config.shutdownTimeoutMs });
  const clusterCerts = createClusterClientCerts({ store, secretBox, now, onError: (err) => app.log.warn({ err }, 'cluster CA watch failed') });
  const audit = createAuditLog({ store, logger: app.log.child({ component: 'audit' }), registry: metrics.registry, maxQueue: config.auditQueueSize });
  // The proxy audits into the audit log unless the caller (a test) hands it another sink.
  const proxy = createProxy({ store, agents: agents.sessions, memberships, clusterCerts, upgrades }, { audit, onError: (err) => app.log.warn({ err }, 'proxy cache watch failed'), ...deps.proxy });
  const ctx: DroverContext = { config, store, pki, secretBox, clusterCerts, caPem: pki.ca.certPem, caChecksum: pki.caChecksum, authorizer, machineSecrets, metrics, controllers, audit, lifecycle, upgrades, agents: agents.sessions, clusterApi: proxy.clusterApi, planApplier, flushAgentWrites: () => agents.flushWrites(), serverUrl, now };
  app.decorate('drover', ctx);
  // Before capConnections: the per-source caps still see every connection first.
  if (config.tls) {
    const admission = admitTlsHandshakes(app.server as unknown as HttpsServer, { maxInFlight: config.tlsMaxHandshakes, maxWaitMs: config.tlsHandshakeQueueMs, handshakeTimeoutMs: config.tlsHandshakeTimeoutMs }, app.log);
    registerTlsAdmissionMetrics(metrics.registry, admission);
  }
  capConnections(app.server, config, app.log);
  app.decorateRequest('user', null as never);

  app.setErrorHandler(statusErrorHandler('drover'));

  app.addHook('onRequest', createAuthHook(authenticateRequest));
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new DroverError('DROVER_ERR_AUTH_RATE_LIMITED', `too many login attempts; retry in ${context.after}`),
  });

  agents.register(upgrades);
  const detachUpgrades = upgrades.attach(app.server);

  /** Served without credentials (auth/request-auth.ts). */
  const PUBLIC = { config: { auth: 'none' as const } };
  // The CA exactly as stored in ca.crt: the bytes agents pin by checksum.
  app.get('/cacerts', PUBLIC, (_req, reply) => reply.type('application/x-pem-file').send(ctx.caPem));
  app.get('/healthz', PUBLIC, (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/livez', PUBLIC, (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/readyz', PUBLIC, async (_req, reply) => {
    try {
      await store.currentResourceVersion();
    } catch (err) {
      return reply.code(503).type('text/plain').send(`store unavailable: ${(err as Error).message}`);
    }
    return reply.type('text/plain').send('ok');
  });
  // No /metrics here: metrics-server.ts serves them on their own (loopback) listener.
  app.get('/v1/version', PUBLIC, (_req, reply) => reply.send({ version: DROVER_VERSION, caChecksum: ctx.caChecksum }));

  // One per-account login backoff for the CLI's and the console's logins.
  const passwords = createPasswordLogin(store);
  await app.register(authRoutes, {
    store,
    passwords,
    caPem: ctx.caPem,
    ...(config.externalUrl === undefined ? {} : { externalUrl: config.externalUrl }),
    loginTokenTtlSeconds: config.loginTokenTtlSeconds,
    kubeconfigTokenTtlSeconds: config.kubeconfigTokenTtlSeconds,
    loginRateLimit: config.loginRateLimit,
    machineSecrets,
    visibleClusters: async (user) => {
      const { items } = await store.list(RESOURCES.clusters);
      const out: string[] = [];
      for (const c of items) if (c.metadata.deletionTimestamp === undefined && (await authorizer.canSee(user, RESOURCES.clusters, c))) out.push(c.metadata.name);
      return out;
    },
    now,
  });

  await registerResourceApi(app, ctx, deps.nodeAccess ?? agents.nodeAccess);
  // /k8s/clusters/<cluster>/…: HTTP routes and the upgrade route (docs/adr/0015).
  await proxy.register(app);

  // The console: sign-in as a session cookie over the Token store, and its files at `/` (docs/adr/0017).
  registerTunnelView(app, agents.sessions);
  registerPlanPreview(app, versionTable());
  await app.register(sessionRoutes, { store, passwords, machineSecrets, ttlSeconds: config.loginTokenTtlSeconds, loginRateLimit: config.loginRateLimit, now });
  await registerConsole(app, config.consoleDir ?? fileURLToPath(new URL('../../console/dist', import.meta.url)));

  // Start order: what others use first. Close runs in reverse: stop taking requests (http), send
  // agents GOAWAY and flush their status writes, stop the controllers, write the queued audit
  // records, then the membership watch.
  lifecycle.add('memberships', {
    start: () => memberships.start(),
    close: () => Promise.resolve(memberships.close()),
    destroy: () => memberships.close(),
  });
  // The proxy's caches (control-plane nodes, cluster CA checksums): read-through until started.
  lifecycle.add('proxy-caches', {
    start: () => proxy.start(),
    close: () => Promise.resolve(proxy.close()),
    destroy: () => proxy.close(),
  });
  // The audit log closes after http and agents: records of requests that drained are still written.
  lifecycle.add('audit', audit);
  if (deps.controllers !== false) {
    lifecycle.add('controllers', controllers);
    lifecycle.add('audit-retention', createAuditRetention({ store, logger: app.log.child({ component: 'audit-retention' }), now, ttlMs: config.auditTtlSeconds * 1000 }));
  }
  lifecycle.add('agents', agents.runnable);
  const http = createHttpDrain(app, config.shutdownTimeoutMs);
  lifecycle.add('http', http);
  app.addHook('onReady', () => lifecycle.start(new AbortController().signal));
  app.addHook('preClose', async () => {
    // A part that fails to close is logged; fastify still closes the server.
    await lifecycle.close().catch((err: unknown) => app.log.error({ err }, 'shutdown of a server part failed'));
  });
  app.addHook('onClose', (_instance, done) => {
    http.dispose();
    detachUpgrades();
    done();
  });
  return app;
}

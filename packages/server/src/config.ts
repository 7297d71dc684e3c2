/**
 * The server's configuration: one TypeBox schema, one defaults table, validated once and frozen.
 * Only `main.ts` reads the environment and argv; it hands them to {@link parseConfig}.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DroverError } from './errors.ts';
import { DROVER_VERSION } from './version.ts';

const HOUR = 3600;
/** libpq-style URL: scheme, then at least a host. */
const DATABASE_URL_PATTERN = '^postgres(ql)?://[^\\s/]+(/\\S*)?$';
const DAY = 24 * HOUR;

export const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({ minLength: 1 }),
    /**
     * The store: unset runs on SQLite in `dataDir`; a `postgres://` (or `postgresql://`) URL runs on
     * that PostgreSQL database, which several server processes may share.
     */
    databaseUrl: Type.Optional(Type.String({ pattern: DATABASE_URL_PATTERN })),
    /** PostgreSQL schema holding Drover's tables (created when missing). */
    databaseSchema: Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$' }),
    /** PostgreSQL connections this process opens at most (its pool), besides the LISTEN one. */
    databasePoolSize: Type.Integer({ minimum: 1, maximum: 500 }),
    /** `host:port`, `[v6]:port` or `:port`. */
    listen: Type.String({ pattern: '^(\\[[0-9a-fA-F:.]+\\]|[^:\\s]*):\\d{1,5}$' }),
    /**
     * Where `GET /metrics` is served, in plain HTTP (`host:port`); empty: nowhere. Never on the
     * main listener. Default loopback: the figures are for a local Prometheus, not the network.
     */
    metricsListen: Type.String({ pattern: '^$|^(\\[[0-9a-fA-F:.]+\\]|[^:\\s]*):\\d{1,5}$' }),
    /** The URL agents and users reach the server at, e.g. `https://drover.example:8443`. */
    externalUrl: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+/?$' })),
    /** Password of the `admin` user created on first start; generated and printed once when absent. */
    adminPassword: Type.Optional(Type.String({ minLength: 8 })),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    /** `json` (one object a line), `pretty` (human-readable) or `auto`: pretty on a terminal, JSON otherwise. */
    logFormat: Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('pretty')]),
    agentImage: Type.String({ minLength: 1 }),
    /** The built web console served at `/` (packages/console's vite output); default: the workspace's packages/console/dist. */
    consoleDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Serve HTTPS with the CA in `<dataDir>/pki` (default) or plain HTTP behind a TLS proxy. */
    tls: Type.Boolean(),
    /** A user-supplied CA certificate and key (PEM files) instead of a generated CA. */
    caCertFile: Type.Optional(Type.String({ minLength: 1 })),
    caKeyFile: Type.Optional(Type.String({ minLength: 1 })),
    loginTokenTtlSeconds: Type.Integer({ minimum: 60 }),
    kubeconfigTokenTtlSeconds: Type.Integer({ minimum: 60 }),
    apiTokenTtlSeconds: Type.Integer({ minimum: 60 }),
    registrationTokenTtlSeconds: Type.Integer({ minimum: 60 }),
    /** Events are deleted this long after they last happened (s); kube-apiserver's --event-ttl. */
    eventTtlSeconds: Type.Integer({ minimum: 1 }),
    /** AuditEvents are deleted this long after the request (s); docs/adr/0016. */
    auditTtlSeconds: Type.Integer({ minimum: 1 }),
    /** Audit records waiting to be written; past it records are dropped (counted, logged), never the request. */
    auditQueueSize: Type.Integer({ minimum: 1 }),
    /** Login attempts per client address per minute. */
    loginRateLimit: Type.Integer({ minimum: 1 }),
    /** How long shutdown waits for requests and watches to drain before destroying them. */
    shutdownTimeoutMs: Type.Integer({ minimum: 0 }),
    /** Agent tunnel: interval between heartbeat pings (ms). */
    tunnelPingIntervalMs: Type.Integer({ minimum: 100 }),
    /** Agent tunnel: a session that hears nothing for this long is dead (ms); must exceed the ping interval. */
    tunnelDeadPeerTimeoutMs: Type.Integer({ minimum: 200 }),
    /** Agent tunnel: how long open streams may finish after GOAWAY on shutdown (ms). */
    tunnelGoAwayGraceMs: Type.Integer({ minimum: 0 }),
    /** Least time between two writes of a Node's heartbeat RTT to the store (ms). */
    nodeRttWriteIntervalMs: Type.Integer({ minimum: 0 }),
    /** After a start, how long Nodes left Connected by the previous run may take to reconnect before they are marked Disconnected (ms). */
    nodeOrphanGraceMs: Type.Integer({ minimum: 0 }),
    // Connection limits (connection-limits.ts); watches and agent tunnels are exempt from the idle timeout by route.
    /** Longest time to receive a request's headers (ms); at most requestTimeoutMs. */
    headersTimeoutMs: Type.Integer({ minimum: 100 }),
    /** Longest time to receive a whole request, body included (ms); never covers the response. */
    requestTimeoutMs: Type.Integer({ minimum: 100 }),
    /** A connection with no traffic either way for this long is closed (ms). */
    idleTimeoutMs: Type.Integer({ minimum: 100 }),
    /** A kept-alive connection with no next request for this long is closed (ms). */
    keepAliveTimeoutMs: Type.Integer({ minimum: 100 }),
    /** Longest TLS handshake (ms). */
    tlsHandshakeTimeoutMs: Type.Integer({ minimum: 100 }),
    /** TLS handshakes in progress at most; more connections wait for a slot (tls-admission.ts). */
    tlsMaxHandshakes: Type.Integer({ minimum: 1 }),
    /** Longest wait for a handshake slot (ms); past it the connection is closed unread. */
    tlsHandshakeQueueMs: Type.Integer({ minimum: 0 }),
    /** Open connections in all; past it new ones are dropped. */
    maxConnections: Type.Integer({ minimum: 1 }),
    /** Open connections from one remote address (a NAT'd site is one address). */
    maxConnectionsPerSource: Type.Integer({ minimum: 1 }),
    /** Open connections from one loopback address (a local TLS proxy, the scale benchmark's agents). */
    maxConnectionsPerLoopbackSource: Type.Integer({ minimum: 1 }),
    /** Least time between two compactions of V8's old generation after it fragments (ms); 0: never (heap-compactor.ts). */
    heapCompactionIntervalMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export type ServerConfig = Readonly<Static<typeof ConfigSchema>>;

/** Every default in one place. */
export const DEFAULTS = {
  dataDir: './data',
  databaseSchema: 'public',
  // node-postgres' default. Each connection is a backend process on the database server; servers
  // sharing a database multiply it (PostgreSQL's own default max_connections is 100).
  databasePoolSize: 10,
  listen: '0.0.0.0:8443',
  metricsListen: '127.0.0.1:9443',
  logLevel: 'info',
  logFormat: 'auto',
  agentImage: `drover/agent:${DROVER_VERSION}`,
  tls: true,
  loginTokenTtlSeconds: 12 * HOUR,
  kubeconfigTokenTtlSeconds: 30 * DAY,
  apiTokenTtlSeconds: 90 * DAY,
  registrationTokenTtlSeconds: DAY,
  loginRateLimit: 10,
  eventTtlSeconds: HOUR, // as kube-apiserver's default --event-ttl
  auditTtlSeconds: 30 * DAY,
  auditQueueSize: 10_000,
  shutdownTimeoutMs: 10_000,
  // 15 s / 45 s (three missed pings), sent to agents in the Hello: they adopt a longer heartbeat
  // than their own (docs/adr/0025). An idle agent costs the server one exchange per interval (issue
  // 15); 45 s notices a silent host before Kubernetes' node grace period (40–50 s) and
  // remotedialer's 60 s read deadline would.
  tunnelPingIntervalMs: 15_000,
  tunnelDeadPeerTimeoutMs: 45_000,
  tunnelGoAwayGraceMs: 5_000, // 5 s
  nodeRttWriteIntervalMs: 30_000, // 30 s
  // 30 s: a node is shown Connected until it has been silent that long,
  // whether its session died or the server restarted. 15 s marked thousands of nodes of a
  // reconnect storm Disconnected just before they came back, and the churn slowed the storm (issue 15).
  nodeOrphanGraceMs: 30_000,
  headersTimeoutMs: 10_000, // 10 s
  requestTimeoutMs: 60_000, // 60 s: a 3 MiB body at ~50 KiB/s
  idleTimeoutMs: 120_000, // 2 min
  keepAliveTimeoutMs: 5_000, // 5 s (Node's default)
  tlsHandshakeTimeoutMs: 10_000, // 10 s
  // 256 handshakes at a time, the rest waiting up to 8 s (an agent gives up on a connect after
  // 10 s): enough to keep the CPU busy over links of a few hundred ms, few enough that each
  // finishes quickly; a connection that waited longer would likely be abandoned mid-handshake.
  tlsMaxHandshakes: 256,
  tlsHandshakeQueueMs: 8_000,
  maxConnections: 25_000, // the scale target: ~19,500 idle agents on one process, plus users
  maxConnectionsPerSource: 1_000, // a NAT'd site of up to ~1,000 hosts
  maxConnectionsPerLoopbackSource: 25_000, // as the global cap: behind a local proxy all clients are one source
  // A compaction pauses the server ~1 s at 19,500 agents and gives back ~150 MB (docs/adr/0038).
  heapCompactionIntervalMs: 10 * 60_000,
} as const satisfies Partial<ServerConfig>;

/** Environment variable → config key, with the help line. */
const ENV: readonly (readonly [string, keyof ServerConfig, string])[] = [
  ['DROVER_DATA_DIR', 'dataDir', 'data directory (0700): SQLite store, pki/, secret.key, machine-secrets.key'],
  ['DROVER_DATABASE_URL', 'databaseUrl', 'run on PostgreSQL: postgres://user:password@host:5432/database (default: SQLite in the data directory); also --database-url URL'],
  ['DROVER_DATABASE_SCHEMA', 'databaseSchema', 'PostgreSQL schema for the tables (servers sharing a database share a schema)'],
  ['DROVER_DATABASE_POOL_SIZE', 'databasePoolSize', 'PostgreSQL connections this server opens at most (1-500), besides one for LISTEN'],
  ['DROVER_LISTEN', 'listen', 'listen address host:port'],
  ['DROVER_METRICS_LISTEN', 'metricsListen', 'plain-HTTP listen address host:port of GET /metrics (never on DROVER_LISTEN); empty: off'],
  ['DROVER_EXTERNAL_URL', 'externalUrl', 'URL agents and users reach the server at (needed for node commands when listening on 0.0.0.0)'],
  ['DROVER_ADMIN_PASSWORD', 'adminPassword', 'admin password, used on first start only (else generated and printed once)'],
  ['DROVER_LOG_LEVEL', 'logLevel', 'fatal|error|warn|info|debug|trace|silent'],
  ['DROVER_LOG_FORMAT', 'logFormat', 'auto|json|pretty (auto: human-readable on a terminal, JSON lines otherwise)'],
  ['DROVER_AGENT_IMAGE', 'agentImage', 'agent image in node commands'],
  ['DROVER_CONSOLE_DIR', 'consoleDir', 'directory of the built web console served at / (default: packages/console/dist)'],
  ['DROVER_TLS', 'tls', 'serve HTTPS with the server CA (false: plain HTTP behind a TLS proxy)'],
  ['DROVER_CA_CERT_FILE', 'caCertFile', 'user-supplied CA certificate (PEM); needs DROVER_CA_KEY_FILE'],
  ['DROVER_CA_KEY_FILE', 'caKeyFile', 'user-supplied CA private key (PEM)'],
  ['DROVER_LOGIN_TOKEN_TTL', 'loginTokenTtlSeconds', 'seconds a login token lives'],
  ['DROVER_KUBECONFIG_TOKEN_TTL', 'kubeconfigTokenTtlSeconds', 'default seconds a kubeconfig token lives'],
  ['DROVER_API_TOKEN_TTL', 'apiTokenTtlSeconds', 'default seconds an API Token lives'],
  ['DROVER_REGISTRATION_TOKEN_TTL', 'registrationTokenTtlSeconds', 'default seconds a registration token lives'],
  ['DROVER_EVENT_TTL', 'eventTtlSeconds', 'seconds an Event is kept after it last happened'],
  ['DROVER_AUDIT_TTL', 'auditTtlSeconds', 'seconds an AuditEvent is kept after its request'],
  ['DROVER_AUDIT_QUEUE_SIZE', 'auditQueueSize', 'audit records waiting to be written; past it they are dropped (counted), never the request'],
  ['DROVER_LOGIN_RATE_LIMIT', 'loginRateLimit', 'login attempts per client per minute'],
  ['DROVER_SHUTDOWN_TIMEOUT_MS', 'shutdownTimeoutMs', 'drain time on shutdown (ms)'],
  ['DROVER_TUNNEL_PING_INTERVAL_MS', 'tunnelPingIntervalMs', 'agent tunnel heartbeat interval (ms); agents take it when longer than their own (10 s)'],
  ['DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS', 'tunnelDeadPeerTimeoutMs', 'agent tunnel: silence after which a session is dead (ms); agents take it when longer than their own (30 s)'],
  ['DROVER_TUNNEL_GOAWAY_GRACE_MS', 'tunnelGoAwayGraceMs', 'agent tunnel: stream drain time after GOAWAY on shutdown (ms)'],
  ['DROVER_NODE_RTT_WRITE_INTERVAL_MS', 'nodeRttWriteIntervalMs', 'least time between writes of a node heartbeat RTT (ms)'],
  ['DROVER_NODE_ORPHAN_GRACE_MS', 'nodeOrphanGraceMs', 'after a start, time for agents left connected by the previous run to reconnect before their Nodes are marked Disconnected (ms)'],
  ['DROVER_HEADERS_TIMEOUT_MS', 'headersTimeoutMs', 'longest time to receive request headers (ms; <= DROVER_REQUEST_TIMEOUT_MS)'],
  ['DROVER_REQUEST_TIMEOUT_MS', 'requestTimeoutMs', 'longest time to receive a whole request, body included (ms)'],
  ['DROVER_IDLE_TIMEOUT_MS', 'idleTimeoutMs', 'close a connection idle this long (ms; watches and agent tunnels exempt)'],
  ['DROVER_KEEPALIVE_TIMEOUT_MS', 'keepAliveTimeoutMs', 'close a kept-alive connection without a next request after (ms)'],
  ['DROVER_TLS_HANDSHAKE_TIMEOUT_MS', 'tlsHandshakeTimeoutMs', 'longest TLS handshake (ms)'],
  ['DROVER_TLS_MAX_HANDSHAKES', 'tlsMaxHandshakes', 'TLS handshakes in progress at most; more connections wait, in arrival order'],
  ['DROVER_TLS_HANDSHAKE_QUEUE_MS', 'tlsHandshakeQueueMs', 'longest wait for a TLS handshake slot (ms); past it the connection is closed'],
  ['DROVER_MAX_CONNECTIONS', 'maxConnections', 'open connections in all'],
  ['DROVER_MAX_CONNECTIONS_PER_SOURCE', 'maxConnectionsPerSource', 'open connections from one remote address'],
  ['DROVER_MAX_CONNECTIONS_PER_LOOPBACK_SOURCE', 'maxConnectionsPerLoopbackSource', 'open connections from one loopback address (local proxy, benchmark)'],
  ['DROVER_HEAP_COMPACTION_INTERVAL_MS', 'heapCompactionIntervalMs', 'least time between two compactions of the JS heap after it fragments, e.g. after a reconnect storm (ms; each pauses the server up to ~1 s); 0: never'],
];

/** Command-line flags → config key (each also has its variable in ENV). */
const FLAGS: Readonly<Record<string, keyof ServerConfig>> = { '--database-url': 'databaseUrl' };

/** Keys whose variable set to the empty string turns the feature off (instead of meaning "default"). */
const EMPTY_MEANS_OFF: Partial<Record<keyof ServerConfig, true>> = { metricsListen: true };

/** The `--help` text. */
export function helpText(): string {
  const lines = [
    'Usage: drover-server [--help] [--database-url URL]',
    '',
    'Starts the Drover server. Configuration comes from the environment (a flag wins over its variable):',
    '',
  ];
  for (const [name, key, what] of ENV) {
    const def = (DEFAULTS as Record<string, string | number | boolean | undefined>)[key];
    lines.push(`  ${name.padEnd(30)} ${what}${def === undefined ? '' : ` (default ${String(def)})`}`);
  }
  return lines.join('\n') + '\n';
}

export type ParsedArgs = { help: true } | { help: false; config: ServerConfig };

/**
 * Validates env + argv once and returns a frozen config (or `{help: true}`).
 * @throws DroverError DROVER_ERR_CONFIG_INVALID naming every bad variable
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): ParsedArgs {
  const flags: Partial<Record<keyof ServerConfig, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    if (key === undefined) throw new DroverError('DROVER_ERR_CONFIG_INVALID', `unknown argument ${flag} (configuration comes from DROVER_* variables; see --help)`);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === '') throw new DroverError('DROVER_ERR_CONFIG_INVALID', `${flag} needs a value`);
    flags[key] = value;
  }
  const raw: Record<string, unknown> = { ...DEFAULTS };
  for (const [name, key] of ENV) {
    const v = flags[key] ?? env[name];
    if (v !== undefined && v !== '') raw[key] = v;
    else if (v === '' && key in EMPTY_MEANS_OFF) raw[key] = '';
  }
  const converted = Value.Convert(ConfigSchema, raw) as Record<string, unknown>;
  const errors = [...Value.Errors(ConfigSchema, converted)];
  if (errors.length > 0) {
    const byKey = new Map(ENV.map(([name, key]) => [`/${key}`, name]));
    // Never echo a database URL: it may carry a password.
    const msgs = errors.map((e) =>
      e.path === '/databaseUrl' ? 'DROVER_DATABASE_URL (--database-url): must be a postgres:// URL such as postgres://user:password@host:5432/drover; leave it unset for SQLite' : `${byKey.get(e.path) ?? e.path}: ${e.message}`,
    );
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', `invalid configuration: ${[...new Set(msgs)].join('; ')}`);
  }
  const config = converted as ServerConfig;
  if ((config.caCertFile === undefined) !== (config.caKeyFile === undefined)) {
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', 'DROVER_CA_CERT_FILE and DROVER_CA_KEY_FILE go together');
  }
  if (config.tunnelDeadPeerTimeoutMs <= config.tunnelPingIntervalMs) {
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', 'invalid configuration: DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS must exceed DROVER_TUNNEL_PING_INTERVAL_MS');
  }
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', 'invalid configuration: DROVER_HEADERS_TIMEOUT_MS must not exceed DROVER_REQUEST_TIMEOUT_MS');
  }
  if (config.metricsListen !== '' && Number(config.metricsListen.slice(config.metricsListen.lastIndexOf(':') + 1)) > 65535) {
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', `invalid configuration: DROVER_METRICS_LISTEN: port out of range in ${config.metricsListen}`);
  }
  if (Number(config.listen.slice(config.listen.lastIndexOf(':') + 1)) > 65535) {
    throw new DroverError('DROVER_ERR_CONFIG_INVALID', `invalid configuration: DROVER_LISTEN: port out of range in ${config.listen}`);
  }
  if (config.externalUrl !== undefined) (config as { externalUrl: string }).externalUrl = config.externalUrl.replace(/\/$/, '');
  return { help: false, config: Object.freeze(config) };
}

/**
 * The agent's configuration: one TypeBox schema and one defaults table. `parseAgentConfig`
 * (config.ts) builds the object from argv and env once, validates it here, and freezes it.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export const ROLES = ['etcd', 'controlplane', 'worker'] as const;
export type NodeRole = (typeof ROLES)[number];
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const Taint = Type.Object({
  key: Type.String({ minLength: 1 }),
  value: Type.Optional(Type.String()),
  effect: Type.Union(TAINT_EFFECTS.map((e) => Type.Literal(e))),
});

export const AgentConfigSchema = Type.Object(
  {
    /** `https://host[:port]`: the server's external URL, no path. */
    server: Type.String({ pattern: '^https://[^/\\s]+$' }),
    /** Registration token; needed only when this engine has no node.json for the server. */
    token: Type.Optional(Type.String({ minLength: 1 })),
    /** Lowercase hex SHA-256 of the bytes served at GET /cacerts. */
    caChecksum: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
    /** Trust the CA served on first contact (no checksum), pin it, warn loudly. */
    insecure: Type.Boolean(),
    roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, uniqueItems: true }),
    /** Default (resolved by the agent): the host name. */
    nodeName: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    /** Default (resolved by the agent): the address of the interface that routes to the server. */
    address: Type.Optional(Type.String({ minLength: 1 })),
    internalAddress: Type.Optional(Type.String({ minLength: 1 })),
    labels: Type.Record(Type.String(), Type.String()),
    taints: Type.Array(Taint),
    /** Extra targets the server may dial on this host, beyond the defaults. */
    allow: Type.Array(Type.Object({ host: Type.String({ minLength: 1 }), port: Type.Integer({ minimum: 1, maximum: 65535 }) })),
    configDir: Type.String({ minLength: 1 }),
    /** `unix:///path` or `tcp://host:port`. */
    dockerHost: Type.String({ pattern: '^(unix|tcp|http)://' }),
    proxy: Type.Object({
      httpsProxy: Type.Optional(Type.String()),
      httpProxy: Type.Optional(Type.String()),
      noProxy: Type.Optional(Type.String()),
    }),
    logLevel: Type.Union(LOG_LEVELS.map((l) => Type.Literal(l))),
    /** TCP + TLS + first answer, for every request and tunnel attempt, ms. */
    connectTimeoutMs: Type.Integer({ minimum: 100 }),
    backoffBaseMs: Type.Integer({ minimum: 1 }),
    /** Largest reconnect delay; refusals (401/403) wait here. */
    backoffCapMs: Type.Integer({ minimum: 1 }),
    /** How often the command channel's WatchStatus polls the engine for changes, ms. */
    statusPollMs: Type.Integer({ minimum: 10 }),
  },
  { additionalProperties: false },
);

export type AgentConfig = Readonly<Static<typeof AgentConfigSchema>>;
export type Taint = Static<typeof Taint>;

/** Every default in one place. */
export const DEFAULTS = {
  insecure: false,
  configDir: '/etc/drover',
  dockerHost: 'unix:///var/run/docker.sock',
  logLevel: 'info',
  connectTimeoutMs: 10_000, // 10 s
  backoffBaseMs: 500, // first reconnect ceiling 0.5 s
  backoffCapMs: 30_000, // 30 s
  statusPollMs: 5_000, // 5 s: a managed container shows in the Node's status within ~5 s
} as const satisfies Partial<AgentConfig>;

/**
 * What the server may dial on this host by default: the local kube-apiserver (6443), kubelet
 * (10250), kube-controller-manager (10257), kube-scheduler (10259), etcd client (2379) and etcd
 * metrics/health (2381). Never a unix socket, so never the Docker socket.
 */
export const DEFAULT_ALLOWED_PORTS: readonly number[] = [6443, 10250, 10257, 10259, 2379, 2381];
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

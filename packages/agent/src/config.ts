/**
 * Builds the agent's configuration from argv and the environment (handed in by main.ts; nothing
 * here reads process state). A flag wins over its DROVER_* variable; repeatable flags given on
 * the command line replace the variable's comma-separated list. Validated once, then frozen.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { Value } from '@sinclair/typebox/value';
import { AgentError } from './errors.ts';
import { AgentConfigSchema, DEFAULTS, ROLES, TAINT_EFFECTS, type AgentConfig, type NodeRole, type Taint } from './config-schema.ts';
import { isDnsSubdomain, isLabelKey, isLabelValue } from '@drover/protocol';

export type Env = Readonly<Record<string, string | undefined>>;

/** Flag → environment variable, type and help line; the `--help` text is rendered from this. */
export const FLAGS = [
  { flag: 'server', env: 'DROVER_SERVER', type: 'string', help: 'server URL, https://host[:port] (required)' },
  { flag: 'token', env: 'DROVER_TOKEN', type: 'string', help: 'registration token (needed until this host is registered)' },
  { flag: 'ca-checksum', env: 'DROVER_CA_CHECKSUM', type: 'string', help: 'sha256 of the CA served at <server>/cacerts (required unless --insecure)' },
  { flag: 'etcd', env: 'DROVER_ETCD', type: 'boolean', help: 'this node runs etcd' },
  { flag: 'controlplane', env: 'DROVER_CONTROLPLANE', type: 'boolean', help: 'this node runs the control plane' },
  { flag: 'worker', env: 'DROVER_WORKER', type: 'boolean', help: 'this node runs workloads' },
  { flag: 'all-roles', env: 'DROVER_ALL_ROLES', type: 'boolean', help: 'etcd, controlplane and worker' },
  { flag: 'node-name', env: 'DROVER_NODE_NAME', type: 'string', help: 'node name (default: the host name)' },
  { flag: 'address', env: 'DROVER_ADDRESS', type: 'string', help: 'public address (default: the address that routes to the server)' },
  { flag: 'internal-address', env: 'DROVER_INTERNAL_ADDRESS', type: 'string', help: 'internal address (default: --address)' },
  { flag: 'label', env: 'DROVER_LABEL', type: 'list', help: 'node label k=v (repeatable; env: comma-separated)' },
  { flag: 'taint', env: 'DROVER_TAINT', type: 'list', help: 'node taint k[=v]:Effect (repeatable; env: comma-separated)' },
  { flag: 'allow', env: 'DROVER_ALLOW', type: 'list', help: 'extra host:port the server may dial on this host (repeatable)' },
  { flag: 'insecure', env: 'DROVER_INSECURE', type: 'boolean', help: 'no --ca-checksum: trust the CA served on first contact and pin it (TOFU)' },
  { flag: 'config-dir', env: 'DROVER_CONFIG_DIR', type: 'string', help: `where ca.crt and node.json live (default: ${DEFAULTS.configDir})` },
  { flag: 'docker-host', env: 'DROVER_DOCKER_HOST', type: 'string', help: `Docker engine (default: $DOCKER_HOST, else ${DEFAULTS.dockerHost})` },
  { flag: 'log-level', env: 'DROVER_LOG_LEVEL', type: 'string', help: `fatal|error|warn|info|debug|trace|silent (default: ${DEFAULTS.logLevel})` },
] as const;

/** The `--help` text: every flag, its variable and its default. */
export function helpText(version: string): string {
  const lines = [
    `drover-agent ${version}: registers this Docker host with a Drover server and keeps a tunnel to it.`,
    '',
    'Usage: drover-agent --server https://drover.example --token <token> --ca-checksum <sha256> --etcd --controlplane --worker',
    '',
  ];
  for (const f of FLAGS) {
    const name = `--${f.flag}${f.type === 'boolean' ? '' : f.flag === 'label' ? ' k=v' : f.flag === 'taint' ? ' k=v:Effect' : ' <value>'}`;
    lines.push(`  ${name.padEnd(28)}${f.env.padEnd(26)}${f.help}`);
  }
  lines.push(`  ${'--help'.padEnd(54)}this text`, '', 'Proxy: HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or lowercase) are honoured for every request and the tunnel.');
  return lines.join('\n');
}

const invalid = (message: string, cause?: unknown): AgentError => new AgentError('DROVER_ERR_AGENT_CONFIG_INVALID', message, { cause });

function checkLabelKey(key: string, what: string): void {
  if (!isLabelKey(key)) throw invalid(`${what} key ${JSON.stringify(key)} is not a valid Kubernetes label key`);
}

function checkLabelValue(value: string, what: string): void {
  if (!isLabelValue(value)) throw invalid(`${what} value ${JSON.stringify(value)} is not a valid Kubernetes label value`);
}

export function parseLabel(raw: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw invalid(`label ${JSON.stringify(raw)} is not k=v`);
  const key = raw.slice(0, eq);
  const value = raw.slice(eq + 1);
  checkLabelKey(key, 'label');
  checkLabelValue(value, 'label');
  return [key, value];
}

export function parseTaint(raw: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(raw);
  if (m === null) throw invalid(`taint ${JSON.stringify(raw)} is not k[=v]:Effect`);
  const [, key = '', value, effect = ''] = m;
  checkLabelKey(key, 'taint');
  if (value) checkLabelValue(value, 'taint');
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) throw invalid(`taint effect ${JSON.stringify(effect)} must be one of ${TAINT_EFFECTS.join(', ')}`);
  return value ? { key, value, effect: effect as Taint['effect'] } : { key, effect: effect as Taint['effect'] };
}

export function parseAllow(raw: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(raw.trim());
  const port = Number(m?.[2]);
  if (m === null || !(port >= 1 && port <= 65535)) throw invalid(`--allow ${JSON.stringify(raw)} is not host:port`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

function checkAddress(value: string, what: string): string {
  if (isIP(value) === 0 && !isDnsSubdomain(value.toLowerCase())) throw invalid(`${what} ${JSON.stringify(value)} is neither an IP address nor a DNS name`);
  return value;
}

function parseBool(value: string, name: string): boolean {
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['', '0', 'false', 'no', 'off'].includes(v)) return false;
  throw invalid(`${name}=${JSON.stringify(value)} is not a boolean (true/false)`);
}

function normalizeServer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (err) {
    throw invalid(`--server ${JSON.stringify(raw)} is not a URL; expected https://host[:port]`, err);
  }
  if (url.protocol !== 'https:') throw invalid(`--server ${JSON.stringify(raw)} must use https:// (the agent always verifies TLS against the pinned CA)`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) throw invalid(`--server ${JSON.stringify(raw)} must be https://host[:port] with no path, query or credentials`);
  return url.origin;
}

type Raw = Record<string, string | boolean | string[] | undefined>;

/** Flag values, falling back to the environment. */
function collect(argv: readonly string[], env: Env): Raw {
  const options = Object.fromEntries(
    FLAGS.map((f) => [f.flag, f.type === 'boolean' ? { type: 'boolean' as const } : f.type === 'list' ? { type: 'string' as const, multiple: true } : { type: 'string' as const }]),
  );
  let values: Raw;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }) as { values: Raw });
  } catch (err) {
    throw invalid(`${(err as Error).message}; see --help`, err);
  }
  const out: Raw = {};
  for (const f of FLAGS) {
    const fromFlag = values[f.flag];
    const fromEnv = f.flag === 'docker-host' ? env[f.env] || env.DOCKER_HOST : env[f.env];
    if (fromFlag !== undefined) out[f.flag] = fromFlag;
    else if (fromEnv !== undefined && fromEnv !== '') {
      out[f.flag] = f.type === 'boolean' ? parseBool(fromEnv, f.env) : f.type === 'list' ? fromEnv.split(',').map((s) => s.trim()).filter(Boolean) : fromEnv;
    }
  }
  return out;
}

/** True when argv asks for --help (checked before validation, so help works without --server). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Parses and validates argv + env into a frozen AgentConfig.
 * @throws AgentError DROVER_ERR_AGENT_CONFIG_INVALID naming the flag and what is wrong
 */
export function parseAgentConfig(argv: readonly string[], env: Env): AgentConfig {
  const raw = collect(argv, env);
  const str = (k: string): string | undefined => (typeof raw[k] === 'string' ? (raw[k]) : undefined);
  const list = (k: string): string[] => (Array.isArray(raw[k]) ? (raw[k]) : []);
  const server = str('server');
  if (server === undefined) throw invalid('--server (DROVER_SERVER) is required: the https:// URL of the Drover server');
  const insecure = raw.insecure === true;
  const checksum = str('ca-checksum')?.trim().toLowerCase();
  if (checksum !== undefined && !/^[0-9a-f]{64}$/.test(checksum)) throw invalid(`--ca-checksum ${JSON.stringify(str('ca-checksum'))} must be 64 hex digits (the sha256 of <server>/cacerts)`);
  if (checksum === undefined && !insecure) throw invalid('--ca-checksum (DROVER_CA_CHECKSUM) is required; or pass --insecure to trust the CA served on first contact');
  if (checksum !== undefined && insecure) throw invalid('--ca-checksum and --insecure contradict each other: pass one');
  const roles: NodeRole[] = raw['all-roles'] === true ? [...ROLES] : ROLES.filter((r) => raw[r] === true);
  if (roles.length === 0) throw invalid('no role: pass --etcd, --controlplane, --worker or --all-roles');
  const nodeName = str('node-name');
  if (nodeName !== undefined && !isDnsSubdomain(nodeName)) throw invalid(`--node-name ${JSON.stringify(nodeName)} must be a lowercase DNS name (a-z, 0-9, '-', '.')`);
  const address = str('address');
  const internalAddress = str('internal-address');
  const logLevel = str('log-level') ?? DEFAULTS.logLevel;
  const config = {
    server: normalizeServer(server),
    ...(str('token') !== undefined ? { token: str('token') } : {}),
    ...(checksum !== undefined ? { caChecksum: checksum } : {}),
    insecure,
    roles,
    ...(nodeName !== undefined ? { nodeName } : {}),
    ...(address !== undefined ? { address: checkAddress(address, '--address') } : {}),
    ...(internalAddress !== undefined ? { internalAddress: checkAddress(internalAddress, '--internal-address') } : {}),
    labels: Object.fromEntries(list('label').map(parseLabel)),
    taints: list('taint').map(parseTaint),
    allow: list('allow').map(parseAllow),
    configDir: str('config-dir') ?? DEFAULTS.configDir,
    dockerHost: str('docker-host') ?? DEFAULTS.dockerHost,
    proxy: {
      httpsProxy: env.HTTPS_PROXY || env.https_proxy || undefined,
      httpProxy: env.HTTP_PROXY || env.http_proxy || undefined,
      noProxy: env.NO_PROXY || env.no_proxy || undefined,
    },
    logLevel,
    connectTimeoutMs: DEFAULTS.connectTimeoutMs,
    backoffBaseMs: DEFAULTS.backoffBaseMs,
    backoffCapMs: DEFAULTS.backoffCapMs,
    statusPollMs: DEFAULTS.statusPollMs,
  };
  return validateAgentConfig(config);
}

/** Checks a complete config object against the schema and freezes it (tests build configs directly). */
export function validateAgentConfig(config: unknown): AgentConfig {
  const clean = JSON.parse(JSON.stringify(config)) as unknown;
  const first = Value.Errors(AgentConfigSchema, clean).First();
  if (first) throw invalid(`configuration ${first.path || '/'}: ${first.message} (got ${JSON.stringify(first.value)})`);
  const c = clean as AgentConfig;
  if (c.backoffCapMs < c.backoffBaseMs) throw invalid('backoffCapMs must be >= backoffBaseMs');
  return deepFreeze(c);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

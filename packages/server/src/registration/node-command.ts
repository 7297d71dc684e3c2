/**
 * The `docker run` command a user pastes on a host to register it with a cluster. Every value
 * that comes from users (labels, taints, names, proxy settings, registry) is validated and
 * shell-quoted, so a pasted command never runs anything else.
 */
import { isIP } from 'node:net';
import { DroverError } from '../errors.ts';
import { shellJoin } from './shell-quote.ts';
import { isDnsSubdomain, isLabelKey, isLabelValue } from '@drover/protocol';

export type NodeRole = 'etcd' | 'controlplane' | 'worker';
export const ALL_ROLES: readonly NodeRole[] = ['etcd', 'controlplane', 'worker'];
const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** What the command is rendered from: the registration token's spec and its cluster's spec. */
export interface NodeCommandInput {
  /** `https://host[:port]` the agent dials. */
  serverUrl: string;
  /** The bearer registration token. */
  token: string;
  /** Hex SHA-256 of the CA PEM served at /cacerts. */
  caChecksum: string;
  /** Agent image without registry, e.g. `drover/agent:0.1.0`. */
  agentImage: string;
  roles?: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** `key=value:Effect`, `key:Effect` or `{key, value?, effect}`. */
  taints?: readonly (string | { key: string; value?: string; effect: string })[];
  /** Public address of the node. */
  address?: string;
  /** Internal (private network) address of the node. */
  internalAddress?: string;
  nodeName?: string;
  proxy?: { httpsProxy?: string; noProxy?: string };
  privateRegistries?: readonly { url: string; default?: boolean }[];
}

export interface NodeCommands {
  nodeCommand: string;
  insecureNodeCommand: string;
}

const invalid = (message: string): DroverError => new DroverError('DROVER_ERR_API_INVALID', message);

function checkLabelKey(key: string, what: string): void {
  if (!isLabelKey(key)) throw invalid(`${what} key ${JSON.stringify(key)} is not a valid Kubernetes label key`);
}

function checkLabelValue(value: string, what: string): void {
  if (!isLabelValue(value)) throw invalid(`${what} value ${JSON.stringify(value)} is not a valid Kubernetes label value`);
}

function taintArg(t: string | { key: string; value?: string; effect: string }): string {
  let key: string;
  let value: string | undefined;
  let effect: string;
  if (typeof t === 'string') {
    const m = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(t);
    if (m === null) throw invalid(`taint ${JSON.stringify(t)} is not key[=value]:Effect`);
    key = m[1] ?? '';
    value = m[2];
    effect = m[3] ?? '';
  } else {
    ({ key, value, effect } = t);
  }
  checkLabelKey(key, 'taint');
  if (value !== undefined && value !== '') checkLabelValue(value, 'taint');
  if (!TAINT_EFFECTS.has(effect)) throw invalid(`taint effect ${JSON.stringify(effect)} must be one of ${[...TAINT_EFFECTS].join(', ')}`);
  return value === undefined || value === '' ? `${key}:${effect}` : `${key}=${value}:${effect}`;
}

function checkAddress(address: string, what: string): void {
  if (isIP(address) === 0 && !isDnsSubdomain(address.toLowerCase())) {
    throw invalid(`${what} ${JSON.stringify(address)} is neither an IP address nor a DNS name`);
  }
}

/** The registry host[:port][/path] of a registry URL (scheme and trailing slash removed). */
export function registryPrefix(url: string): string {
  const prefix = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  if (prefix === '' || /[\s'"`$\\;&|<>]/.test(prefix)) throw invalid(`private registry url ${JSON.stringify(url)} is not a registry address`);
  return prefix;
}

/** The agent image, prefixed with the url of the cluster's default private registry when it has one. */
export function agentImageRef(agentImage: string, registries: NodeCommandInput['privateRegistries']): string {
  const def = registries?.find((r) => r.default === true);
  return def === undefined ? agentImage : `${registryPrefix(def.url)}/${agentImage}`;
}

function roleFlags(roles: readonly string[] | undefined): string[] {
  const list = roles === undefined || roles.length === 0 ? ALL_ROLES : roles;
  for (const r of list) {
    if (!(ALL_ROLES as readonly string[]).includes(r)) throw invalid(`role ${JSON.stringify(r)} must be one of ${ALL_ROLES.join(', ')}`);
  }
  // Always in the canonical order, each once.
  return ALL_ROLES.filter((r) => list.includes(r)).map((r) => `--${r}`);
}

/**
 * Renders the node command and its `--insecure` variant (no CA pinning: trust on first use).
 * @throws DroverError DROVER_ERR_API_INVALID for a bad label, taint, role, address, name or registry
 */
export function renderNodeCommands(input: NodeCommandInput): NodeCommands {
  if (!/^[0-9a-f]{64}$/.test(input.caChecksum)) throw invalid('CA checksum must be 64 hex digits');
  if (!/^https:\/\/[^/\s]+$/.test(input.serverUrl)) throw invalid(`server URL ${JSON.stringify(input.serverUrl)} must be https://host[:port]`);
  const docker = [
    'docker', 'run', '-d', '--privileged', '--restart=unless-stopped', '--net=host', '--label', 'drover.dev/agent=true',
    '-v', '/etc/drover:/etc/drover', '-v', '/etc/kubernetes:/etc/kubernetes', '-v', '/var/run:/var/run',
  ];
  const { httpsProxy, noProxy } = input.proxy ?? {};
  if (httpsProxy !== undefined && httpsProxy !== '') docker.push('-e', `HTTPS_PROXY=${httpsProxy}`);
  if (noProxy !== undefined && noProxy !== '') docker.push('-e', `NO_PROXY=${noProxy}`);
  docker.push(agentImageRef(input.agentImage, input.privateRegistries));

  const tail = roleFlags(input.roles);
  for (const [k, v] of Object.entries(input.labels ?? {})) {
    checkLabelKey(k, 'label');
    checkLabelValue(v, 'label');
    tail.push('--label', `${k}=${v}`);
  }
  for (const t of input.taints ?? []) tail.push('--taint', taintArg(t));
  if (input.address !== undefined && input.address !== '') {
    checkAddress(input.address, 'address');
    tail.push('--address', input.address);
  }
  if (input.internalAddress !== undefined && input.internalAddress !== '') {
    checkAddress(input.internalAddress, 'internal address');
    tail.push('--internal-address', input.internalAddress);
  }
  if (input.nodeName !== undefined && input.nodeName !== '') {
    if (!isDnsSubdomain(input.nodeName)) throw invalid(`node name ${JSON.stringify(input.nodeName)} is not a valid DNS subdomain`);
    tail.push('--node-name', input.nodeName);
  }
  const head = [...docker, '--server', input.serverUrl, '--token', input.token];
  return {
    nodeCommand: shellJoin([...head, '--ca-checksum', input.caChecksum, ...tail]),
    insecureNodeCommand: shellJoin([...head, '--insecure', ...tail]),
  };
}

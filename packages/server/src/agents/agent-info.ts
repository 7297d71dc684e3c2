/**
 * What agents send (docs/agent-protocol.md): the registration body (§2) and the
 * `X-Drover-Node-Info` header of the tunnel upgrade (§3, the body's docker/address fields as
 * base64 JSON), their validation, and their mapping onto the Node.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { NodeRole, Taint } from '../kinds/meta.ts';

const NAME = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
const Str = (max: number) => Type.String({ maxLength: max });

export const DockerInfo = Type.Object({
  engineId: Type.String({ minLength: 1, maxLength: 256 }),
  version: Type.Optional(Str(128)),
  storageDriver: Type.Optional(Str(128)),
  cgroupDriver: Type.Optional(Str(128)),
  os: Type.Optional(Str(256)),
  kernel: Type.Optional(Str(256)),
  cpus: Type.Optional(Type.Integer({ minimum: 0 })),
  memoryBytes: Type.Optional(Type.Integer({ minimum: 0 })),
});

const HostFields = {
  docker: DockerInfo,
  address: Type.Optional(Str(253)),
  internalAddress: Type.Optional(Str(253)),
  hostname: Type.Optional(Str(253)),
};

export const NodeInfo = Type.Object(HostFields);

export const RegistrationBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 1024 }),
  nodeName: Type.String({ minLength: 1, maxLength: 253, pattern: NAME }),
  roles: Type.Optional(Type.Array(NodeRole, { maxItems: 3 })),
  labels: Type.Optional(Type.Record(Type.String({ maxLength: 317 }), Str(63))),
  taints: Type.Optional(Type.Array(Taint, { maxItems: 64 })),
  agentVersion: Type.Optional(Str(64)),
  ...HostFields,
});

export type DockerInfo = Static<typeof DockerInfo>;
export type NodeInfo = Static<typeof NodeInfo>;
export type RegistrationBody = Static<typeof RegistrationBody>;

/** The first few schema errors as one message, or undefined when `body` is valid. */
export function registrationBodyErrors(body: unknown): string | undefined {
  if (Value.Check(RegistrationBody, body)) return undefined;
  const errors = [...Value.Errors(RegistrationBody, body)].slice(0, 5);
  // Never echo the value: the token field may be what is wrong.
  return errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ');
}

/** The node info of an upgrade header, or undefined when absent or malformed. */
export function parseNodeInfoHeader(header: string | string[] | undefined): NodeInfo | undefined {
  if (typeof header !== 'string' || header.length === 0 || header.length > 8192) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
    return Value.Check(NodeInfo, parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `status.docker` of a Node from the engine facts an agent reported (header or command channel). */
export function dockerStatus(d: DockerInfo): Record<string, unknown> {
  const docker: Record<string, unknown> = { engineId: d.engineId };
  if (d.version !== undefined) docker.version = d.version;
  if (d.os !== undefined) docker.os = d.os;
  if (d.kernel !== undefined) docker.kernelVersion = d.kernel;
  if (d.cgroupDriver !== undefined) docker.cgroupDriver = d.cgroupDriver;
  if (d.storageDriver !== undefined) docker.storageDriver = d.storageDriver;
  if (d.cpus !== undefined) docker.cpus = d.cpus;
  if (d.memoryBytes !== undefined) docker.memoryBytes = d.memoryBytes;
  return docker;
}

/** `status.docker` and `status.addresses` (and hostname) of a Node from what the agent reported. */
export function hostStatus(info: NodeInfo): Record<string, unknown> {
  const docker = dockerStatus(info.docker);
  const addresses: { type: string; address: string }[] = [];
  if (info.address) addresses.push({ type: 'ExternalIP', address: info.address });
  if (info.internalAddress) addresses.push({ type: 'InternalIP', address: info.internalAddress });
  if (info.hostname) addresses.push({ type: 'Hostname', address: info.hostname });
  const out: Record<string, unknown> = { docker, addresses };
  if (info.hostname !== undefined) out.hostname = info.hostname;
  return out;
}

/** "host-1 (engine ABCD:…)": how a host is named in messages. */
export function describeHost(hostname: string | undefined, engineId: string | undefined): string {
  const engine = engineId === undefined ? 'unknown engine' : `engine ${engineId}`;
  return hostname === undefined || hostname === '' ? `a host with ${engine}` : `host "${hostname}" (${engine})`;
}

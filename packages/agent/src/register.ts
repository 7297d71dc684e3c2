/**
 * Registration (protocol §2): trade the registration token for a node credential at
 * POST /v1/agent/register. Refusals carry the server's Status message and Drover-Error-Code.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { NodeRole, Taint } from './config-schema.ts';
import type { DockerFacts } from './docker.ts';
import { AgentError } from './errors.ts';
import { parseStatus, type ServerClient } from './http.ts';

export const REGISTER_PATH = '/v1/agent/register';
export const DEFAULT_TUNNEL_PATH = '/v1/agent/tunnel';

export interface RegistrationBody {
  token: string;
  nodeName: string;
  roles: NodeRole[];
  labels: Record<string, string>;
  taints: Taint[];
  address: string;
  internalAddress: string;
  agentVersion: string;
  docker: DockerFacts;
  hostname: string;
}

const RegisteredSchema = Type.Object({
  cluster: Type.String({ minLength: 1 }),
  node: Type.String({ minLength: 1 }),
  credential: Type.String({ minLength: 1 }),
  tunnelPath: Type.Optional(Type.String({ pattern: '^/' })),
});
export type Registered = Static<typeof RegisteredSchema> & { created: boolean };

/**
 * @throws AgentError REGISTRATION_REFUSED (401/403/400), NODE_CONNECTED (409: a live session holds the node),
 *   NODE_CONFLICT (409: another host's name), RATE_LIMITED (429, `details.retryAfterSeconds`), SERVER_PROTOCOL,
 *   SERVER_UNREACHABLE, TLS
 */
export async function register(client: ServerClient, body: RegistrationBody): Promise<Registered> {
  const answer = await client.request('POST', REGISTER_PATH, body);
  if (answer.status === 200 || answer.status === 201) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.text);
    } catch (err) {
      throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', `the server's registration answer is not JSON`, { cause: err });
    }
    if (!Value.Check(RegisteredSchema, parsed)) {
      throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', 'the server\'s registration answer lacks cluster, node or credential');
    }
    return { ...parsed, created: answer.status === 201 };
  }
  const status = parseStatus(answer);
  const details = { status: answer.status, serverCode: status.code, serverMessage: status.message };
  const tail = status.code ? ` [${status.code}]` : '';
  if (answer.status === 401 || answer.status === 403) {
    throw new AgentError('DROVER_ERR_AGENT_REGISTRATION_REFUSED', `the server refused the registration token: ${status.message}${tail}`, { details });
  }
  if (answer.status === 409 && status.code === 'DROVER_ERR_NODE_ALREADY_CONNECTED') {
    throw new AgentError('DROVER_ERR_AGENT_NODE_CONNECTED', `the server refused the registration: ${status.message}${tail}`, { details });
  }
  if (answer.status === 429) {
    const retryAfter = Number(answer.headers['retry-after']);
    throw new AgentError('DROVER_ERR_AGENT_RATE_LIMITED', `the server is limiting registrations with this token: ${status.message}${tail}`, {
      details: { ...details, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined },
    });
  }
  if (answer.status === 409) {
    throw new AgentError('DROVER_ERR_AGENT_NODE_CONFLICT', `the server refused the node name: ${status.message}${tail}. Pass a unique --node-name.`, { details });
  }
  if (answer.status === 400 || answer.status === 422) {
    throw new AgentError('DROVER_ERR_AGENT_REGISTRATION_REFUSED', `the server refused the registration: ${status.message}${tail}`, { details });
  }
  throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', `POST ${REGISTER_PATH} answered HTTP ${answer.status}: ${status.message}${tail}`, { details });
}

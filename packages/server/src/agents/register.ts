/**
 * `POST /v1/agent/register` (docs/agent-protocol.md §2): a registration token buys a node
 * credential. The Node is created (201) or, for the engine it is bound to, updated (200); the
 * previous credential of a re-registering node is revoked and its session closed. Refusals are
 * Status bodies with a `Drover-Error-Code` header; nothing but an Event is written on a refusal.
 *
 * The token's spec limits what the node becomes (token-limits.ts). A node whose agent session is
 * live is never re-registered (409): the engine ID is no secret (`docker info` shows it), so only
 * the live session tells the real host from a copied token; re-registering a disconnected node
 * from its engine is the recovery path of a host that lost /etc/drover, recorded as an Event.
 * Refusals never name another host's engine ID (the Event, for the cluster's users, does).
 *
 * Which refusal records an Event (issue 9, finding 3), always through `recordRefusal`: only about
 * an object that exists, rate-limited per object (events.ts):
 *   unknown token, wrong secret, unknown or deleted cluster   nothing (anyone can send these)
 *   revoked or expired token (right secret)                   on the RegistrationToken; the token's
 *                                                             failure bucket also limits these
 *   beyond the token's limits (403)                           on the RegistrationToken
 *   node name bound to another engine (409)                   on the Node, which exists (it is bound)
 *   node with a live session (409)                            on the Node, which exists (it is connected)
 * The message may quote the requested node name and hostname: only a holder of the token's secret
 * gets this far, and such a holder may register nodes of its choice up to the token's limits.
 */
import type { Store, StoredObject } from '@drover/store';
import { createFailureLimiter } from '../auth/failure-limiter.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseRegistrationToken } from '../auth/bearer.ts';
import { sendStatus } from '../error-status.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { describeHost, hostStatus, registrationBodyErrors } from './agent-info.ts';
import type { RegistrationBody } from './agent-info.ts';
import type { EventRecorder } from './events.ts';
import { prepareCredential, storeCredential } from './node-credentials.ts';
import { withState } from './node-status.ts';
import type { NodeStatusObj } from './node-status.ts';
import type { AgentSessions } from './sessions.ts';
import { checkRegistrationToken } from './token-check.ts';
import { limitedNodeSpec } from './token-limits.ts';

export const REGISTER_PATH = '/v1/agent/register';
export const TUNNEL_PATH = '/v1/agent/tunnel';

export interface RegisterDeps {
  store: Store;
  sessions: AgentSessions;
  events: EventRecorder;
  now: () => Date;
  /** GOAWAY grace for the session of a re-registered node. */
  graceMs: number;
  machineSecrets: MachineSecretHasher;
  /** How long a held session may take to answer the liveness ping (ms). */
  probeMs: number;
}

type BoundStatus = NodeStatusObj & { docker?: { engineId?: string }; hostname?: string };

export function registerRoute(app: FastifyInstance, deps: RegisterDeps): void {
  const failures = createFailureLimiter();
  const errorHandler = (err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      // Never the parser's message: it may quote the body, and the body holds the token.
      const what = err.statusCode === 413 ? 'the body is larger than 64 KiB' : err.statusCode === 415 ? 'the body must be application/json' : 'the body is not valid JSON';
      sendStatus(reply, new DroverError('DROVER_ERR_REGISTRATION_INVALID', `invalid registration request: ${what}`));
      return;
    }
    throw err;
  };
  app.post(REGISTER_PATH, { bodyLimit: 64 * 1024, errorHandler, config: { auth: 'none' } }, async (request, reply): Promise<FastifyReply> => {
    const body = request.body;
    const errors = registrationBodyErrors(body);
    if (errors !== undefined) return sendStatus(reply, new DroverError('DROVER_ERR_REGISTRATION_INVALID', `invalid registration request: ${errors}`));
    const b = body as RegistrationBody;
    const host = describeHost(b.hostname, b.docker.engineId);
    const log = request.log.child({ node: b.nodeName, engineId: b.docker.engineId });
    let cluster: string | undefined;
    /** What the Event says instead of the answer's message (it may name the bound host). */
    let eventDetail: string | undefined;
    const refuse = (err: DroverError, tokenName?: string): DroverError => {
      const c = cluster ?? parseRegistrationToken(b.token)?.cluster;
      if (c !== undefined) {
        void deps.events.recordRefusal({
          cluster: c,
          involvedObject: tokenName === undefined ? { kind: 'Node', name: b.nodeName } : { kind: 'RegistrationToken', name: tokenName },
          reason: 'RegistrationRefused',
          message: `registration of node "${b.nodeName}" from ${host} refused: ${eventDetail ?? err.message}`,
          type: 'Warning',
        });
      }
      return err;
    };
    const conflict = (c: string, bound: BoundStatus): DroverError => {
      eventDetail = `the node name already belongs to ${describeHost(bound.hostname, bound.docker?.engineId)}`;
      return new DroverError(
        'DROVER_ERR_REGISTRATION_NODE_CONFLICT',
        `node name "${b.nodeName}" in cluster "${c}" already belongs to another host; ${host} cannot take it. ` +
          `Give this host another name (--node-name), or delete node/${b.nodeName} -n ${c} first if the old host is gone`,
      );
    };
    try {
      const checked = await checkRegistrationToken({ ...deps, failures }, b.token, refuse);
      cluster = checked.cluster;
      const c = cluster;
      const tokenName = checked.token.metadata.name;
      let spec: Record<string, unknown>;
      try {
        spec = limitedNodeSpec(b, tokenName, checked.token.spec ?? {});
      } catch (err) {
        throw isDroverError(err) ? refuse(err, tokenName) : err;
      }
      // Outside the transaction: the probe waits for a ping's answer.
      const current = await deps.store.tryGet(RESOURCES.nodes, c, b.nodeName);
      const currentStatus = (current?.status ?? {}) as BoundStatus;
      if (currentStatus.docker?.engineId !== undefined && currentStatus.docker.engineId !== b.docker.engineId) throw conflict(c, currentStatus);
      if ((await deps.sessions.probe(c, b.nodeName, deps.probeMs)) === 'live') {
        throw new DroverError(
          'DROVER_ERR_NODE_ALREADY_CONNECTED',
          `node "${b.nodeName}" of cluster "${c}" has a live agent session; it cannot be registered again while connected. ` +
            'If this host lost /etc/drover, the agent replaces its old agent container there and registers again; otherwise stop the agent that holds it (docker ps --filter label=drover.dev/agent=true)',
        );
      }
      const prepared = prepareCredential(c, b.nodeName, deps.machineSecrets);
      const now = deps.now();
      const { created, uid } = await deps.store.transaction(async (tx) => {
        const existing = await tx.tryGet(RESOURCES.nodes, c, b.nodeName);
        const prevStatus = (existing?.status ?? {}) as BoundStatus;
        const boundTo = prevStatus.docker?.engineId;
        if (existing?.metadata.deletionTimestamp !== undefined) {
          throw new DroverError('DROVER_ERR_REGISTRATION_NODE_CONFLICT', `node "${b.nodeName}" of cluster "${c}" is being deleted; retry when it is gone`);
        }
        if (boundTo !== undefined && boundTo !== b.docker.engineId) throw conflict(c, prevStatus);
        const status = withState({ ...prevStatus, ...hostStatus(b) }, 'Registering', 'registered; waiting for the agent tunnel', now);
        delete status.rttMs;
        if (b.agentVersion !== undefined) status.agentVersion = b.agentVersion;
        let stored: StoredObject;
        if (existing === undefined) {
          stored = await tx.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name: b.nodeName, namespace: c, generation: 1 }, spec, status });
        } else {
          const specChanged = JSON.stringify(existing.spec ?? {}) !== JSON.stringify(spec);
          const generation = (existing.metadata.generation ?? 1) + (specChanged ? 1 : 0);
          stored = await tx.update(RESOURCES.nodes, { ...existing, metadata: { ...existing.metadata, generation }, spec, status });
        }
        await storeCredential(tx, { cluster: c, node: b.nodeName, engineId: b.docker.engineId, ...(b.hostname === undefined ? {} : { hostname: b.hostname }), prepared, now, replacedReason: 'the node registered again' });
        return { created: boundTo === undefined, uid: stored.metadata.uid };
      });
      // A session that came up since the probe used the credential just replaced.
      void deps.sessions.closeNode(c, b.nodeName, 'node credential revoked: the node registered again', { graceMs: deps.graceMs, revoked: true });
      const agent = b.agentVersion === undefined ? '' : `, agent ${b.agentVersion}`;
      void deps.events.record(
        created
          ? { cluster: c, involvedObject: { kind: 'Node', name: b.nodeName, uid }, reason: 'Registered', message: `node registered from ${host}${agent}`, type: 'Normal' }
          : {
              cluster: c,
              involvedObject: { kind: 'Node', name: b.nodeName, uid },
              reason: 'ReRegistered',
              message: `node re-registered from ${host} while disconnected${agent}, with registration token "${tokenName}"; its previous credential is revoked`,
              type: 'Warning',
            },
      );
      log.info({ cluster: c, created }, created ? 'node registered' : 'node re-registered');
      return reply.code(created ? 201 : 200).send({ cluster: c, node: b.nodeName, credential: prepared.credential, tunnelPath: TUNNEL_PATH });
    } catch (err) {
      if (!isDroverError(err)) throw err;
      if (err.code === 'DROVER_ERR_REGISTRATION_NODE_CONFLICT' || err.code === 'DROVER_ERR_NODE_ALREADY_CONNECTED') refuse(err);
      log.info({ code: err.code, cluster }, 'registration refused');
      return sendStatus(reply, err);
    }
  });
}

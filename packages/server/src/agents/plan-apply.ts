/**
 * The command channel's implementation of the provisioning seam (provisioning/plan-applier.ts):
 * reads the node's stored Plan, the certificate and key contents its files name (opened from the
 * sealed records in memory only), and the Cluster's registry credentials (unsealed, for the pulls
 * only), and sends one ApplyPlan to the node's agent. Nothing here is logged with a content or a
 * password; the Plan itself never holds either (docs/adr/0021).
 *
 *   const applier = createPlanApplier({ store, secretBox, sessions });
 *   const result = await applier.apply('prod', 'node-1', { prune: true, waitHealthy: true });
 *
 * A failure of the agent's apply becomes DROVER_ERR_PLAN_APPLY_FAILED, a {@link PlanApplyError}
 * whose `failure` names the node, the container and its last log lines (also in the Status
 * details: name = node, causes = container and log lines).
 */
import type { ApplyPlanProps, PlanAppliedProps, PlanContainerSpecProps } from '@drover/protocol';
import type { Store } from '@drover/store';
import { readComponentCertificateFiles } from '../cluster-pki/component-certs.ts';
import { getObject } from '../controllers/object-ops.ts';
import { DroverError } from '../errors.ts';
import type { StatusCause } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import type { NodePlan, PlanContainer } from '../provisioning/plan-types.ts';
import type { ApplyFailureDetail, ApplyOptions, ApplyResult, ContainerHealth, PlanApplier } from '../provisioning/plan-applier.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { AgentCommandError } from './agent-channel.ts';
import type { AgentChannel } from './agent-channel.ts';

/** How long one apply may take by default (pulls over a slow link), ms. */
export const DEFAULT_APPLY_TIMEOUT_MS = 10 * 60_000;
/** The agent's health wait when the caller gives none, ms. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;

export interface PlanApplierDeps {
  store: Store;
  secretBox: SecretBox;
  /** The node's open command channel (AgentSessions.channel); throws DROVER_ERR_NODE_CHANNEL_UNAVAILABLE. */
  sessions: { channel(cluster: string, node: string): AgentChannel };
  /** Bound on one apply, ms. Default {@link DEFAULT_APPLY_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** DROVER_ERR_PLAN_APPLY_FAILED with what failed. */
export class PlanApplyError extends DroverError {
  readonly failure: ApplyFailureDetail;
  constructor(message: string, failure: ApplyFailureDetail, cause?: unknown) {
    const causes: StatusCause[] = [];
    if (failure.container !== undefined) causes.push({ reason: 'Container', field: 'container', message: failure.container });
    for (const line of failure.logTail ?? []) causes.push({ reason: 'LogLine', field: 'logTail', message: line });
    super('DROVER_ERR_PLAN_APPLY_FAILED', message, { details: { name: failure.node, kind: 'Node', causes }, cause });
    this.failure = failure;
  }
}

function containerSpec(c: PlanContainer): PlanContainerSpecProps {
  const h = c.healthCheck;
  return {
    name: c.name, image: c.image, entrypoint: c.entrypoint, args: c.args, env: c.env, binds: c.binds,
    networkMode: c.networkMode, pidMode: c.pidMode, privileged: c.privileged, restartPolicy: c.restartPolicy,
    labels: c.labels, specHash: c.specHash,
    healthCheck: {
      type: h.type,
      ...(h.type === 'http' || h.type === 'https' ? { url: h.url } : {}),
      ...(h.type === 'tcp' ? { address: h.address } : {}),
      ...(h.type === 'unix' ? { path: h.path } : {}),
      ...(h.type === 'https' && h.caFile !== undefined ? { caFile: h.caFile } : {}),
      ...(h.type === 'https' && h.clientCert !== undefined ? { certFile: h.clientCert.certFile, keyFile: h.clientCert.keyFile } : {}),
    },
  };
}

/** Registry credentials of the Cluster (passwords unsealed), for the pulls only. */
async function registryAuths(deps: PlanApplierDeps, cluster: string): Promise<NonNullable<ApplyPlanProps['registryAuths']>> {
  const obj = await getObject(deps.store, RESOURCES.clusters, { namespace: '', name: cluster });
  const regs = ((obj?.spec as { privateRegistries?: { url: string; username?: string; sealedPassword?: string }[] } | undefined)?.privateRegistries) ?? [];
  return regs
    .filter((r) => r.username !== undefined && r.username !== '')
    .map((r) => ({ registry: r.url.split('/')[0]!, username: r.username!, password: r.sealedPassword === undefined ? '' : deps.secretBox.open(r.sealedPassword) }));
}

/** The request for `plan` (or the named containers of it) with the files' contents. */
async function buildRequest(deps: PlanApplierDeps, cluster: string, plan: NodePlan, options: ApplyOptions): Promise<ApplyPlanProps> {
  const wanted = options.containers === undefined ? undefined : new Set(options.containers);
  const containers = wanted === undefined ? plan.containers : plan.containers.filter((c) => wanted.has(c.name));
  if (wanted !== undefined && containers.length !== wanted.size) {
    const missing = [...wanted].filter((n) => !plan.containers.some((c) => c.name === n));
    throw new DroverError('DROVER_ERR_PLAN_INVALID', `the Plan of node "${plan.node}" has no container ${missing.join(', ')}`);
  }
  // Every file of the plan, also for a subset: files are cheap and written only when they differ.
  const stored = await readComponentCertificateFiles(deps.store, deps.secretBox, cluster, plan.files.filter((f) => f.content === undefined).map((f) => f.path));
  const files = plan.files.map((f) => {
    const content = f.content ?? stored.get(f.path);
    if (content === undefined) throw new DroverError('DROVER_ERR_PLAN_INVALID', `no stored content for ${f.path} of the Plan of node "${plan.node}" (its certificate record is missing)`);
    return { path: f.path, mode: Number.parseInt(f.mode, 8), content: Buffer.from(content, 'utf8') };
  });
  const complete = wanted === undefined;
  return {
    planHash: plan.hash,
    containers: containers.map(containerSpec),
    files,
    registryAuths: await registryAuths(deps, cluster),
    prune: complete && options.prune === true,
    waitHealthy: options.waitHealthy === true,
    healthTimeoutMs: options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
    complete,
  };
}

const HEALTH: readonly string[] = ['healthy', 'unhealthy', 'starting', 'unknown'];

function result(reply: PlanAppliedProps, planHash: string): ApplyResult {
  return {
    planHash: reply.planHash || planHash,
    created: reply.created ?? [],
    replaced: reply.replaced ?? [],
    removed: reply.removed ?? [],
    unchanged: reply.unchanged ?? [],
    filesWritten: reply.filesWritten ?? [],
    containers: (reply.containers ?? []).map((c) => ({
      name: c.name ?? '', id: c.id ?? '', image: c.image ?? '', state: c.state ?? '', specHash: c.specHash ?? '',
      health: (HEALTH.includes(c.health ?? '') ? c.health : 'unknown') as ContainerHealth,
      ...(c.healthMessage ? { message: c.healthMessage } : {}),
    })),
  };
}

export function createPlanApplier(deps: PlanApplierDeps): PlanApplier {
  return {
    async apply(cluster, node, options = {}) {
      const obj = await getObject(deps.store, RESOURCES.plans, { namespace: cluster, name: node });
      const plan = obj?.spec as NodePlan | undefined;
      if (plan === undefined) throw new DroverError('DROVER_ERR_PLAN_NOT_FOUND', `node "${node}" of cluster "${cluster}" has no Plan yet`, { details: { name: node, kind: 'Plan' } });
      const request = await buildRequest(deps, cluster, plan, options);
      const channel = deps.sessions.channel(cluster, node);
      try {
        const reply = await channel.applyPlan(request, {
          timeoutMs: deps.timeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        });
        return result(reply, plan.hash);
      } catch (err) {
        if (err instanceof AgentCommandError && err.agentCode === 'FAILURE_APPLY') {
          const failure: ApplyFailureDetail = { node, ...(err.detail?.container ? { container: err.detail.container } : {}), ...(err.detail === undefined ? {} : { logTail: err.detail.logTail }) };
          throw new PlanApplyError(`applying the Plan on node "${node}" failed: ${err.message}`, failure, err);
        }
        throw err;
      }
    },
  };
}

/**
 * ApplyPlan and ContainerLogs on the agent (proto/drover/v1/agent.proto, docs/adr/0021): files
 * first, then each container ensured in order (ensure-container.ts), then the prune, then the
 * health wait. One apply runs at a time per agent (two would race on the host). A failure names
 * the container and carries its last 20 log lines; the plan hash is remembered in the state
 * directory only after a complete plan applied, and reported in every AgentStatus.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecodedAgentRequest, ManagedContainerProps, PlanAppliedProps, PlanContainerSpecProps } from '@drover/protocol';
import { agentChannel } from '@drover/protocol';
import { writeFileAtomic } from '../state-store.ts';
import { CommandFailure, type RequestContext, type RequestHandlers } from '../service-host.ts';
import type { ApplyEngine, ManagedSummary } from './engine.ts';
import { AGENT_LABEL, ensureContainer, ensureImage, SPEC_HASH_LABEL, upToDate, type ContainerSpec } from './ensure-container.ts';
import { writePlanFiles, PlanFileError } from './files.ts';
import { probe, type HealthCheckSpec } from './health.ts';
import type { HealthMonitor } from './health-monitor.ts';

const { FailureCode } = agentChannel;
/** Log lines a failure carries. */
export const LOG_TAIL_LINES = 20;
const APPLIED_FILE = 'applied-plan.json';
/** Default health wait, ms, when the request gives none; pause between two probes, ms. */
const DEFAULT_HEALTH_TIMEOUT_MS = 60_000;
const HEALTH_RETRY_MS = 500;

type ApplyRequest = NonNullable<DecodedAgentRequest['applyPlan']>;

export interface PlanRunnerOptions {
  engine: ApplyEngine;
  /** The agent's state directory (/etc/drover). */
  stateDir: string;
  health: HealthMonitor;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** This agent's own container id, never pruned. */
  ownContainerId?: string | undefined;
  /** Directory plan files are written under instead of / (tests; the agent binds the host's paths 1:1). */
  fileRoot?: string | undefined;
  /** Called when an apply ended (either way), so the status watch reports the host now instead of at its next poll. */
  onApplied?: () => void;
}

function specOf(c: PlanContainerSpecProps): ContainerSpec {
  const h = c.healthCheck;
  const healthCheck: HealthCheckSpec | undefined = h?.type ? {
    type: h.type as HealthCheckSpec['type'],
    ...(h.url ? { url: h.url } : {}), ...(h.address ? { address: h.address } : {}), ...(h.path ? { path: h.path } : {}),
    ...(h.caFile ? { caFile: h.caFile } : {}), ...(h.certFile ? { certFile: h.certFile } : {}), ...(h.keyFile ? { keyFile: h.keyFile } : {}),
  } : undefined;
  return {
    name: c.name ?? '', image: c.image ?? '', entrypoint: c.entrypoint ?? [], args: c.args ?? [], env: c.env ?? [], binds: c.binds ?? [],
    networkMode: c.networkMode ?? '', pidMode: c.pidMode ?? '', privileged: c.privileged === true, restartPolicy: c.restartPolicy ?? '',
    labels: { ...(c.labels ?? {}) }, healthCheck, specHash: c.specHash ?? '',
  };
}

function validate(specs: readonly ContainerSpec[]): void {
  const seen = new Set<string>();
  for (const s of specs) {
    if (!s.name || !s.image || !s.specHash) throw new CommandFailure(FailureCode.FAILURE_INVALID, `container ${JSON.stringify(s.name)} needs a name, an image and a spec hash`);
    if (seen.has(s.name)) throw new CommandFailure(FailureCode.FAILURE_INVALID, `container ${s.name} appears twice`);
    seen.add(s.name);
  }
}

export class PlanRunner {
  readonly #o: PlanRunnerOptions;
  #applied = '';
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PlanRunnerOptions) {
    this.#o = options;
  }

  /** The last complete plan applied ("" when none). */
  get appliedPlanHash(): string {
    return this.#applied;
  }

  /** Reads the remembered plan hash (after a restart). */
  async load(): Promise<void> {
    try {
      const v = JSON.parse(await readFile(join(this.#o.stateDir, APPLIED_FILE), 'utf8')) as { planHash?: unknown };
      if (typeof v.planHash === 'string') this.#applied = v.planHash;
    } catch {
      this.#applied = '';
    }
  }

  /** Applies one request (queued behind a running one). */
  apply(req: ApplyRequest, ctx: Pick<RequestContext, 'signal' | 'emit'>): Promise<PlanAppliedProps> {
    const run = this.#queue.then(() => this.#apply(req, ctx));
    this.#queue = run.catch(() => undefined);
    void run.catch(() => undefined).finally(() => this.#o.onApplied?.());
    return run;
  }

  async #failWithLogs(container: string, id: string | undefined, message: string, cause?: unknown): Promise<never> {
    const logTail = id === undefined ? [] : await this.#o.engine.logTail(id, LOG_TAIL_LINES).catch(() => []);
    this.#o.log.warn({ container, error: message }, 'applying the plan failed');
    throw new CommandFailure(FailureCode.FAILURE_APPLY, `container ${container}: ${message}`, { cause, detail: { container, logTail } });
  }

  async #apply(req: ApplyRequest, ctx: Pick<RequestContext, 'signal' | 'emit'>): Promise<PlanAppliedProps> {
    if (ctx.signal.aborted) throw ctx.signal.reason; // cancelled while it waited for the apply before it
    const specs = (req.containers ?? []).map(specOf);
    validate(specs);
    const { engine, log } = this.#o;
    const progress = (message: string, done: number, total: number): void => ctx.emit({ progress: { message, done, total } });
    let filesWritten: string[];
    try {
      const root = this.#o.fileRoot;
      const paths = (req.files ?? []).map((f) => f.path ?? '');
      const written = await writePlanFiles((req.files ?? []).map((f, i) => ({ path: root === undefined ? paths[i]! : join(root, paths[i]!), mode: f.mode || 0o644, content: f.content ?? new Uint8Array() })));
      filesWritten = root === undefined ? written : written.map((w) => paths.find((p) => join(root, p) === w) ?? w);
    } catch (err) {
      const message = err instanceof PlanFileError ? err.message : String(err);
      throw new CommandFailure(FailureCode.FAILURE_APPLY, message, { cause: err, detail: { container: '', logTail: [] } });
    }
    if (filesWritten.length > 0) log.info({ files: filesWritten }, 'wrote plan files');
    const result = { created: [] as string[], replaced: [] as string[], removed: [] as string[], unchanged: [] as string[] };
    const byName = new Map((await engine.listManaged()).map((c) => [c.name, c]));
    const ids = new Map<string, string>();
    const auths = (req.registryAuths ?? []).map((a) => ({ registry: a.registry ?? '', username: a.username ?? '', password: a.password ?? '' }));
    // Every image a change needs is pulled before any container is touched: an image missing
    // from the registry fails the apply with the host as it was, not half-replaced.
    for (const spec of specs) {
      if (upToDate(spec, byName.get(spec.name))) continue;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      try {
        await ensureImage({ engine, auths, signal: ctx.signal, progress, log }, spec.image);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        await this.#failWithLogs(spec.name, byName.get(spec.name)?.id, `pulling ${spec.image}: ${(err as Error).message}`, err);
      }
    }
    for (const [i, spec] of specs.entries()) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      progress(`ensuring ${spec.name}`, i, specs.length);
      try {
        const { outcome, id } = await ensureContainer({ engine, auths, signal: ctx.signal, progress, log }, spec, byName.get(spec.name));
        ids.set(spec.name, id);
        result[outcome].push(spec.name);
        if (outcome !== 'unchanged') this.#o.health.forget(id);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const current = (await engine.listManaged().catch(() => [])).find((c) => c.name === spec.name);
        await this.#failWithLogs(spec.name, current?.id, (err as Error).message, err);
      }
    }
    if (req.prune === true) result.removed = await this.#prune(new Set(specs.map((s) => s.name)));
    if (req.waitHealthy === true) await this.#waitHealthy(specs, ids, req.healthTimeoutMs || DEFAULT_HEALTH_TIMEOUT_MS, ctx.signal);
    if (req.complete === true && req.planHash) await this.#remember(req.planHash);
    const now = await engine.listManaged();
    const containers = await this.report(now.filter((c) => ids.has(c.name)));
    log.info({ planHash: req.planHash, created: result.created, replaced: result.replaced, removed: result.removed, unchanged: result.unchanged.length }, 'plan applied');
    return { planHash: req.planHash ?? '', ...result, filesWritten, containers };
  }

  async #prune(keep: ReadonlySet<string>): Promise<string[]> {
    const removed: string[] = [];
    for (const c of await this.#o.engine.listManaged()) {
      if (keep.has(c.name) || c.labels[AGENT_LABEL] !== undefined || (this.#o.ownContainerId !== undefined && c.id.startsWith(this.#o.ownContainerId))) continue;
      await this.#o.engine.remove(c.id);
      this.#o.log.info({ container: c.name }, 'removed a managed container the plan does not name');
      removed.push(c.name);
    }
    return removed;
  }

  async #waitHealthy(specs: readonly ContainerSpec[], ids: ReadonlyMap<string, string>, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const spec of specs) {
      const id = ids.get(spec.name);
      if (spec.healthCheck === undefined || id === undefined) continue;
      for (;;) {
        const state = await this.#o.engine.state(id);
        if (state.status === 'exited' || state.status === 'dead') await this.#failWithLogs(spec.name, id, `exited with code ${state.exitCode} before its health check passed`);
        const r = await probe(spec.healthCheck);
        if (r.ok) break;
        if (Date.now() >= deadline) await this.#failWithLogs(spec.name, id, `health check failing after ${timeoutMs} ms: ${r.message}`);
        if (signal.aborted) throw signal.reason;
        await new Promise((resolve) => setTimeout(resolve, HEALTH_RETRY_MS));
      }
    }
  }

  async #remember(planHash: string): Promise<void> {
    await mkdir(this.#o.stateDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.#o.stateDir, APPLIED_FILE), `${JSON.stringify({ planHash })}\n`);
    this.#applied = planHash;
  }

  /** Managed containers as the status reports them (spec hash, health). */
  async report(list: readonly ManagedSummary[]): Promise<ManagedContainerProps[]> {
    const health = await this.#o.health.check(list);
    return list.map((c) => ({
      name: c.name, image: c.image, state: c.state, id: c.id, created: c.created,
      specHash: c.labels[SPEC_HASH_LABEL] ?? '', health: health.get(c.id)?.health ?? 'unknown', healthMessage: health.get(c.id)?.message ?? '',
    })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** ApplyPlan and ContainerLogs handlers for the service host. */
  handlers(): RequestHandlers {
    return {
      applyPlan: async (request, ctx) => ({ planApplied: await this.apply(request.applyPlan!, ctx) }),
      containerLogs: async (request) => {
        const name = request.containerLogs?.name ?? '';
        const tail = Math.min(request.containerLogs?.tail || LOG_TAIL_LINES, 1000);
        const c = (await this.#o.engine.listManaged()).find((m) => m.name === name);
        if (c === undefined) throw new CommandFailure(FailureCode.FAILURE_NOT_FOUND, `no managed container named ${JSON.stringify(name)}`);
        return { containerLogs: { name, lines: await this.#o.engine.logTail(c.id, tail) } };
      },
    };
  }
}

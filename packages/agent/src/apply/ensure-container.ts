/**
 * One plan container brought to its spec: pulled unless its image is present (with the registry's
 * credentials when the image's registry host matches; progress streamed back, throttled), created
 * with exactly the plan's labels plus the health check label, replaced only when its spec-hash
 * label differs, started when stopped, and otherwise left alone. Never adds drover.dev/agent.
 */
import type { ApplyEngine, ContainerCreate, ManagedSummary, RegistryCredentials } from './engine.ts';
import { HEALTH_CHECK_LABEL, type HealthCheckSpec } from './health.ts';

export const SPEC_HASH_LABEL = 'drover.dev/spec-hash';
export const AGENT_LABEL = 'drover.dev/agent';

/** A plan container: what the engine creates, plus how it is checked and its spec hash. */
export interface ContainerSpec extends ContainerCreate {
  healthCheck: HealthCheckSpec | undefined;
  specHash: string;
}

export interface RegistryAuthInput {
  registry: string;
  username: string;
  password: string;
}

export type EnsureOutcome = 'created' | 'replaced' | 'unchanged';

/** The registry host of an image reference ("docker.io" when it names none), as Docker decides it. */
export function registryHost(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** The credentials for `image`'s registry, if the request carries them. */
export function authFor(image: string, auths: readonly RegistryAuthInput[]): RegistryCredentials | undefined {
  const host = registryHost(image);
  const a = auths.find((r) => r.registry.split('/')[0] === host);
  return a === undefined ? undefined : { username: a.username, password: a.password, serveraddress: host };
}

/** The labels a container is created with: the plan's, the spec hash, the health check; never the agent's label. */
export function containerLabels(spec: ContainerSpec): Record<string, string> {
  const labels: Record<string, string> = { ...spec.labels, 'drover.dev/managed': 'true', [SPEC_HASH_LABEL]: spec.specHash };
  delete labels[AGENT_LABEL];
  if (spec.healthCheck !== undefined) labels[HEALTH_CHECK_LABEL] = JSON.stringify(spec.healthCheck);
  return labels;
}

export interface EnsureDeps {
  engine: ApplyEngine;
  auths: readonly RegistryAuthInput[];
  signal: AbortSignal;
  progress: (message: string, done: number, total: number) => void;
  log: { info(obj: object, msg: string): void };
}

/** Pulls `image` unless the engine has it. */
export async function ensureImage(deps: EnsureDeps, image: string): Promise<void> {
  if (await deps.engine.imagePresent(image)) return;
  deps.log.info({ image }, 'pulling image');
  const layers = new Map<string, boolean>();
  let last = 0;
  deps.progress(`pulling ${image}`, 0, 0);
  await deps.engine.pull(image, authFor(image, deps.auths), (e) => {
    if (e.id === undefined) return;
    layers.set(e.id, layers.get(e.id) === true || e.status === 'Pull complete' || e.status === 'Already exists');
    const now = Date.now();
    if (now - last < 250) return; // a pull emits hundreds of events; a few per second are enough
    last = now;
    deps.progress(`pulling ${image}: ${e.status ?? ''}`, [...layers.values()].filter(Boolean).length, layers.size);
  }, deps.signal);
}

/**
 * Brings `spec` about; `existing` is the managed container of that name, if any. Resolves with
 * what was done and the container's id.
 */
/** Whether `existing` already is `spec` (same spec-hash label). */
export const upToDate = (spec: ContainerSpec, existing: ManagedSummary | undefined): boolean => existing?.labels[SPEC_HASH_LABEL] === spec.specHash;

export async function ensureContainer(deps: EnsureDeps, spec: ContainerSpec, existing: ManagedSummary | undefined): Promise<{ outcome: EnsureOutcome; id: string }> {
  if (existing !== undefined && upToDate(spec, existing)) {
    if (existing.state !== 'running' && existing.state !== 'restarting') await deps.engine.start(existing.id);
    return { outcome: 'unchanged', id: existing.id };
  }
  await ensureImage(deps, spec.image);
  if (existing !== undefined) await deps.engine.remove(existing.id);
  const id = await deps.engine.create({
    name: spec.name, image: spec.image, entrypoint: spec.entrypoint, args: spec.args, env: spec.env, binds: spec.binds,
    networkMode: spec.networkMode, pidMode: spec.pidMode, privileged: spec.privileged, restartPolicy: spec.restartPolicy,
    labels: containerLabels(spec),
  });
  await deps.engine.start(id);
  deps.log.info({ container: spec.name, image: spec.image, specHash: spec.specHash, replaced: existing !== undefined }, existing === undefined ? 'created container' : 'replaced container');
  return { outcome: existing === undefined ? 'created' : 'replaced', id };
}

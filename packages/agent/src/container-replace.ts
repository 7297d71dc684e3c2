/**
 * Re-running the node command on a host replaces the older agent container instead of leaving
 * two (both would fight over one node session). Every agent container carries the label
 * `drover.dev/agent=true`; on start an agent removes every labelled container created before
 * itself. Ties break by id, so two agents started at once agree on who stays.
 */
import type { ContainerSummary, DockerApi } from './docker.ts';

export const AGENT_LABEL = 'drover.dev/agent=true';

/**
 * This process's container id, from /proc/self/mountinfo (the /etc/hostname, /etc/hosts and
 * /etc/resolv.conf bind mounts come from `<data-root>/containers/<id>/`, also under --net=host),
 * else /proc/self/cgroup (cgroup v1 or the systemd driver), else undefined.
 */
export function ownContainerId(files: { mountinfo?: string | undefined; cgroup?: string | undefined }): string | undefined {
  for (const line of files.mountinfo?.split('\n') ?? []) {
    const m = /\/containers\/([0-9a-f]{64})\/(hostname|hosts|resolv\.conf)\b/.exec(line);
    if (m) return m[1];
  }
  for (const line of files.cgroup?.split('\n') ?? []) {
    const m = /docker[-/]([0-9a-f]{64})/.exec(line) ?? /\/([0-9a-f]{64})(?:\.scope)?$/.exec(line.trim());
    if (m) return m[1];
  }
  return undefined;
}

const rank = (c: ContainerSummary): [number, string] => [c.Created, c.Id];
function olderThan(a: ContainerSummary, b: ContainerSummary): boolean {
  const [ac, ai] = rank(a);
  const [bc, bi] = rank(b);
  return ac < bc || (ac === bc && ai < bi);
}

/**
 * The agent containers this one replaces: labelled, not itself, created before it. Nothing when
 * this process's own container is unknown or unlabelled (then it is not the one that should stay).
 */
export function selectReplaced(labelled: readonly ContainerSummary[], ownId: string | undefined): ContainerSummary[] {
  if (ownId === undefined) return [];
  const own = labelled.find((c) => c.Id === ownId || c.Id.startsWith(ownId));
  if (own === undefined) return [];
  return labelled.filter((c) => c.Id !== own.Id && olderThan(c, own));
}

export interface ReplaceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Removes the older agent containers on this engine; returns the ids removed. */
export async function replaceOlderAgents(docker: DockerApi, ownId: string | undefined, log: ReplaceLogger): Promise<string[]> {
  const labelled = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [AGENT_LABEL] }) });
  if (ownId === undefined) {
    log.warn({ candidates: labelled.length }, 'cannot tell which container this agent runs in; not replacing older agent containers');
    return [];
  }
  if (!labelled.some((c) => c.Id === ownId || c.Id.startsWith(ownId))) {
    log.info({ ownId }, `this container has no ${AGENT_LABEL} label; leaving other agent containers alone`);
    return [];
  }
  const removed: string[] = [];
  for (const c of selectReplaced(labelled, ownId)) {
    await docker.removeContainer(c.Id);
    log.info({ container: c.Id.slice(0, 12), name: c.Names?.[0], state: c.State }, 'removed the older agent container this one replaces');
    removed.push(c.Id);
  }
  return removed;
}

/** Test doubles for the agent: a fake Docker engine and an in-memory log sink. */
import { Writable } from 'node:stream';
import type { ContainerSummary, DockerApi } from '../docker.ts';
import { createLogger, type Logger } from '../logger.ts';

export const ENGINE_ID = 'ABCD:EFGH:IJKL:MNOP:QRST:UVWX:YZ01:2345:6789:ABCD:EFGH:IJKL';

export function fakeDocker(overrides: Partial<{ engineId: string; containers: ContainerSummary[]; ping: () => Promise<unknown> }> = {}): DockerApi & { removed: string[]; containers: ContainerSummary[] } {
  const containers = overrides.containers ?? [];
  const removed: string[] = [];
  return {
    containers,
    removed,
    ping: overrides.ping ?? (() => Promise.resolve('OK')),
    info: () => Promise.resolve({
      ID: overrides.engineId ?? ENGINE_ID, ServerVersion: '28.2.2', Driver: 'overlay2', CgroupDriver: 'systemd',
      OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', KernelVersion: '6.1.0', NCPU: 2, MemTotal: 25_000_000_000,
    }),
    // Honours the label filters (`key` or `key=value`, all must match), as the Engine API does.
    listContainers: ({ filters }) => {
      const labels = (JSON.parse(filters) as { label?: string[] }).label ?? [];
      return Promise.resolve(containers.filter((c) => labels.every((l) => {
        const [key, value] = l.split('=', 2) as [string, string | undefined];
        return c.Labels?.[key] !== undefined && (value === undefined || c.Labels[key] === value);
      })));
    },
    removeContainer: (id) => {
      removed.push(id);
      const at = containers.findIndex((c) => c.Id === id);
      if (at >= 0) containers.splice(at, 1); // gone from later lists, as with a real engine
      return Promise.resolve();
    },
  };
}

/** A real pino logger writing into memory; `text()` is everything logged so far. */
export function memoryLogger(level = 'debug'): { log: Logger; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ level, version: 'test' }, sink);
  return {
    log,
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

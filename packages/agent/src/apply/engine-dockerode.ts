/**
 * ApplyEngine over dockerode: pull (with progress), create, start, remove, inspect, logs. Loaded
 * only through engine.ts's createApplyEngine, on the first apply call, never at the agent's start.
 */
import Docker from 'dockerode';
import { dockerOptions, MANAGED_LABEL } from '../docker.ts';
import { demuxLog, type ApplyEngine } from './engine.ts';

const statusCode = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;

export function createDockerodeEngine(dockerHost: string): ApplyEngine {
  const docker = new Docker(dockerOptions(dockerHost));
  return {
    async imagePresent(ref) {
      try {
        await docker.getImage(ref).inspect();
        return true;
      } catch (err) {
        if (statusCode(err) === 404) return false;
        throw err;
      }
    },
    async pull(ref, auth, onEvent, signal) {
      const stream = (await docker.pull(ref, auth === undefined ? {} : { authconfig: auth })) as NodeJS.ReadableStream & { destroy(err?: Error): void };
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => stream.destroy(new Error(`pull of ${ref} aborted`));
        signal.addEventListener('abort', onAbort, { once: true });
        docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
          signal.removeEventListener('abort', onAbort);
          const failed = events?.find((e) => e.error !== undefined);
          if (err) reject(err);
          else if (failed) reject(new Error(failed.error));
          else resolve();
        }, onEvent);
      });
    },
    async listManaged() {
      const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${MANAGED_LABEL}=true`] }) });
      return list.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), image: c.Image, state: c.State, created: c.Created, labels: c.Labels ?? {} }));
    },
    async create(s) {
      const c = await docker.createContainer({
        name: s.name,
        Image: s.image,
        ...(s.entrypoint.length > 0 ? { Entrypoint: s.entrypoint } : {}),
        Cmd: s.args,
        Env: s.env,
        Labels: s.labels,
        HostConfig: {
          Binds: s.binds,
          NetworkMode: s.networkMode || 'default',
          ...(s.pidMode ? { PidMode: s.pidMode } : {}),
          Privileged: s.privileged,
          RestartPolicy: { Name: s.restartPolicy || 'no' },
        },
      });
      return c.id;
    },
    async start(id) {
      try {
        await docker.getContainer(id).start();
      } catch (err) {
        if (statusCode(err) !== 304) throw err; // already started
      }
    },
    async remove(id) {
      try {
        await docker.getContainer(id).remove({ force: true });
      } catch (err) {
        if (statusCode(err) !== 404) throw err;
      }
    },
    async state(id) {
      const i = await docker.getContainer(id).inspect();
      return { status: i.State.Status, exitCode: i.State.ExitCode };
    },
    async logTail(id, lines) {
      const buf = await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false });
      return demuxLog(Buffer.from(buf)).split('\n').filter((l) => l !== '').slice(-lines);
    },
  };
}

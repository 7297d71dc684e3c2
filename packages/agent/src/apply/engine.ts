/**
 * The Engine API calls applying a plan needs (pull, create, start, remove, inspect, logs), over
 * dockerode. Kept apart from docker.ts (the narrow status/registration interface) so the status
 * path stays trivially fakeable while the apply path is tested against the real engine only.
 */
import Docker from 'dockerode';
import { dockerOptions, MANAGED_LABEL } from '../docker.ts';

export interface RegistryCredentials {
  username: string;
  password: string;
  serveraddress: string;
}

export interface ContainerCreate {
  name: string;
  image: string;
  entrypoint: string[];
  args: string[];
  env: string[];
  binds: string[];
  networkMode: string;
  pidMode: string;
  privileged: boolean;
  restartPolicy: string;
  labels: Record<string, string>;
}

export interface ManagedSummary {
  id: string;
  name: string;
  image: string;
  state: string;
  created: number;
  labels: Record<string, string>;
}

export interface ApplyEngine {
  imagePresent(ref: string): Promise<boolean>;
  /** Pulls `ref`; `onEvent` gets the engine's progress events; the pull stops when `signal` aborts. */
  pull(ref: string, auth: RegistryCredentials | undefined, onEvent: (e: { id?: string; status?: string }) => void, signal: AbortSignal): Promise<void>;
  listManaged(): Promise<ManagedSummary[]>;
  /** Creates the container; resolves with its id. */
  create(spec: ContainerCreate): Promise<string>;
  start(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  state(id: string): Promise<{ status: string; exitCode: number }>;
  /** The last `lines` lines of its log (stdout and stderr). */
  logTail(id: string, lines: number): Promise<string[]>;
}

/** Splits Docker's multiplexed log stream (8-byte frame headers) into its payload; a TTY log has none. */
export function demuxLog(buf: Buffer): string {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buf.length && (buf[at] === 1 || buf[at] === 2 || buf[at] === 0) && buf[at + 1] === 0 && buf[at + 2] === 0 && buf[at + 3] === 0) {
    const size = buf.readUInt32BE(at + 4);
    out.push(buf.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  if (at === 0) return buf.toString('utf8');
  return Buffer.concat(out).toString('utf8');
}

const statusCode = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;

export function createApplyEngine(dockerHost: string): ApplyEngine {
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

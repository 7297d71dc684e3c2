/**
 * The Engine API calls applying a plan needs (pull, create, start, remove, inspect, logs). Kept
 * apart from docker.ts (the narrow status/registration interface) so the status path stays
 * trivially fakeable while the apply path is tested against the real engine only.
 *
 * The calls are dockerode's (engine-dockerode.ts), loaded by `await import()` on the first call,
 * i.e. when the first ApplyPlan or ContainerLogs request runs: an agent that never applies a plan
 * never loads dockerode (ssh2, grpc-js, protobufjs, tar: ~29 MiB of RSS at import, issue 15).
 */

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

/** An ApplyEngine on `dockerHost` that loads dockerode on its first call (see above). */
export function createApplyEngine(dockerHost: string): ApplyEngine {
  let loaded: Promise<ApplyEngine> | undefined;
  const engine = (): Promise<ApplyEngine> => {
    loaded ??= import('./engine-dockerode.ts').then((m) => m.createDockerodeEngine(dockerHost));
    return loaded;
  };
  return {
    imagePresent: async (ref) => (await engine()).imagePresent(ref),
    pull: async (ref, auth, onEvent, signal) => (await engine()).pull(ref, auth, onEvent, signal),
    listManaged: async () => (await engine()).listManaged(),
    create: async (spec) => (await engine()).create(spec),
    start: async (id) => (await engine()).start(id),
    remove: async (id) => (await engine()).remove(id),
    state: async (id) => (await engine()).state(id),
    logTail: async (id, lines) => (await engine()).logTail(id, lines),
  };
}

/**
 * A tiny request/response protocol over the Node IPC channel between the
 * benchmark's orchestrator and its child processes (target, tunnel server,
 * agent, load generator). Each child sends `{ hello: true }` once it listens,
 * then answers `{ rpc, method, params }` with `{ rpc, ok, result | error }`.
 */
import { fork, type ChildProcess } from 'node:child_process';

interface RpcRequest {
  rpc: number;
  method: string;
  params: unknown;
}

interface RpcResponse {
  rpc: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The orchestrator's handle on one child process. */
export class Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly #calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  #next = 1;
  #exited = false;
  readonly #hello: Promise<void>;

  constructor(name: string, modulePath: string, execArgv: string[] = []) {
    this.name = name;
    this.proc = fork(modulePath, [], {
      execArgv: ['--disable-warning=ExperimentalWarning', ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#hello = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: no hello within 20 s`)), 20_000);
      this.proc.on('message', (msg: unknown) => {
        if (isObject(msg) && msg.hello === true) {
          clearTimeout(timer);
          resolve();
          return;
        }
        if (!isObject(msg) || typeof msg.rpc !== 'number') return;
        const res = msg as unknown as RpcResponse;
        const call = this.#calls.get(res.rpc);
        if (!call) return;
        this.#calls.delete(res.rpc);
        clearTimeout(call.timer);
        if (res.ok) call.resolve(res.result);
        else call.reject(new Error(`${name}: ${res.error ?? 'failed'}`));
      });
      this.proc.once('exit', (code, signal) => {
        this.#exited = true;
        clearTimeout(timer);
        const err = new Error(`${name} exited (code ${code}, signal ${signal})`);
        reject(err);
        for (const call of this.#calls.values()) {
          clearTimeout(call.timer);
          call.reject(err);
        }
        this.#calls.clear();
      });
    });
    this.#hello.catch(() => undefined);
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  get exited(): boolean {
    return this.#exited;
  }

  ready(): Promise<void> {
    return this.#hello;
  }

  /** Calls `method` in the child; rejects after `timeoutMs`. */
  call<T>(method: string, params: unknown = {}, timeoutMs = 30_000): Promise<T> {
    if (this.#exited) return Promise.reject(new Error(`${this.name} has exited`));
    const rpc = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#calls.delete(rpc);
        reject(new Error(`${this.name}.${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#calls.set(rpc, { resolve, reject, timer });
      const req: RpcRequest = { rpc, method, params };
      this.proc.send(req);
    });
  }

  /** Asks the child to exit (so --cpu-prof writes its profile); kills it if it does not within `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.call('exit', {}, graceMs).catch(() => undefined);
    const timer = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.#exited) this.proc.kill('SIGKILL');
  }
}

export type Handlers = Record<string, (params: never) => unknown>;

/**
 * Serves RPC calls in a child process. The child exits when its parent goes
 * away (the IPC channel closes), so no process outlives the benchmark.
 */
export function serve(handlers: Handlers): void {
  if (!process.send) throw new Error('this module runs as a child of scripts/bench.d/tunnel.ts');
  const send = (msg: unknown) => {
    if (process.connected) process.send?.(msg);
  };
  process.on('message', (msg: unknown) => {
    if (!isObject(msg) || typeof msg.rpc !== 'number' || typeof msg.method !== 'string') return;
    const { rpc, method, params } = msg as unknown as RpcRequest;
    if (method === 'exit') {
      send({ rpc, ok: true, result: null });
      setImmediate(() => process.exit(0));
      return;
    }
    const handler = handlers[method] as ((p: unknown) => unknown) | undefined;
    if (!handler) {
      send({ rpc, ok: false, error: `unknown method ${method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(params))
      .then(
        (result) => send({ rpc, ok: true, result: result ?? null }),
        (err: unknown) => send({ rpc, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  send({ hello: true });
}

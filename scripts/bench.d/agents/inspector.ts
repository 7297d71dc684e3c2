/**
 * The server process seen through its inspector (the bench starts it with
 * `--inspect=127.0.0.1:PORT`; nothing in the product changes). The Debugger domain is never
 * enabled, so no code is deoptimized.
 *
 * - `collectGarbage`: a full garbage collection asked for from outside. The memory figures of
 *   `../shared/reference/perf.md` §1e (5.5 KB per bare ws connection) were taken after a forced
 *   GC; the bench's own `bytes_per_agent` is read 3 s after the connect storm, with whatever
 *   garbage V8 has not collected yet. This gives the comparable figure. `HeapProfiler.collectGarbage`
 *   is V8's low-memory notification: full collections until nothing more is freed. It is asked
 *   for twice, 200 ms apart: the server's heap compactor (ADR 0038) looks at the old generation
 *   after a major GC and, when it finds it fragmented, has the next one compact it. The second
 *   request stands for the next major GC a running server would reach on its own.
 * - `cpuProfile`: a V8 CPU profile of a window (the idle one), for `DROVER_BENCH_IDLE_PROFILE`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';

/** The inspector's WebSocket URL of the process listening on `port` (its /json/list). */
async function debuggerUrl(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/json/list`);
  const targets = (await res.json()) as { webSocketDebuggerUrl?: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error(`no inspector target on 127.0.0.1:${port}`);
  return url;
}

/** One inspector session: `call` sends a method and resolves with its result. */
class InspectorSession {
  readonly #ws: WebSocket;
  #next = 1;
  readonly #waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      const w = msg.id === undefined ? undefined : this.#waiting.get(msg.id);
      if (w === undefined) return;
      this.#waiting.delete(msg.id!);
      if (msg.error === undefined) w.resolve(msg.result);
      else w.reject(new Error(msg.error.message));
    });
    ws.on('close', () => {
      for (const w of this.#waiting.values()) w.reject(new Error('the inspector connection closed'));
      this.#waiting.clear();
    });
  }

  static async open(port: number): Promise<InspectorSession> {
    const ws = new WebSocket(await debuggerUrl(port), { perMessageDeflate: false, maxPayload: 1024 * 2 ** 20 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new InspectorSession(ws);
  }

  call<T>(method: string, params: object = {}, timeoutMs = 60_000): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => (this.#waiting.delete(id), reject(new Error(`the inspector did not answer ${method} within ${timeoutMs / 1000} s`))), timeoutMs);
      const done = (f: () => void) => (clearTimeout(timer), f());
      this.#waiting.set(id, { resolve: (v) => done(() => resolve(v as T)), reject: (e) => done(() => reject(e)) });
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.#ws.close();
  }
}

/** Forces a full GC in the process whose inspector listens on `port`, twice (see above), then waits `settleMs`. */
export async function collectGarbage(port: number, settleMs = 1000): Promise<void> {
  const s = await InspectorSession.open(port);
  try {
    await s.call('HeapProfiler.collectGarbage');
    await sleep(200);
    await s.call('HeapProfiler.collectGarbage');
  } finally {
    s.close();
  }
  await sleep(settleMs);
}

/** Starts V8's CPU profiler (`intervalUs` sampling); `stop()` ends it and returns the profile. */
export async function startCpuProfile(port: number, intervalUs = 500): Promise<{ stop(): Promise<object> }> {
  const s = await InspectorSession.open(port);
  await s.call('Profiler.enable');
  await s.call('Profiler.setSamplingInterval', { interval: intervalUs });
  await s.call('Profiler.start');
  return {
    async stop() {
      try {
        return (await s.call<{ profile: object }>('Profiler.stop', {}, 120_000)).profile;
      } finally {
        s.close();
      }
    },
  };
}

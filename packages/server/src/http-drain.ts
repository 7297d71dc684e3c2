/**
 * The HTTP server as a Runnable of the server's manager. Fastify owns listening (after ready) and
 * the final `server.close()` (after every preClose hook); this part bounds the drain between:
 * close() stops listening, arms the grace timer that cuts connections still busy after
 * `timeoutMs` and keeps closing keep-alive sockets as they turn idle; destroy() cuts every
 * connection now.
 */
import type { FastifyInstance } from 'fastify';
import type { Runnable } from './controllers/manager.ts';

export interface HttpDrain extends Runnable {
  /** Clears the timers (fastify onClose, once the server has closed). */
  dispose(): void;
}

/**
 * fastify's `pluginTimeout` for a server whose drain is bounded by `shutdownTimeoutMs`. fastify
 * bounds every preClose hook by it (10 s by default) and then fails close(): with 10,000 agents
 * the lifecycle's drain used its whole 10 s grace, fastify cut the hook at the same moment, and
 * the server exited 1 (issue 15). The lifecycle bounds its own drain, so this leaves it room.
 */
export function pluginTimeoutFor(shutdownTimeoutMs: number): number {
  return Math.max(10_000, shutdownTimeoutMs + 3_000);
}

/** How often idle keep-alive sockets are closed while draining (ms). */
const REAP_INTERVAL_MS = 50;

export function createHttpDrain(app: FastifyInstance, timeoutMs: number): HttpDrain {
  let timer: NodeJS.Timeout | undefined;
  let reaper: NodeJS.Timeout | undefined;
  return {
    start: () => Promise.resolve(),
    close() {
      if (timer !== undefined) return Promise.resolve();
      app.log.info('shutting down: draining requests and watches');
      // Stop listening now, not after every preClose hook: agents told GOAWAY reconnect at once,
      // and 10,000 of them refused one by one by the upgrade route kept the draining server
      // busy (11,410 refusals in a planned restart, issue 15); the kernel refuses them for free.
      // fastify's own server.close() later still waits for the open connections.
      app.server.close();
      timer = setTimeout(() => {
        app.log.warn({ timeoutMs }, 'shutdown grace period over: closing remaining connections');
        app.server.closeAllConnections();
      }, timeoutMs);
      timer.unref();
      // server.close() closes the keep-alive sockets idle at that moment; a socket whose request
      // (a watch, a slow write) ends later would otherwise hold shutdown for the keep-alive timeout.
      reaper = setInterval(() => app.server.closeIdleConnections(), REAP_INTERVAL_MS);
      reaper.unref();
      return Promise.resolve();
    },
    destroy() {
      app.server.closeAllConnections();
    },
    dispose() {
      clearTimeout(timer);
      clearInterval(reaper);
    },
  };
}

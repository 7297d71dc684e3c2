/**
 * The HTTP server as a Runnable of the server's manager. Fastify owns listening (after ready) and
 * the final `server.close()` (after every preClose hook); this part bounds the drain between:
 * close() arms the grace timer that cuts connections still busy after `timeoutMs` and keeps
 * closing keep-alive sockets as they turn idle; destroy() cuts every connection now.
 */
import type { FastifyInstance } from 'fastify';
import type { Runnable } from './controllers/manager.ts';

export interface HttpDrain extends Runnable {
  /** Clears the timers (fastify onClose, once the server has closed). */
  dispose(): void;
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

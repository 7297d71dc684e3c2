/**
 * The metrics listener: `GET /metrics` in plain HTTP on its own address (DROVER_METRICS_LISTEN,
 * default 127.0.0.1:9443), never on the main listener — the figures (login 401/429 counts,
 * process memory and CPU) are for the operator's Prometheus, not for the network (issue 9,
 * finding 9). Plain HTTP on loopback is the Prometheus norm; exposing it wider is the
 * operator's explicit choice.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenHost } from '@drover/pki';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Runnable } from './controllers/manager.ts';

export interface MetricsServer {
  /** `http://host:port` as bound (port 0 resolved). */
  url: string;
  close(): Promise<void>;
}

/** Host and port of a `host:port`, `[v6]:port` or `:port` address (no host: loopback). */
function splitListen(listen: string): { host: string; port: number } {
  const host = listenHost(listen) || '127.0.0.1';
  return { host: host === '*' ? '0.0.0.0' : host, port: Number(listen.slice(listen.lastIndexOf(':') + 1)) };
}

/**
 * Starts the metrics listener on `listen`; rejects when it cannot bind (EADDRINUSE: set
 * DROVER_METRICS_LISTEN to another address, or empty to run without).
 */
export async function startMetricsServer(listen: string, registry: Registry): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  // Scrapes are short: no slow client holds this listener either.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.setTimeout(30_000);
  const { host, port } = splitListen(listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The metrics listener as a runnable of main.ts's manager; logs the bound URL once listening. */
export function metricsListener(listen: string, registry: Registry, logger: FastifyBaseLogger): Runnable {
  let running: MetricsServer | undefined;
  return {
    async start() {
      running = await startMetricsServer(listen, registry);
      logger.info({ url: `${running.url}/metrics` }, 'metrics listening');
    },
    close: async () => running?.close(),
    destroy: async () => running?.close(),
  };
}

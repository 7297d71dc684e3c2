/** The server's prom-client Registry (never the global one) and its HTTP metrics. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TlsAdmission } from './tls-admission.ts';

export interface ServerMetrics {
  registry: Registry;
  reconciles: Counter<'controller' | 'result'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'drover_server_' });
  const httpRequests = new Counter({
    name: 'drover_http_requests_total',
    help: 'HTTP requests by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'drover_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template (watches included).',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [registry],
  });
  const reconciles = new Counter({
    name: 'drover_controller_reconciles_total',
    help: 'Reconciles by controller and result (ok, requeue, error, terminal).',
    labelNames: ['controller', 'result'] as const,
    registers: [registry],
  });
  return { registry, httpRequests, httpDuration, reconciles };
}

/** The TLS handshake admission's gauges (tls-admission.ts), read when scraped. */
export function registerTlsAdmissionMetrics(registry: Registry, admission: TlsAdmission): void {
  const gauges = [
    ['drover_tls_handshakes_in_flight', 'TLS handshakes in progress', 'inFlight'],
    ['drover_tls_handshakes_queued', 'connections waiting for a TLS handshake slot', 'queued'],
    ['drover_tls_handshakes_shed', 'connections closed unread after waiting too long for a TLS handshake slot, since start', 'shed'],
  ] as const;
  for (const [name, help, key] of gauges) {
    new Gauge({ name, help, registers: [registry], collect() { this.set(admission.stats()[key]); } });
  }
}

/** Compactions of the JS heap since start (heap-compactor.ts, docs/adr/0038), read when scraped. */
export function registerHeapCompactionMetric(registry: Registry, source: { readonly compactions: number }): void {
  new Gauge({ name: 'drover_server_heap_compactions', help: 'compactions of the JS heap after it fragmented (each pauses the server once), since start', registers: [registry], collect() { this.set(source.compactions); } });
}

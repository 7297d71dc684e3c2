/**
 * The health of each managed container for the status reports: its label's check run at most
 * once per `minIntervalMs` per container (the status poller asks every 5 s), concurrently with a
 * bound, and remembered by container id so a report costs no probe when nothing is due.
 */
import { healthCheckFromLabels, probe, type HealthCheckSpec, type ProbeResult } from './health.ts';

export type Health = 'healthy' | 'unhealthy' | 'starting' | 'unknown';

export interface HealthState {
  health: Health;
  message: string;
}

interface Cached {
  at: number;
  state: HealthState;
}

export interface HealthMonitorOptions {
  /** Minimum time between two probes of one container, ms. Default 5 000. */
  minIntervalMs?: number;
  /** Probes at once. Default 8. */
  concurrency?: number;
  probe?: (check: HealthCheckSpec) => Promise<ProbeResult>;
}

export class HealthMonitor {
  readonly #cache = new Map<string, Cached>();
  readonly #minIntervalMs: number;
  readonly #concurrency: number;
  readonly #probe: (check: HealthCheckSpec) => Promise<ProbeResult>;

  constructor(options: HealthMonitorOptions = {}) {
    this.#minIntervalMs = options.minIntervalMs ?? 5_000;
    this.#concurrency = options.concurrency ?? 8;
    this.#probe = options.probe ?? ((c) => probe(c));
  }

  /** Health of each container by id (probing the ones due); forgets containers no longer listed. */
  async check(containers: readonly { id: string; state: string; labels: Record<string, string> | undefined }[]): Promise<Map<string, HealthState>> {
    const out = new Map<string, HealthState>();
    const due: { id: string; check: HealthCheckSpec }[] = [];
    const now = Date.now();
    for (const c of containers) {
      const check = healthCheckFromLabels(c.labels);
      if (check === undefined) out.set(c.id, { health: 'unknown', message: '' });
      else if (c.state !== 'running') out.set(c.id, { health: 'unhealthy', message: `not running (${c.state})` });
      else {
        const cached = this.#cache.get(c.id);
        if (cached !== undefined && now - cached.at < this.#minIntervalMs) out.set(c.id, cached.state);
        else due.push({ id: c.id, check });
      }
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const d = due[next++]!;
        const r = await this.#probe(d.check);
        const state: HealthState = r.ok ? { health: 'healthy', message: '' } : { health: 'unhealthy', message: r.message };
        this.#cache.set(d.id, { at: Date.now(), state });
        out.set(d.id, state);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, due.length) }, worker));
    const ids = new Set(containers.map((c) => c.id));
    for (const id of this.#cache.keys()) if (!ids.has(id)) this.#cache.delete(id);
    return out;
  }

  /** Forgets a container's last result (after it was replaced or restarted by an apply). */
  forget(id: string): void {
    this.#cache.delete(id);
  }
}

/**
 * An agent session's logger: messages go to the server's logger with the session's cluster and
 * node added to each. A pino child per session held ~0.3 KB of every agent for the session's life
 * (issue 15, heap snapshots at 300 and 3,000 agents), and a session logs a few lines in days (its
 * connect and disconnect), so the bindings are added per message instead.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { TunnelLogger } from '@drover/tunnel';

type Level = 'debug' | 'info' | 'warn' | 'error';
/** pino's level values; a level not listed ('silent') writes nothing. */
const VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export class SessionLog implements TunnelLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #cluster: string;
  readonly #node: string;

  constructor(parent: FastifyBaseLogger, cluster: string, node: string) {
    this.#parent = parent;
    this.#cluster = cluster;
    this.#node = node;
  }

  debug(obj: object | string, msg?: string): void {
    this.#write('debug', obj, msg);
  }

  info(obj: object | string, msg?: string): void {
    this.#write('info', obj, msg);
  }

  warn(obj: object | string, msg?: string): void {
    this.#write('warn', obj, msg);
  }

  error(obj: object | string, msg?: string): void {
    this.#write('error', obj, msg);
  }

  #write(level: Level, obj: object | string, msg: string | undefined): void {
    // Checked first so a message below the level costs no object.
    if (!(VALUES[level]! >= (VALUES[this.#parent.level] ?? Infinity))) return;
    const bindings = { cluster: this.#cluster, node: this.#node };
    if (typeof obj === 'string') this.#parent[level](bindings, obj);
    else this.#parent[level]({ ...bindings, ...obj }, msg);
  }
}

/**
 * An agent session's logger, bound to its cluster and node, whose pino child is made at the
 * first message that will be written. A child per session held ~0.3 KB of every agent for the
 * session's life (issue 15, heap snapshots at 300 and 3,000 agents), and an idle session logs
 * nothing between its connect and its disconnect (both at info, off at the default warn level
 * of a large fleet's server).
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
  #child: FastifyBaseLogger | undefined;

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
    // The parent's level is read at each message, so a level changed later still applies.
    if (!(VALUES[level]! >= (VALUES[this.#parent.level] ?? Infinity))) return;
    this.#child ??= this.#parent.child({ cluster: this.#cluster, node: this.#node });
    if (typeof obj === 'string') this.#child[level](obj);
    else this.#child[level](obj, msg);
  }
}

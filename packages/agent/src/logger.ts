/**
 * The agent's pino logger. Registration tokens and node credentials never reach a log line:
 * every field that can hold one is redacted by path, and code never interpolates them into
 * messages. main.ts creates the root logger; everything else takes a child.
 */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Field paths censored in every log line (pino `redact`). */
export const REDACT_PATHS: readonly string[] = [
  'token', 'credential', 'authorization', 'Authorization', 'password',
  '*.token', '*.credential', '*.authorization', '*.Authorization', '*.password',
  'headers.authorization', 'headers.Authorization', '*.headers.authorization', '*.headers.Authorization',
  'config.token', 'identity.credential', 'body.token', 'req.headers.authorization',
];

export const REDACTED = '[redacted]';

export function createLogger(options: { level: string; version: string }, destination?: DestinationStream): Logger {
  const opts: LoggerOptions = {
    level: options.level,
    base: { component: 'drover-agent', version: options.version },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(opts, destination) : pino(opts);
}

export type { Logger };

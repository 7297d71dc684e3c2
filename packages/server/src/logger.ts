/**
 * The server's pino logger with secrets redacted by path: authorization and cookie headers,
 * any `password`/`token`/`secret` field up to three levels deep, and `token`-like query
 * parameters in logged URLs. Created by main.ts (and by tests with their own destination).
 */
import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

const SECRET_KEYS = ['password', 'token', 'secret', 'bearer', 'secretHash', 'passwordHash', 'adminPassword', 'nodeCommand', 'insecureNodeCommand', 'credential'];

/** Paths pino censors (`[Redacted]`). */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-drover-token"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
];

const SECRET_QUERY = /([?&](?:token|access_token|password|secret)=)[^&#]*/gi;

/** A URL with the values of token-like query parameters replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[Redacted]');
}

interface LoggableRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export interface CreateLoggerOptions {
  level: string;
}

export function createLogger(options: CreateLoggerOptions, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: {
        // Used by fastify for its request logs in place of its default (which logs the raw URL).
        req: (req: LoggableRequest) => ({
          method: req.method,
          url: redactUrl(req.url),
          host: req.host ?? req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/**
 * Where main.ts sends logs (stderr): JSON lines for collectors, or pino-pretty's human-readable
 * lines on a terminal (`auto` decides by `isTTY`), so a person running `./scripts/start` reads
 * the banner and the logs without JSON noise.
 */
export function logDestination(format: 'auto' | 'json' | 'pretty', isTTY: boolean): DestinationStream {
  if (format === 'json' || (format === 'auto' && !isTTY)) return pino.destination({ fd: 2, sync: false });
  return PinoPretty({ destination: 2, colorize: isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, sync: false });
}

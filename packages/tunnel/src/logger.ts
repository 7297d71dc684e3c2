/**
 * The logging the tunnel needs: a pino logger fits (pass a child with bindings
 * such as clusterId/nodeId); the default does nothing. The tunnel does not load
 * pino itself, so an agent that logs elsewhere does not pay for it.
 */
export interface TunnelLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: TunnelLogger = { debug: noop, info: noop, warn: noop };

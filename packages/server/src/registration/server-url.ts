/** The URL agents dial, as written into node commands. */
import { isIP } from 'node:net';
import { listenHost } from '@drover/pki';
import { DroverError } from '../errors.ts';

const WILDCARDS = new Set(['', '*', '0.0.0.0', '::']);

/**
 * `externalUrl` when configured; otherwise `https://<listen host>:<port>` when the server listens
 * on one concrete address (`port` is the bound port, so `:0` works once listening).
 * @throws DroverError DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL when listening on every address
 *   without an external URL: no host name would reach this server from another machine.
 */
export function resolveServerUrl(options: { externalUrl?: string; listen: string; port?: number }): string {
  if (options.externalUrl !== undefined) return options.externalUrl.replace(/\/+$/, '');
  const host = listenHost(options.listen);
  if (WILDCARDS.has(host)) {
    throw new DroverError(
      'DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL',
      `the server listens on every address (${options.listen}) and does not know the URL agents reach it at: ` +
        'set DROVER_EXTERNAL_URL (e.g. https://drover.example.com:8443) and restart the server',
    );
  }
  const port = options.port ?? Number(options.listen.slice(options.listen.lastIndexOf(':') + 1));
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return port === 443 ? `https://${h}` : `https://${h}:${port}`;
}

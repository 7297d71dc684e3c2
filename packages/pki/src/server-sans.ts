import type { NetworkInterfaceInfo } from 'node:os';
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { PkiError } from './errors.ts';
import { normalizeDnsName, normalizeIp } from './names.ts';

/** Options of {@link serverSans}. */
export interface ServerSansOptions {
  /** Listen addresses: `host:port`, `[v6]:port`, a bare host, or `:port` / `*:port` for every address. */
  listen: readonly string[];
  /** The URL agents and users reach the server at; its host (DNS name or IP) is added. */
  externalUrl?: string;
}

/** SANs for a server certificate, normalised and de-duplicated. */
export interface ServerSans {
  dnsNames: string[];
  ipAddresses: string[];
}

/** The shape of `os.networkInterfaces()`. */
export type NetworkInterfaces = Record<string, NetworkInterfaceInfo[] | undefined>;

const WILDCARDS = new Set(['', '*', '0.0.0.0', '::']);

/**
 * The host part of a listen address, brackets removed; `''` for a wildcard written as `:port`.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT`
 */
export function listenHost(address: string): string {
  const a = address.trim();
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(a);
  if (bracketed !== null) return checkPort(address, bracketed[2], bracketed[1] ?? '');
  if (isIP(a) === 6) return a;
  const colon = a.lastIndexOf(':');
  if (colon < 0) return a;
  const host = a.slice(0, colon);
  if (host.includes(':')) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `IPv6 listen address must be bracketed: ${address}`);
  }
  return checkPort(address, a.slice(colon + 1), host);
}

function checkPort(address: string, port: string | undefined, host: string): string {
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `invalid port in listen address ${address}`);
  }
  return host;
}

/** IPv6 link-local (fe80::/10) addresses are only usable with a zone id, which a SAN cannot carry. */
function isLinkLocalV6(ip: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(ip);
}

/**
 * The SANs a server listening on `listen` must present. Each host is added as an IP SAN or a
 * DNS SAN (`localhost` also adds `127.0.0.1` and `::1`). A wildcard host (`0.0.0.0`, `::`, `*` or empty) expands to `127.0.0.1`, `::1`,
 * `localhost` and every non-internal address of `interfaces` (default `os.networkInterfaces()`),
 * IPv4 and IPv6, except IPv6 link-local ones. The host of `externalUrl` is added too.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT` for a malformed address or URL
 */
export function serverSans(options: ServerSansOptions, interfaces?: NetworkInterfaces): ServerSans {
  const dns = new Set<string>();
  const ips = new Set<string>();
  const addHost = (host: string): void => {
    if (isIP(host) !== 0) ips.add(normalizeIp(host));
    else dns.add(normalizeDnsName(host));
  };
  for (const address of options.listen) {
    const host = listenHost(address);
    if (!WILDCARDS.has(host)) {
      addHost(host);
      if (host.toLowerCase() === 'localhost') ips.add('127.0.0.1').add('::1');
      continue;
    }
    ips.add('127.0.0.1');
    ips.add('::1');
    dns.add('localhost');
    for (const infos of Object.values(interfaces ?? networkInterfaces())) {
      for (const info of infos ?? []) {
        if (info.internal || (info.family === 'IPv6' && isLinkLocalV6(info.address))) continue;
        ips.add(normalizeIp(info.address));
      }
    }
  }
  if (options.externalUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.externalUrl);
    } catch (cause) {
      throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `invalid externalUrl ${options.externalUrl}`, { cause });
    }
    if (url.hostname === '') throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `externalUrl has no host: ${options.externalUrl}`);
    addHost(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  }
  return { dnsNames: [...dns], ipAddresses: [...ips] };
}

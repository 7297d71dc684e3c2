import { isIP } from 'node:net';
import { PkiError } from './errors.ts';

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * Normalises a DNS name for a SAN: lowercased, one trailing dot dropped. A leading `*.`
 * wildcard label is allowed. IP literals are rejected (they belong in IP SANs).
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT`
 */
export function normalizeDnsName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  const labels = n.split('.');
  const ok =
    n.length > 0 &&
    n.length <= 253 &&
    isIP(n) === 0 &&
    labels.every((l, i) => (i === 0 && l === '*' && labels.length > 1) || LABEL.test(l));
  if (!ok) throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `invalid DNS name ${JSON.stringify(name)}`);
  return n;
}

/**
 * Normalises an IPv4 or IPv6 address (brackets allowed) to its canonical text form: IPv6
 * compressed and lowercased as WHATWG URL prints it (`::1`, `2001:db8::1`), IPv4 dotted quad.
 * Zone ids (`%eth0`) are rejected.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT`
 */
export function normalizeIp(ip: string): string {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind === 6 && !bare.includes('%')) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `invalid IP address ${JSON.stringify(ip)}`);
}

/** Normalised, de-duplicated DNS names, in first-seen order. */
export function normalizeDnsNames(names: readonly string[] | undefined): string[] {
  return [...new Set((names ?? []).map(normalizeDnsName))];
}

/** Normalised, de-duplicated IP addresses, in first-seen order. */
export function normalizeIps(ips: readonly string[] | undefined): string[] {
  return [...new Set((ips ?? []).map(normalizeIp))];
}

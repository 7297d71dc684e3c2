/**
 * IPv4/IPv6 addresses and CIDRs as numbers, for the Cluster spec's checks (a valid CIDR, two ranges
 * that must not overlap, an IP inside a range) and for picking Service IPs (the apiserver's
 * `kubernetes` Service takes the first one).
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  family: 4 | 6;
  /** The network address. */
  base: bigint;
  prefix: number;
  /** As given. */
  text: string;
}

const bits = (family: 4 | 6): number => (family === 4 ? 32 : 128);

/** The address as a number, or undefined when it is not an IP address. */
export function parseIp(ip: string): { family: 4 | 6; value: bigint } | undefined {
  if (isIPv4(ip)) return { family: 4, value: ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n) };
  if (!isIPv6(ip) || ip.includes('%')) return undefined;
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1] !== undefined) {
    const n = parseIp(v4[1])!.value;
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n) };
}

export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}

/** Parses `a.b.c.d/n` or `x::/n`; returns a problem (string) when it is not a network CIDR. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  if (slash < 0) return 'must be a CIDR such as 10.43.0.0/16';
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined) return 'must be a CIDR such as 10.43.0.0/16 (the address part is not an IP address)';
  const prefix = /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits(ip.family))) return `the prefix length must be 0 to ${bits(ip.family)}`;
  const host = (1n << BigInt(bits(ip.family) - prefix)) - 1n;
  if ((ip.value & host) !== 0n) return `host bits are set; the network is ${formatIp(ip.family, ip.value & ~host)}/${prefix}`;
  return { family: ip.family, base: ip.value, prefix, text };
}

/** The number of addresses in `c`. */
export const sizeOf = (c: Cidr): bigint => 1n << BigInt(bits(c.family) - c.prefix);

export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.base < b.base + sizeOf(b) && b.base < a.base + sizeOf(a);
}

export function contains(c: Cidr, ip: { family: 4 | 6; value: bigint }): boolean {
  return c.family === ip.family && ip.value >= c.base && ip.value < c.base + sizeOf(c);
}

/** The `n`th address of `c` (0 = the network address). */
export function nthIp(c: Cidr, n: number): string {
  return formatIp(c.family, c.base + BigInt(n));
}

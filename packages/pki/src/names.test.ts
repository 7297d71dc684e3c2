import { describe, expect, it } from 'vitest';
import { isPkiError } from './errors.ts';
import { normalizeDnsName, normalizeIp } from './names.ts';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isPkiError(err) ? err.code : 'not a PkiError';
  }
  return undefined;
}

describe('normalizeDnsName', () => {
  it('lowercases, drops one trailing dot and accepts a leading wildcard', () => {
    expect(normalizeDnsName('Drover.Example.COM.')).toBe('drover.example.com');
    expect(normalizeDnsName('*.apps.test')).toBe('*.apps.test');
    expect(normalizeDnsName('localhost')).toBe('localhost');
  });

  it('rejects empty names, IPs, bad labels and misplaced wildcards', () => {
    for (const bad of ['', '.', 'a..b', '-a.test', 'a-.test', 'a b', '*', 'a.*.test', '10.0.0.1', 'x'.repeat(64) + '.test']) {
      expect(code(() => normalizeDnsName(bad)), bad).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    }
  });
});

describe('normalizeIp', () => {
  it('keeps IPv4 and compresses IPv6, with or without brackets', () => {
    expect(normalizeIp('10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeIp('[::1]')).toBe('::1');
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
  });

  it('rejects names, zone ids and malformed addresses', () => {
    for (const bad of ['', 'localhost', '1.2.3', '256.1.1.1', 'fe80::1%eth0', '[::1']) {
      expect(code(() => normalizeIp(bad)), bad).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isPkiError } from './errors.ts';
import { listenHost, serverSans } from './server-sans.ts';
import type { NetworkInterfaces } from './server-sans.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({
  address,
  family,
  internal,
  netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::',
  mac: '00:00:00:00:00:00',
  cidr: null,
  ...(family === 'IPv6' ? { scopeid: 0 } : {}),
});

const INTERFACES = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('127.0.0.53', 'IPv4', true), iface('::1', 'IPv6', true)],
  eth0: [iface('192.0.2.10', 'IPv4'), iface('2001:DB8:0:0::10', 'IPv6'), iface('fe80::1', 'IPv6')],
  eth1: [iface('198.51.100.7', 'IPv4')],
  down: undefined,
} as NetworkInterfaces;

describe('listenHost', () => {
  it('splits host:port, [v6]:port, bare hosts and wildcards', () => {
    expect(listenHost('10.0.0.1:443')).toBe('10.0.0.1');
    expect(listenHost('example.com:8443')).toBe('example.com');
    expect(listenHost('[::1]:443')).toBe('::1');
    expect(listenHost('[::]:443')).toBe('::');
    expect(listenHost('[fd00::1]')).toBe('fd00::1');
    expect(listenHost('::')).toBe('::');
    expect(listenHost(':443')).toBe('');
    expect(listenHost('0.0.0.0:443')).toBe('0.0.0.0');
    expect(listenHost('localhost')).toBe('localhost');
  });

  it('rejects unbracketed IPv6 with a port and bad ports', () => {
    for (const bad of ['fd00::1:443:x', 'host:99999', 'host:abc', '[::1]:x']) {
      expect(codeOf(() => listenHost(bad)), bad).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    }
  });
});

describe('serverSans', () => {
  it('expands 0.0.0.0 to loopback, localhost and every non-internal, non-link-local interface address', () => {
    expect(serverSans({ listen: ['0.0.0.0:8443'] }, INTERFACES)).toEqual({
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1', '192.0.2.10', '2001:db8::10', '198.51.100.7'],
    });
  });

  it('expands [::] the same way and de-duplicates across listen addresses', () => {
    const sans = serverSans({ listen: ['[::]:443', '0.0.0.0:80', ':9000', '192.0.2.10:1'] }, INTERFACES);
    expect(sans.ipAddresses).toEqual(['127.0.0.1', '::1', '192.0.2.10', '2001:db8::10', '198.51.100.7']);
    expect(sans.dnsNames).toEqual(['localhost']);
  });

  it('keeps specific hosts as they are and adds the external URL host', () => {
    expect(serverSans({ listen: ['10.0.0.5:443', '[fd00::5]:443', 'API.Example.com:443'], externalUrl: 'https://drover.example.com/x' }, INTERFACES)).toEqual({
      dnsNames: ['api.example.com', 'drover.example.com'],
      ipAddresses: ['10.0.0.5', 'fd00::5'],
    });
    expect(serverSans({ listen: [], externalUrl: 'https://203.0.113.9:8443' }, INTERFACES)).toEqual({ dnsNames: [], ipAddresses: ['203.0.113.9'] });
    expect(serverSans({ listen: [], externalUrl: 'https://[2001:db8::1]:8443/' }, INTERFACES)).toEqual({ dnsNames: [], ipAddresses: ['2001:db8::1'] });
  });

  it('adds both loopback addresses for localhost', () => {
    expect(serverSans({ listen: ['localhost:8443'] }, INTERFACES)).toEqual({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1', '::1'] });
  });

  it('uses os.networkInterfaces() when no list is given', () => {
    const sans = serverSans({ listen: ['0.0.0.0:1'] });
    expect(sans.ipAddresses.slice(0, 2)).toEqual(['127.0.0.1', '::1']);
    expect(sans.ipAddresses.every((ip) => ip.length > 0)).toBe(true);
  });

  it('rejects a malformed external URL or host', () => {
    expect(codeOf(() => serverSans({ listen: [], externalUrl: 'not a url' }))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    expect(codeOf(() => serverSans({ listen: ['bad_host!:1'] }))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
  });
});

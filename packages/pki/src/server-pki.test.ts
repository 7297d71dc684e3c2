import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCa } from './ca.ts';
import { isPkiError } from './errors.ts';
import { issueCertificate } from './issue.ts';
import { ensureServerPki } from './server-pki.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'drover-pki-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const mode = (dir: string, name: string): number => statSync(join(dir, name)).mode & 0o777;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

describe('ensureServerPki', () => {
  it('creates ca.crt, ca.key, server.crt, server.key with the right modes and no leftovers', async () => {
    const dir = join(tempDir(), 'nested', 'pki');
    const pki = await ensureServerPki(dir, { dnsNames: ['drover.test'], ipAddresses: ['127.0.0.1', '::1'] });
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'ca.key', 'server.crt', 'server.key']);
    expect(mode(dir, 'ca.key')).toBe(0o600);
    expect(mode(dir, 'server.key')).toBe(0o600);
    expect(mode(dir, 'ca.crt')).toBe(0o644);
    expect(mode(dir, 'server.crt')).toBe(0o644);
    expect(pki.caCreated).toBe(true);
    expect(pki.serverIssued).toBe(true);
    expect(read(dir, 'ca.crt')).toBe(pki.ca.certPem);
    expect(read(dir, 'ca.key')).toBe(pki.ca.keyPem);
    expect(read(dir, 'server.crt')).toBe(pki.server.certPem);
    expect(read(dir, 'server.key')).toBe(pki.server.keyPem);
    expect(pki.server.chainPem).toBe(pki.server.certPem + pki.ca.certPem);
    expect(pki.caChecksum).toBe(sha256(readFileSync(join(dir, 'ca.crt'))));

    const server = new X509Certificate(pki.server.certPem);
    const ca = new X509Certificate(pki.ca.certPem);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('drover.test')).toBe('drover.test');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(pki.caNotAfter).toEqual(ca.validToDate);
    expect(pki.serverNotAfter).toEqual(server.validToDate);
  });

  it('is idempotent: a second call loads the same files and rewrites nothing', async () => {
    const dir = tempDir();
    const opts = { dnsNames: ['drover.test'], ipAddresses: ['10.0.0.1'] };
    const first = await ensureServerPki(dir, opts);
    const mtimes = readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs);
    const second = await ensureServerPki(dir, { dnsNames: ['DROVER.test'], ipAddresses: ['10.0.0.1'] });
    expect(second).toEqual({ ...first, caCreated: false, serverIssued: false });
    expect(readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes);
    // a subset of the SANs is still covered
    const third = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    expect(third.serverIssued).toBe(false);
  });

  it('re-issues the server certificate when the SANs change, keeping the CA', async () => {
    const dir = tempDir();
    const first = await ensureServerPki(dir, { dnsNames: ['drover.test'], ipAddresses: ['10.0.0.1'] });
    const caBytes = readFileSync(join(dir, 'ca.crt'));
    const second = await ensureServerPki(dir, { dnsNames: ['drover.test'], ipAddresses: ['10.0.0.1', 'fd00::2'] });
    expect(second.serverIssued).toBe(true);
    expect(second.caCreated).toBe(false);
    expect(second.server.certPem).not.toBe(first.server.certPem);
    expect(second.server.keyPem).not.toBe(first.server.keyPem);
    expect(second.ca).toEqual(first.ca);
    expect(second.caChecksum).toBe(first.caChecksum);
    expect(readFileSync(join(dir, 'ca.crt')).equals(caBytes)).toBe(true);
    expect(read(dir, 'server.crt')).toBe(second.server.certPem);
    expect(new X509Certificate(second.server.certPem).checkIP('fd00::2')).toBe('fd00::2');
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'ca.key', 'server.crt', 'server.key']);
  });

  it('re-issues a server certificate that expires within renewBeforeDays', async () => {
    const dir = tempDir();
    const first = await ensureServerPki(dir, { dnsNames: ['drover.test'], serverValidityDays: 20 });
    const second = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    expect(second.serverIssued).toBe(true);
    expect(second.serverNotAfter.getTime()).toBeGreaterThan(first.serverNotAfter.getTime() + 300 * 86_400_000);
    const third = await ensureServerPki(dir, { dnsNames: ['drover.test'], renewBeforeDays: 400 });
    expect(third.serverIssued).toBe(true);
  });

  it('re-issues when server.key is missing or does not match, or the server cert is from another CA', async () => {
    const dir = tempDir();
    const first = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    rmSync(join(dir, 'server.key'));
    const second = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    expect(second.serverIssued).toBe(true);
    writeFileSync(join(dir, 'server.key'), first.server.keyPem);
    expect((await ensureServerPki(dir, { dnsNames: ['drover.test'] })).serverIssued).toBe(true);
    const foreign = await issueCertificate(await createCa(), { commonName: 'x', dnsNames: ['drover.test'], usages: 'server' });
    writeFileSync(join(dir, 'server.crt'), foreign.certPem);
    writeFileSync(join(dir, 'server.key'), foreign.keyPem);
    const fourth = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    expect(fourth.serverIssued).toBe(true);
    expect(new X509Certificate(fourth.server.certPem).verify(new X509Certificate(first.ca.certPem).publicKey)).toBe(true);
  });

  it('uses a user-supplied CA, writes its canonical cert to ca.crt and does not copy its key', async () => {
    const dir = tempDir();
    const userDir = tempDir();
    const userCa = await createCa({ commonName: 'corp-ca' });
    writeFileSync(join(userDir, 'corp.crt'), userCa.certPem.replace(/\n/g, '\r\n'));
    writeFileSync(join(userDir, 'corp.key'), userCa.keyPem);
    const opts = { dnsNames: ['drover.test'], caCertPath: join(userDir, 'corp.crt'), caKeyPath: join(userDir, 'corp.key') };
    const pki = await ensureServerPki(dir, opts);
    expect(pki.caCreated).toBe(false);
    expect(pki.ca.certPem).toBe(userCa.certPem);
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'server.crt', 'server.key']);
    expect(read(dir, 'ca.crt')).toBe(userCa.certPem);
    expect(pki.caChecksum).toBe(sha256(readFileSync(join(dir, 'ca.crt'))));
    expect(new X509Certificate(pki.server.certPem).verify(new X509Certificate(userCa.certPem).publicKey)).toBe(true);
    expect((await ensureServerPki(dir, opts)).serverIssued).toBe(false);
  });

  it('switching to a user-supplied CA re-issues the server certificate from it', async () => {
    const dir = tempDir();
    const userDir = tempDir();
    const generated = await ensureServerPki(dir, { dnsNames: ['drover.test'] });
    const userCa = await createCa({ commonName: 'corp-ca' });
    writeFileSync(join(userDir, 'corp.crt'), userCa.certPem);
    writeFileSync(join(userDir, 'corp.key'), userCa.keyPem);
    const pki = await ensureServerPki(dir, { dnsNames: ['drover.test'], caCertPath: join(userDir, 'corp.crt'), caKeyPath: join(userDir, 'corp.key') });
    expect(pki.serverIssued).toBe(true);
    expect(pki.caChecksum).not.toBe(generated.caChecksum);
    expect(read(dir, 'ca.crt')).toBe(userCa.certPem);
  });

  it('rejects a user-supplied non-CA or mismatched key, and a half-given CA, with coded errors', async () => {
    const dir = tempDir();
    const ca = await createCa();
    const other = await createCa();
    const leaf = await issueCertificate(ca, { commonName: 'x', dnsNames: ['x.test'], usages: 'server' });
    const put = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const pkiDir = join(dir, 'pki');
    expect(await codeOf(() => ensureServerPki(pkiDir, { caCertPath: put('leaf.crt', leaf.certPem), caKeyPath: put('leaf.key', leaf.keyPem) }))).toBe(
      'DROVER_ERR_PKI_NOT_A_CA',
    );
    expect(await codeOf(() => ensureServerPki(pkiDir, { caCertPath: put('ca.pem', ca.certPem), caKeyPath: put('other.key', other.keyPem) }))).toBe(
      'DROVER_ERR_PKI_KEY_MISMATCH',
    );
    expect(await codeOf(() => ensureServerPki(pkiDir, { caCertPath: join(dir, 'ca.pem') }))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    expect(await codeOf(() => ensureServerPki(pkiDir, { caCertPath: join(dir, 'ca.pem'), caKeyPath: join(dir, 'missing.key') }))).toBe('DROVER_ERR_PKI_IO');
  });

  it('never replaces an existing CA: ca.crt without ca.key is an error', async () => {
    const dir = tempDir();
    const first = await ensureServerPki(dir, {});
    rmSync(join(dir, 'ca.key'));
    expect(await codeOf(() => ensureServerPki(dir, {}))).toBe('DROVER_ERR_PKI_CA_KEY_MISSING');
    expect(read(dir, 'ca.crt')).toBe(first.ca.certPem);
  });

  it('defaults the server SANs to localhost, 127.0.0.1 and ::1', async () => {
    const pki = await ensureServerPki(tempDir());
    const cert = new X509Certificate(pki.server.certPem);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  it('rewrites a non-canonical ca.crt in place so the checksum still matches the file', async () => {
    const dir = tempDir();
    const first = await ensureServerPki(dir, {});
    writeFileSync(join(dir, 'ca.crt'), first.ca.certPem.replace(/\n/g, '\r\n'));
    const second = await ensureServerPki(dir, {});
    expect(second.serverIssued).toBe(false);
    expect(read(dir, 'ca.crt')).toBe(first.ca.certPem);
    expect(second.caChecksum).toBe(sha256(readFileSync(join(dir, 'ca.crt'))));
  });
});

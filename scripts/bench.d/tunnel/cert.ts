/**
 * A throw-away TLS identity for the wss:// tunnel: a CA and a server
 * certificate for IP 127.0.0.1, from packages/pki when it loads, else from the
 * openssl command line (self-signed).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  certPem: string;
  keyPem: string;
  /** What the agent trusts. */
  caPem: string;
  source: 'packages/pki' | 'openssl';
}

export async function makeTestCert(): Promise<TestCert> {
  try {
    const pki = await import('@drover/pki');
    const ca = await pki.createCa({ commonName: 'drover-bench-ca', validityDays: 1 });
    const leaf = await pki.issueCertificate(ca, { commonName: 'drover-bench', ipAddresses: ['127.0.0.1'], usages: 'server', validityDays: 1 });
    return { certPem: leaf.chainPem, keyPem: leaf.keyPem, caPem: ca.certPem, source: 'packages/pki' };
  } catch (err) {
    process.stderr.write(`[bench] packages/pki unavailable (${(err as Error).message}); using openssl for the test certificate\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'drover-bench-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const certPem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    return { certPem, keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'), caPem: certPem, source: 'openssl' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

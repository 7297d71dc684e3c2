import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as pki from './index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('@drover/pki entry point', () => {
  it('exports the public API', () => {
    const fns = [
      'createCa',
      'loadCa',
      'issueCertificate',
      'serverSans',
      'listenHost',
      'canonicalPem',
      'canonicalPemBundle',
      'caChecksum',
      'certificateInfo',
      'ensureServerPki',
      'renderKubeconfig',
      'mergeKubeconfig',
      'normalizeDnsName',
      'normalizeIp',
      'isPkiError',
    ] as const;
    for (const name of fns) expect(typeof pki[name], name).toBe('function');
    const err = new pki.PkiError('DROVER_ERR_PKI_IO', 'x', { cause: new Error('inner') });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('DROVER_ERR_PKI_IO');
    expect((err.cause as Error).message).toBe('inner');
    expect(pki.isPkiError(err, 'DROVER_ERR_PKI_IO')).toBe(true);
    expect(pki.isPkiError(err, 'DROVER_ERR_PKI_NOT_A_CA')).toBe(false);
    expect(pki.isPkiError(new Error('x'))).toBe(false);
  });

  it('loads and issues under plain Node type stripping, imported by package name', () => {
    const script = `
      const pki = await import('@drover/pki');
      const ca = await pki.createCa();
      const leaf = await pki.issueCertificate(ca, { commonName: 'n', dnsNames: ['n.test'], usages: 'server' });
      console.log(pki.certificateInfo(leaf.certPem).issuer, pki.caChecksum(ca.certPem).length);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8', timeout: 15_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('CN=drover-ca 64');
    expect(run.status).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.ts';

describe('logger redaction', () => {
  it('censors headers, password/token/secret fields at any of the first levels, and token query parameters', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    log.info(
      {
        req: { method: 'GET', url: '/v1/kubeconfig?ttl=1h&token=drover_x_SECRET1', headers: { authorization: 'Bearer drover_x_SECRET2' } },
        body: { username: 'admin', password: 'SECRET3' },
        status: { token: 'SECRET4', nodeCommand: 'docker run … --token SECRET5' },
        deep: { a: { b: { secretHash: 'SECRET6' } } },
        password: 'SECRET7',
        registration: { token: 'droverreg_c_t_SECRET8', nodeName: 'host-1' },
        answer: { cluster: 'c', node: 'host-1', credential: 'drovernode_c_host-1_SECRET9' },
        record: { spec: { current: { id: 'abc', secretHash: 'scrypt$SECRET10' } } },
      },
      'request',
    );
    const out = lines.join('');
    for (let i = 1; i <= 10; i++) expect(out).not.toContain(`SECRET${i}`);
    expect(out).toContain('"username":"admin"');
    expect(out).toContain('ttl=1h&token=[Redacted]');
  });

  it('redacts secret query parameters wherever they are', () => {
    expect(redactUrl('/x?token=abc')).toBe('/x?token=[Redacted]');
    expect(redactUrl('/x?a=1&access_token=abc&b=2')).toBe('/x?a=1&access_token=[Redacted]&b=2');
    expect(redactUrl('/x?tokens=1')).toBe('/x?tokens=1');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});

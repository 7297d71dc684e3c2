import { Duplex } from 'node:stream';
import { StoreError, StoreErrorCode } from '@drover/store';
import { describe, expect, it } from 'vitest';
import { refuseUpgrade, toStatus } from './error-status.ts';
import { DroverError, ERROR_CODES } from './errors.ts';
import { notFound } from './errors-kube.ts';

describe('the one error system', () => {
  it('maps every code to an HTTP error status and a reason', () => {
    for (const [code, { status, reason }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^DROVER_ERR_[A-Z_]+$/);
      expect(status >= 400 && status < 600, code).toBe(true);
      expect(reason).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });

  it('renders the Kubernetes form exactly and adds the code as the first cause in the Drover form', () => {
    const err = notFound({ plural: 'clusters', group: 'management.drover.dev', kind: 'Cluster', name: 'x' });
    const kube = toStatus(err, 'kube');
    expect(kube).toEqual({
      code: 'DROVER_ERR_API_NOT_FOUND',
      internal: false,
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound', message: 'clusters.management.drover.dev "x" not found', details: { group: 'management.drover.dev', kind: 'clusters', name: 'x' } },
    });
    const plain = toStatus(new DroverError('DROVER_ERR_NODE_ENGINE_MISMATCH', 'copied credential'), 'drover');
    expect(plain.status.details).toEqual({ causes: [{ reason: 'DROVER_ERR_NODE_ENGINE_MISMATCH', message: 'copied credential' }] });
    expect(toStatus(new DroverError('DROVER_ERR_API_INVALID', 'no'), 'kube').status.details).toBeUndefined();
  });

  it('maps store failures, keeps framework 4xx statuses and hides anything else behind a 500', () => {
    expect(toStatus(new StoreError(StoreErrorCode.CLOSED, 'closing')).status).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toStatus(tooLarge)).toMatchObject({ code: 'DROVER_ERR_API_TOO_LARGE', internal: false, status: { code: 413, reason: 'RequestEntityTooLarge' } });
    const secret = toStatus(new Error('password=hunter2'));
    expect(secret).toMatchObject({ code: 'DROVER_ERR_INTERNAL', internal: true, status: { code: 500, message: 'Internal error occurred' } });
    expect(JSON.stringify(secret.status)).not.toContain('hunter2');
  });

  it('refuses an upgrade with the same Status, code header and a Bearer challenge on 401', () => {
    let written = '';
    const socket = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    refuseUpgrade(socket, new DroverError('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', 'unknown credential'));
    const [head = '', body = ''] = written.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(head).toContain('drover-error-code: DROVER_ERR_NODE_CREDENTIAL_UNKNOWN');
    expect(head).toContain('www-authenticate: Bearer realm="drover"');
    expect(head).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual(toStatus(new DroverError('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', 'unknown credential'), 'drover').status);
    written = '';
    refuseUpgrade(new Duplex({ read() {}, write(chunk: Buffer, _enc, done) { written += chunk.toString(); done(); } }), new DroverError('DROVER_ERR_AUTH_RATE_LIMITED', 'slow down', { retryAfterSeconds: 7 }));
    expect(written).toContain('retry-after: 7\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { REDACTED } from './logger.ts';
import { memoryLogger } from './test-support/fakes.ts';

describe('logger redaction', () => {
  it('censors tokens, credentials and authorization headers wherever they are logged', () => {
    const { log, text } = memoryLogger();
    log.info({ token: 'tok-1', credential: 'cred-1' }, 'top level');
    log.info({ config: { token: 'tok-2', server: 'https://x' } }, 'config');
    log.info({ body: { token: 'tok-3', nodeName: 'n' } }, 'body');
    log.info({ identity: { credential: 'cred-2', node: 'n' } }, 'identity');
    log.info({ headers: { authorization: 'Bearer cred-3' } }, 'headers');
    log.info({ req: { headers: { authorization: 'Bearer cred-4' } } }, 'req');
    log.child({ token: 'tok-4' }).info('child binding');
    const out = text();
    for (const secret of ['tok-1', 'tok-2', 'tok-3', 'tok-4', 'cred-1', 'cred-2', 'cred-3', 'cred-4']) expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
    expect(out).toContain('https://x');
  });
});

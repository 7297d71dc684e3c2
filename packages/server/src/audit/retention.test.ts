/**
 * Audit retention: AuditEvents older than the TTL are deleted, oldest first in pages, younger ones
 * stay; on a started server DROVER_AUDIT_TTL drives it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { G, call } from '../security/support.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createAuditLog } from './log.ts';
import { createAuditRetention } from './retention.ts';
import { startAuditTestEnv } from './test-support.ts';

const logger = createLogger({ level: 'silent' });
const HOUR = 3_600_000;

describe('createAuditRetention', () => {
  let t: TempStore;
  beforeEach(async () => {
    t = await createTempStore();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('deletes AuditEvents older than the TTL across pages and keeps the younger ones', async () => {
    const now = new Date(Date.UTC(2026, 11, 6, 12));
    const audit = createAuditLog({ store: t.store, logger, maxQueue: 2000 });
    const at = (msAgo: number, i: number) => audit.record({ source: 'api', user: 'u', verb: 'delete', method: 'DELETE', path: `/x/${i}`, code: 200, durationMs: 1, time: new Date(now.getTime() - msAgo) });
    // 1,200 expired (more than two pages of 500), 30 young.
    for (let i = 0; i < 1200; i += 1) at(2 * HOUR + (1200 - i) * 1000, i);
    for (let i = 0; i < 30; i += 1) at(HOUR / 2 - i * 1000, 1200 + i);
    await audit.flush();
    const retention = createAuditRetention({ store: t.store, logger, now: () => now, ttlMs: HOUR });
    expect(await retention.sweep()).toBe(1200);
    const left = (await t.store.list(RESOURCES.auditevents)).items;
    expect(left).toHaveLength(30);
    expect(left.every((e) => Date.parse(e.time as string) > now.getTime() - HOUR)).toBe(true);
    expect(await retention.sweep()).toBe(0);
  });
});

describe('DROVER_AUDIT_TTL on a started server', () => {
  it('an AuditEvent is deleted DROVER_AUDIT_TTL seconds after its request', async () => {
    const env = await startAuditTestEnv({ DROVER_AUDIT_TTL: '1' });
    try {
      const res = await call(env.s, 'POST', `${G}/namespaces/prod/registrationtokens`, env.tokens.get('max')!, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'ttl' } });
      expect(res.status).toBe(201);
      await env.s.app.drover.audit.flush();
      const path = `${G}/namespaces/prod/registrationtokens`;
      const written = (await env.s.t.store.list(RESOURCES.auditevents)).items.filter((e) => e.path === path);
      expect(written).toHaveLength(1);
      // The sweep runs every second; the event is gone within a few.
      await expect
        .poll(async () => (await env.s.t.store.list(RESOURCES.auditevents)).items.filter((e) => e.path === path).length, { timeout: 10_000, interval: 200 })
        .toBe(0);
    } finally {
      await env.close();
    }
  });
});

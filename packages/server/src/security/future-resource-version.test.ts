/**
 * Finding 7 of issue 9: a watch (or list) from a resourceVersion the store has not reached must
 * not wait forever. As kube-apiserver: wait briefly (3 s) for the store to catch up, then answer
 * 504 with a Status `Timeout` whose cause is `ResourceVersionTooLarge`, so clients relist.
 * Actors: a read-only member (watch and list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentTestServer } from '../agents/test-support.ts';
import { G, call, cluster, member, streamGet, until, userWithToken } from './support.ts';
import type { AgentTestServer } from './support.ts';

let s: AgentTestServer;
let carol: string;

beforeAll(async () => {
  s = await startAgentTestServer();
  carol = await userWithToken(s, 'carol');
  await cluster(s, 'prod');
  await member(s, 'prod', 'carol', 'read-only');
});
afterAll(async () => {
  await s?.close();
});

const FUTURE = '999999999';

function expectTooLarge(body: unknown): void {
  expect(body).toMatchObject({
    kind: 'Status',
    status: 'Failure',
    reason: 'Timeout',
    code: 504,
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }] },
  });
  expect((body as { message: string }).message).toMatch(new RegExp(`^Timeout: Too large resource version: ${FUTURE}, current: \\d+$`));
}

describe('a resourceVersion from the future', () => {
  it('a watch from it answers 504 Timeout (ResourceVersionTooLarge) after a brief wait, before any event', async () => {
    const started = Date.now();
    const watch = await streamGet(s, `${G}/clusters?watch=1&resourceVersion=${FUTURE}`, carol, 8000);
    try {
      expect(watch.status).toBe(504);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
      await until(() => watch.res.complete, 2000, 'the end of the response');
      expectTooLarge(JSON.parse(watch.lines.join('\n')));
    } finally {
      watch.close();
    }
  });

  it('a list at it answers the same 504', async () => {
    const res = await call(s, 'GET', `${G}/clusters?resourceVersion=${FUTURE}`, carol);
    expect(res.status).toBe(504);
    expectTooLarge(res.body);
  });

  it('a watch from a version the store reaches during the wait delivers the events after it', async () => {
    // Members must name existing users (finding 8): create them before taking the version.
    for (const user of ['dave-1', 'dave-2']) await userWithToken(s, user);
    const current = await s.app.drover.store.currentResourceVersion();
    const next = String(Number(current) + 1);
    const watch = await Promise.all([
      streamGet(s, `${G}/namespaces/prod/clustermembers?watch=1&resourceVersion=${next}`, carol, 8000),
      (async () => {
        await new Promise((r) => setTimeout(r, 300));
        await member(s, 'prod', 'dave-1', 'read-only');
        await member(s, 'prod', 'dave-2', 'read-only');
      })(),
    ]).then(([w]) => w);
    try {
      expect(watch.status).toBe(200);
      await until(() => watch.lines.length > 0, 5000, 'a watch event');
      const ev = JSON.parse(watch.lines[0]!) as { type: string; object: { metadata: { name: string; resourceVersion: string } } };
      expect(ev.type).toBe('ADDED');
      expect(ev.object.metadata.name).toMatch(/^dave-[12]$/);
      expect(Number(ev.object.metadata.resourceVersion)).toBeGreaterThan(Number(next));
    } finally {
      watch.close();
    }
  });

  it('a watch or list at a non-numeric resourceVersion is a 400', async () => {
    expect((await call(s, 'GET', `${G}/clusters?watch=1&resourceVersion=abc`, carol)).status).toBe(400);
  });
});

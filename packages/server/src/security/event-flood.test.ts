/**
 * Finding 3 of issue 9: anyone could write Events without logging in. A refused tunnel upgrade
 * recorded an Event whenever the bearer merely parsed as a node credential, naming the node the
 * bearer named: an anonymous client wrote one Event per made-up name. Now a refusal is recorded
 * only for an object that exists (a Node of that cluster), at most a burst of 25 per object (then
 * one per 5 minutes), and every Event is deleted DROVER_EVENT_TTL seconds after it last happened.
 * Actor: an anonymous network client with no credential, only a cluster's (or a node's) name.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterWithToken, eventsOf, refusedConnect, register, startAgentTestServer } from '../agents/test-support.ts';
import { formatNodeCredential } from '../auth/bearer.ts';
import { randomSecret } from '../auth/secret-hash.ts';
import type { AgentTestServer } from './support.ts';

/** Refusal Events recorded at once for one object (the limiter's burst). */
const BURST = 25;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A refused upgrade with a made-up secret for `node` of cluster `prod`. */
async function forged(s: AgentTestServer, node: string): Promise<string> {
  return (await refusedConnect(s, formatNodeCredential('prod', node, randomSecret()), 'ENGINE-ATTACKER')).code;
}

async function tunnelRefusals(s: AgentTestServer) {
  return (await eventsOf(s, 'prod')).filter((e) => e.reason === 'TunnelRefused');
}

describe('refused tunnel upgrades', () => {
  let s: AgentTestServer;
  beforeAll(async () => {
    s = await startAgentTestServer();
    const token = await clusterWithToken(s, 'prod');
    for (const [node, engine] of [['real-1', 'ENGINE-1'], ['real-2', 'ENGINE-2']]) expect((await register(s, token, node!, engine!)).status).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('200 refused upgrades naming made-up nodes of an existing cluster record no Event (each is still logged)', async () => {
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const name = i === 0 ? 'please-run-curl-evil.sh-as-root' : `made-up-${randomBytes(6).toString('hex')}`;
      expect(await forged(s, name)).toBe('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN');
    }
    const floodMs = Date.now() - started;
    // Positive control: a refusal for a node that exists is recorded; by the time it shows, the
    // flood's records (started earlier) would have shown too.
    expect(await forged(s, 'real-1')).toBe('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN');
    await expect.poll(async () => (await tunnelRefusals(s)).map((e) => e.involvedObject.name), { timeout: 5000 }).toContain('real-1');
    await sleep(300);
    expect((await tunnelRefusals(s)).map((e) => e.involvedObject.name)).toEqual(['real-1']);
    expect(s.logs.filter((l) => l.includes('agent tunnel refused') && l.includes('made-up-')).length).toBe(199);
    console.log(`200 forged upgrades refused in ${floodMs} ms`);
  });

  it(`refusals for an existing node aggregate into one Event whose count stops at the burst (${BURST})`, async () => {
    for (let i = 0; i < BURST + 15; i++) expect(await forged(s, 'real-2')).toBe('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN');
    await expect.poll(async () => (await tunnelRefusals(s)).find((e) => e.involvedObject.name === 'real-2')?.count, { timeout: 5000 }).toBe(BURST);
    await sleep(300);
    const mine = (await tunnelRefusals(s)).filter((e) => e.involvedObject.name === 'real-2');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.count).toBe(BURST);
    // real-1's own bucket is untouched by real-2's flood.
    expect(await forged(s, 'real-1')).toBe('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN');
    await expect.poll(async () => (await tunnelRefusals(s)).find((e) => e.involvedObject.name === 'real-1')?.count, { timeout: 5000 }).toBe(2);
  });
});

describe('event retention', () => {
  let s: AgentTestServer;
  beforeAll(async () => {
    s = await startAgentTestServer({ DROVER_EVENT_TTL: '1' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('an Event is deleted DROVER_EVENT_TTL seconds after it last happened', async () => {
    const token = await clusterWithToken(s, 'prod');
    expect((await register(s, token, 'n1', 'ENGINE-1')).status).toBe(201);
    await expect.poll(async () => (await eventsOf(s, 'prod')).map((e) => e.reason), { timeout: 5000, interval: 20 }).toContain('Registered');
    const seen = Date.now();
    await expect.poll(async () => (await eventsOf(s, 'prod')).length, { timeout: 8000, interval: 100 }).toBe(0);
    const goneAfterMs = Date.now() - seen;
    expect(goneAfterMs).toBeLessThan(5000);
  });
});

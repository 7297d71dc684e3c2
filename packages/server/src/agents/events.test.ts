import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { eventName, recordEvent } from './events.ts';
import type { EventInput } from './events.ts';
import { nodeConditions, withState } from './node-status.ts';

let t: TempStore;
beforeAll(async () => {
  t = await createTempStore();
  await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c' } });
});
afterAll(async () => {
  await t.cleanup();
});

const input: EventInput = { cluster: 'c', involvedObject: { kind: 'Node', name: 'n' }, reason: 'TunnelRefused', message: 'refused', type: 'Warning' };

describe('recordEvent', () => {
  it('aggregates repeats into one Event with a count; concurrent repeats lose nothing', async () => {
    await recordEvent(t.store, input, new Date('2026-01-01T00:00:00Z'));
    await Promise.all([1, 2, 3].map(() => recordEvent(t.store, input, new Date('2026-01-01T00:01:00Z'))));
    const ev = await t.store.get(RESOURCES.events, 'c', eventName(input));
    expect(ev).toMatchObject({ count: 4, reason: 'TunnelRefused', message: 'refused', type: 'Warning', firstTimestamp: '2026-01-01T00:00:00.000Z', lastTimestamp: '2026-01-01T00:01:00.000Z', involvedObject: { kind: 'Node', name: 'n', namespace: 'c' } });
    await recordEvent(t.store, { ...input, message: 'other' }, new Date());
    expect((await t.store.list(RESOURCES.events, { namespace: 'c' })).items).toHaveLength(2);
  });

  it('records nothing for a cluster that does not exist', async () => {
    await recordEvent(t.store, { ...input, cluster: 'gone' }, new Date());
    expect((await t.store.list(RESOURCES.events, { namespace: 'gone' })).items).toEqual([]);
  });
});

describe('node conditions', () => {
  it('mirror the state and move lastTransitionTime only when their status changes', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const t1 = new Date('2026-01-01T00:05:00Z');
    const connected = withState({}, 'Connected', 'agent connected', t0);
    expect(connected.conditions).toEqual([
      { type: 'Connected', status: 'True', reason: 'AgentConnected', message: 'agent connected', lastTransitionTime: t0.toISOString() },
      { type: 'Ready', status: 'True', reason: 'AgentConnected', message: 'agent connected', lastTransitionTime: t0.toISOString() },
    ]);
    const still = withState(connected, 'Connected', 'agent connected again', t1);
    expect(still.since).toBe(t0.toISOString());
    expect(still.conditions?.[0]?.lastTransitionTime).toBe(t0.toISOString());
    const down = withState(still, 'Disconnected', 'tunnel closed: peer timeout', t1);
    expect(down).toMatchObject({ state: 'Disconnected', since: t1.toISOString() });
    expect(nodeConditions('Registering', 'x', t1, down.conditions)[0]).toMatchObject({ status: 'False', lastTransitionTime: t1.toISOString(), reason: 'AgentRegistering' });
  });
});

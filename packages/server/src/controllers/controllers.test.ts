import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '@drover/store';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { NODE_CREDENTIALS } from '../agents/node-credentials.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { ago, rollUp, rollUpNodes } from './cluster-status.ts';
import type { StatusCondition } from './conditions.ts';
import { createControllers } from './index.ts';
import { registrationTokenState } from './registration-token-expiry.ts';

const logger = pino({ level: 'silent' });
const secretBox = createSecretBox(randomBytes(32));
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const node = (name: string, state?: string, since?: string): StoredObject => ({
    apiVersion: API_VERSION,
    kind: 'Node',
    metadata: { name, namespace: 'c1', uid: name, resourceVersion: '1', creationTimestamp: '' },
    spec: { roles: ['worker'] },
  status: state === undefined ? {} : { state, ...(since === undefined ? {} : { since }) },
});

describe('rollUpNodes', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  it('waits for nodes', () => {
    expect(rollUpNodes([], now)).toEqual({ state: 'Waiting', reason: 'waiting for nodes', nodes: { total: 0, connected: 0 } });
  });
  it('counts connected nodes and names the disconnected ones, longest down first', () => {
    expect(rollUpNodes([node('node-1', 'Connected'), node('node-2', 'Connected')], now).reason).toBe('2 of 2 nodes connected');
    const r = rollUpNodes([node('node-1', 'Connected'), node('node-2', 'Disconnected', minutesAgo(3)), node('node-3', 'Connected')], now);
    expect(r).toMatchObject({ state: 'Degraded', reason: '2 of 3 nodes connected; node-2 disconnected 3 m ago', nodes: { total: 3, connected: 2 } });
    expect(r.changesInMs).toBe(60_000);
    const many = rollUpNodes(
      [node('a', 'Disconnected', minutesAgo(1)), node('b', 'Disconnected', minutesAgo(300)), node('c'), node('d', 'Disconnected'), node('e', 'Disconnected', minutesAgo(0.5))],
      now,
    );
    expect(many.reason).toBe('0 of 5 nodes connected; d disconnected, b disconnected 5 h ago, a disconnected 1 m ago and 2 more');
  });
  it('formats ages', () => {
    expect(ago(10_000)).toEqual({ text: 'just now', changesInMs: 50_000 });
    expect(ago(61_000).text).toBe('1 m ago');
    expect(ago(3 * 3600_000).text).toBe('3 h ago');
    expect(ago(3 * 86400_000).text).toBe('3 d ago');
  });
});

describe('rollUp (nodes and conditions)', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string): StatusCondition => ({ type, status, reason, message, lastTransitionTime: now.toISOString() });
  const up = [node('n1', 'Connected'), node('n2', 'Connected')];
  const planned = cond('PlanReady', 'True', 'Planned', '2 nodes planned');
  const provisioned = cond('Provisioned', 'True', 'Provisioned', '2 nodes provisioned');
  it('no nodes: Waiting, whatever the conditions say', () => {
    expect(rollUp([], [planned], now).state).toBe('Waiting');
  });
  it('an invalid spec is an Error naming the field', () => {
    expect(rollUp(up, [cond('PlanReady', 'False', 'InvalidSpec', 'spec.kubernetesVersion: v9.9.9 is not supported')], now)).toEqual({
      state: 'Error',
      reason: 'invalid spec: spec.kubernetesVersion: v9.9.9 is not supported',
      nodes: { total: 2, connected: 2 },
    });
  });
  it('Provisioning until Provisioned, with the step in the reason', () => {
    expect(rollUp(up, [], now)).toMatchObject({ state: 'Provisioning', reason: 'plan: waiting for plans' });
    expect(rollUp(up, [cond('PlanReady', 'False', 'WaitingForNodes', 'waiting for a node with the etcd role')], now).reason).toBe('plan: waiting for a node with the etcd role');
    const etcd = cond('Provisioned', 'False', 'Provisioning', 'etcd: waiting for 3 members healthy (0 of 3 healthy)');
    expect(rollUp(up, [planned, etcd], now)).toMatchObject({ state: 'Provisioning', reason: 'etcd: waiting for 3 members healthy (0 of 3 healthy)' });
    // Connectivity does not make a cluster that is still provisioning Degraded.
    expect(rollUp([node('n1', 'Connected'), node('n2', 'Disconnected')], [planned, etcd], now).state).toBe('Provisioning');
  });
  it('Active when Provisioned and every node connected; Degraded when a node is down or a condition turned False', () => {
    expect(rollUp(up, [planned, provisioned], now)).toEqual({ state: 'Active', reason: '2 of 2 nodes connected', nodes: { total: 2, connected: 2 } });
    expect(rollUp([node('n1', 'Connected'), node('n2', 'Disconnected')], [planned, provisioned], now)).toMatchObject({ state: 'Degraded', reason: '1 of 2 nodes connected; n2 disconnected' });
    const cp = cond('ControlPlaneReady', 'False', 'ApplyFailed', 'kube-apiserver on n1 failed: health check timed out');
    expect(rollUp(up, [planned, provisioned, cp], now)).toMatchObject({ state: 'Degraded', reason: '2 of 2 nodes connected; controlplane: kube-apiserver on n1 failed: health check timed out' });
  });
});

describe('registrationTokenState', () => {
  const tok = (spec: object, status: object) => ({ spec, status }) as unknown as StoredObject;
  it('derives Active / Expired / Revoked', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(registrationTokenState(tok({}, { expiresAt: '2030-01-01T00:00:05Z' }), now)).toEqual({ state: 'Active', changesInMs: 5000 });
    expect(registrationTokenState(tok({}, { expiresAt: '2029-12-31T00:00:00Z' }), now)).toEqual({ state: 'Expired' });
    expect(registrationTokenState(tok({ revoked: true }, { expiresAt: '2030-02-01T00:00:00Z' }), now)).toEqual({ state: 'Revoked' });
    expect(registrationTokenState(tok({}, {}), now)).toEqual({ state: 'Expired' });
  });
});

describe('controllers on a real store', () => {
  it('expires a registration token at expiresAt and marks revoked ones', async () => {
    const c = createControllers({ store: t.store, logger, secretBox });
    await c.start();
    try {
      const mk = (name: string, expiresAt: string) =>
        t.store.create(RESOURCES.registrationtokens, {
          apiVersion: API_VERSION, kind: 'RegistrationToken', metadata: { name, namespace: 'c1' }, spec: {}, status: { expiresAt },
        });
      const stateOf = async (name: string) => ((await t.store.get(RESOURCES.registrationtokens, 'c1', name)).status as { state?: string }).state;
      const state = () => stateOf('rt1');
      await mk('rt0', new Date(Date.now() + 3600_000).toISOString());
      await expect.poll(() => stateOf('rt0'), { timeout: 5000 }).toBe('Active');
      // rt1 expires with no further write to it: the controller requeues itself for expiresAt.
      const expiresAt = new Date(Date.now() + 400).toISOString();
      await mk('rt1', expiresAt);
      await expect.poll(state, { timeout: 5000 }).toBe('Expired');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
      expect(await stateOf('rt0')).toBe('Active');

      const cur = await t.store.get(RESOURCES.registrationtokens, 'c1', 'rt1');
      await t.store.update(RESOURCES.registrationtokens, { ...cur, spec: { revoked: true } });
      await expect.poll(state, { timeout: 5000 }).toBe('Revoked');
    } finally {
      await c.close();
    }
  });

  it('rolls up cluster status as nodes come and go', async () => {
    const c = createControllers({ store: t.store, logger, secretBox });
    await c.start();
    try {
      await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
      const status = async () => (await t.store.get(RESOURCES.clusters, '', 'c1')).status as { state?: string; reason?: string };
      await expect.poll(status, { timeout: 5000 }).toMatchObject({ state: 'Waiting', reason: 'waiting for nodes' });
      // Merged in next to the plan controller's PlanReady, retrying a conflict with its writes.
      const setCondition = async (condition: StatusCondition) => {
        for (let attempt = 0; attempt < 10; attempt++) {
          const cur = await t.store.get(RESOURCES.clusters, '', 'c1');
          const conditions = [...((cur.status as { conditions?: StatusCondition[] }).conditions ?? []), condition];
          const ok = await t.store.update(RESOURCES.clusters, { ...cur, status: { ...(cur.status as object), conditions } }, { expectedResourceVersion: cur.metadata.resourceVersion }).then(() => true, () => false);
          if (ok) return;
        }
        throw new Error('could not set the condition');
      };
      let ip = 0;
      const mk = async (name: string, state: string, since?: string) =>
        t.store.create(RESOURCES.nodes, { ...node(name, state, since), metadata: { name, namespace: 'c1' }, spec: { roles: ['etcd', 'controlplane', 'worker'], address: `10.0.0.${++ip}` } });
      await mk('node-1', 'Connected');
      await mk('node-2', 'Connected');
      await mk('node-3', 'Connected');
      // Planned, not provisioned (no PlanApplier here, so no provision controller): Provisioning.
      await expect.poll(status, { timeout: 10_000 }).toMatchObject({ state: 'Provisioning', reason: 'waiting to provision' });
      // As the provision controller says once done.
      await setCondition({ type: 'Provisioned', status: 'True', reason: 'Provisioned', message: '3 nodes provisioned', lastTransitionTime: new Date().toISOString() });
      await expect.poll(status, { timeout: 5000 }).toMatchObject({ state: 'Active', reason: '3 of 3 nodes connected' });
      const n2 = await t.store.get(RESOURCES.nodes, 'c1', 'node-2');
      await t.store.update(RESOURCES.nodes, { ...n2, status: { state: 'Disconnected', since: new Date(Date.now() - 3 * 60_000 - 1000).toISOString() } });
      await expect.poll(status, { timeout: 5000 }).toMatchObject({ state: 'Degraded', reason: '2 of 3 nodes connected; node-2 disconnected 3 m ago' });
      await t.store.delete(RESOURCES.nodes, 'c1', 'node-2');
      await expect.poll(status, { timeout: 5000 }).toMatchObject({ state: 'Active', reason: '2 of 2 nodes connected' });
      // Other clusters' nodes do not count.
      await t.store.create(RESOURCES.nodes, { ...node('x', 'Connected'), metadata: { name: 'x', namespace: 'c2' } });
      await c.idle();
      expect((await status()).reason).toBe('2 of 2 nodes connected');
    } finally {
      await c.close();
    }
  });

  it('close() stops the watches: later writes are not reconciled', async () => {
    const c = createControllers({ store: t.store, logger, secretBox });
    await c.start();
    await c.close();
    await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c9' }, spec: {} });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.store.get(RESOURCES.clusters, '', 'c9')).status).toBeUndefined();
  });
});

describe('token cleanup', () => {
  it('deletes tokens once they have been expired for the retention time', async () => {
    const c = createControllers({ store: t.store, logger, secretBox, tokenRetentionMs: 300 });
    await c.start();
    try {
      const mk = (name: string, expiresAt: number) =>
        t.store.create(RESOURCES.tokens, { apiVersion: API_VERSION, kind: 'Token', metadata: { name }, spec: { user: 'u' }, status: { expiresAt: new Date(expiresAt).toISOString() } });
      await mk('old', Date.now() - 10_000);
      await mk('fresh', Date.now() + 3600_000);
      await mk('soon', Date.now());
      const names = async () => (await t.store.list(RESOURCES.tokens)).items.map((i) => i.metadata.name);
      await expect.poll(names, { timeout: 5000 }).toEqual(['fresh']);
    } finally {
      await c.close();
    }
  });
});

describe('node credential cleanup', () => {
  it('deletes a record with no live credential once its last revocation is past the retention time', async () => {
    const c = createControllers({ store: t.store, logger, secretBox, tokenRetentionMs: 300 });
    await c.start();
    try {
      const at = (ms: number) => new Date(ms).toISOString();
      const mk = (name: string, spec: object) => t.store.create(NODE_CREDENTIALS, { apiVersion: 'internal.drover.dev/v1', kind: 'NodeCredential', metadata: { name, namespace: 'c1' }, spec });
      await mk('live', { engineId: 'E', current: { id: 'a', secretHash: 'x', issuedAt: at(0) }, revoked: [{ id: 'b', secretHash: 'y', revokedAt: at(0), reason: 'r' }] });
      await mk('revoked-long-ago', { engineId: 'E', revoked: [{ id: 'b', secretHash: 'y', revokedAt: at(Date.now() - 10_000), reason: 'the node was deleted' }] });
      await mk('revoked-now', { engineId: 'E', revoked: [{ id: 'b', secretHash: 'y', revokedAt: at(Date.now()), reason: 'the cluster was deleted' }] });
      const names = async () => (await t.store.list(NODE_CREDENTIALS)).items.map((i) => i.metadata.name);
      await expect.poll(names, { timeout: 5000 }).toEqual(['live']);
    } finally {
      await c.close();
    }
  });
});

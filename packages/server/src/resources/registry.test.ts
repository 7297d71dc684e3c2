import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiContext } from '../api/context.ts';
import { createTestAuthorizer } from '../api/test-support/test-api.ts';
import { createTempStore, testUser } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { clusters, registry } from './index.ts';
import { createRegistry } from './registry.ts';
import { widgets } from './test-support/widget.ts';

let t: TempStore;
beforeAll(async () => {
  t = await createTempStore();
});
afterAll(async () => t.cleanup());

describe('the registry', () => {
  it('refuses a kind defined twice and hooks for a kind nobody serves', () => {
    expect(() => createRegistry([...registry.resources, clusters])).toThrow(/defined twice/);
    expect(() => createApiContext({ store: t.store, authorizer: createTestAuthorizer(), kinds: registry.kinds, hooks: { Clutser: {} }, version: { drover: '0' } })).toThrow(/hooks for kind "Clutser"/);
  });

  it('cascades a Cluster delete to every Namespaced kind, a new one included', () => {
    expect(registry.namespaced.map((r) => r.def.plural)).toEqual(['nodes', 'registrationtokens', 'clustermembers', 'events']);
    expect(createRegistry([...registry.resources, widgets]).namespaced.map((r) => r.def.plural)).toContain('widgets');
  });

  it('merges the rules of kinds with the same verbs', () => {
    const reg = createRegistry([...registry.resources, widgets]);
    const rules = reg.rules(testUser('max'), 'c1', 'member');
    expect(rules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['management.drover.dev'], resources: ['nodes', 'registrationtokens', 'clustermembers', 'events'] });
    expect(rules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['test.drover.dev'], resources: ['widgets'] });
    expect(rules).toContainEqual({ verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], apiGroups: ['test.drover.dev'], resources: ['widgets'] });
  });
});

describe('a typed client', () => {
  it('reads and writes a kind with its own types', async () => {
    const client = widgets.client(t.store);
    expect(widgets.key('c1', 'w')).toEqual({ resource: 'test.drover.dev/widgets', namespace: 'c1', name: 'w' });
    expect(await client.tryGet('c1', 'w')).toBeUndefined();
    const created = await client.create({ metadata: { name: 'w', namespace: 'c1' }, spec: { colour: 'teal' } });
    expect([created.apiVersion, created.kind, created.spec?.colour]).toEqual(['test.drover.dev/v1alpha1', 'Widget', 'teal']);
    const ready = await client.updateStatus(created, { ready: true });
    expect((await client.get('c1', 'w')).status?.ready).toBe(true);
    await expect(client.updateStatus(created, { ready: false })).rejects.toMatchObject({ code: 'DROVER_ERR_STORE_CONFLICT' });
    expect((await client.list({ namespace: 'c1' })).map((w) => w.metadata.name)).toEqual(['w']);
    await client.delete('c1', 'w', { expectedResourceVersion: ready.metadata.resourceVersion });
    expect(await client.tryGet('c1', 'w')).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiContext } from '../api/context.ts';
import { createTestAuthorizer } from '../api/test-support/test-api.ts';
import { createTempStore, testUser } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { clusters, registry } from './index.ts';
import { createRegistry } from './registry.ts';
import { widgets } from './test-support/widget.ts';
import type { ClusterRole } from '../auth/memberships.ts';
import { clusterMembership } from './access.ts';
import { syncBuiltins } from './builtins.ts';
import { defineResource } from './define-resource.ts';
import { Type } from '@sinclair/typebox';

const clusterOptions = { kind: 'Cluster', plural: 'clusters', scope: 'Cluster', description: 'c', schema: {}, statusSubresource: false, printerColumns: [] } as const;
const releaseOptions = {
  group: 'builtin.test',
  kind: 'Release',
  plural: 'releases',
  scope: 'Cluster',
  description: 'r',
  schema: { spec: Type.Optional(Type.Object({ channel: Type.String() })) },
  statusSubresource: false,
  printerColumns: [],
  verbs: ['get', 'list', 'watch'],
  access: clusterMembership(),
} as const;

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
    expect(registry.namespaced.map((r) => r.def.plural)).toEqual(['nodes', 'registrationtokens', 'clustermembers', 'events', 'plans']);
    expect(createRegistry([...registry.resources, widgets]).namespaced.map((r) => r.def.plural)).toContain('widgets');
  });

  it('merges the rules of kinds with the same verbs', () => {
    const reg = createRegistry([...registry.resources, widgets]);
    const rules = reg.rules(testUser('max'), 'c1', 'member');
    expect(rules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['management.drover.dev'], resources: ['nodes', 'registrationtokens', 'clustermembers', 'events', 'auditevents', 'kubernetesversions', 'plans'] });
    expect(rules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: ['test.drover.dev'], resources: ['widgets'] });
    expect(rules).toContainEqual({ verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], apiGroups: ['test.drover.dev'], resources: ['widgets'] });
  });
});

describe('access policies', () => {
  it('grant a subresource such as clusters/proxy to members of at least its role', async () => {
    const policy = clusterMembership({ subresources: { proxy: 'member' } });
    const roles: Record<string, ClusterRole> = { 'uid-olga': 'owner', 'uid-max': 'member', 'uid-rita': 'read-only' };
    const ctx = { store: t.store, resource: clusters.resource, roleIn: (uid: string, cluster: string) => Promise.resolve(cluster === 'c1' ? roles[uid] : undefined) };
    const proxy = (user: string, name = 'c1') => policy.allowed(testUser(user), { verb: 'get', group: 'management.drover.dev', resource: 'clusters', subresource: 'proxy', name }, ctx);
    expect([await proxy('olga'), await proxy('max'), await proxy('rita'), await proxy('sam'), await proxy('max', 'c2')]).toEqual([true, true, false, false, false]);
    const status = await policy.allowed(testUser('olga'), { verb: 'update', group: 'management.drover.dev', resource: 'clusters', subresource: 'status', name: 'c1' }, ctx);
    expect(status).toBe(false);
    expect(policy.rules(testUser('max'), 'c1', 'member')).toContainEqual({ verbs: ['*'], resourceNames: ['c1'], subresource: 'proxy' });
    const reg = createRegistry([defineResource({ ...clusterOptions, access: policy })]);
    expect(reg.rules(testUser('max'), 'c1', 'member')).toContainEqual({ verbs: ['*'], apiGroups: ['management.drover.dev'], resources: ['clusters/proxy'], resourceNames: ['c1'] });
  });
});

describe('built-in objects', () => {
  it('make the store hold exactly the data: missing created, changed replaced, dropped deleted', async () => {
    let data = [
      { metadata: { name: 'a' }, spec: { channel: 'stable' } },
      { metadata: { name: 'b' }, spec: { channel: 'rapid' } },
    ];
    const kind = defineResource({ ...releaseOptions, builtins: () => data });
    const reg = createRegistry([kind]);
    expect(await syncBuiltins(t.store, reg)).toEqual({ created: 2, updated: 0, deleted: 0 });
    const a = await kind.client(t.store).get('', 'a');
    expect(await syncBuiltins(t.store, reg)).toEqual({ created: 0, updated: 0, deleted: 0 });
    data = [{ metadata: { name: 'a' }, spec: { channel: 'lts' } }];
    expect(await syncBuiltins(t.store, reg)).toEqual({ created: 0, updated: 1, deleted: 1 });
    const a2 = await kind.client(t.store).get('', 'a');
    expect([a2.spec?.channel, a2.metadata.uid, a2.kind]).toEqual(['lts', a.metadata.uid, 'Release']);
    expect(await kind.client(t.store).tryGet('', 'b')).toBeUndefined();
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

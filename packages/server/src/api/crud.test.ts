/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- response bodies are arbitrary JSON walked by assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, TABLE, call, cluster, createCluster } from './test-support/requests.ts';
import { HIDDEN_FROM_LABEL, createTestApi } from './test-support/test-api.ts';
import type { TestApi } from './test-support/test-api.ts';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

const expectStatus = (body: { kind: string; apiVersion: string; status: string; reason: string; code: number }, code: number, reason: string) => {
  expect(body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
};

describe('create', () => {
  it('POST answers 201 with uid, resourceVersion, generation 1 and an Update managedFields entry', async () => {
    const res = await call(t, 'POST', `${G}/clusters?fieldManager=tester`, { body: cluster('create-a', { kubernetesVersion: 'v1.32.4' }) });
    expect(res.status).toBe(201);
    expect(res.body.metadata).toMatchObject({ name: 'create-a', generation: 1 });
    expect(res.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'tester', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:kubernetesVersion': {} } } }),
    ]);
    const got = await call(t, 'GET', `${G}/clusters/create-a`);
    expect(got.body).toEqual(res.body);
  });

  it('generateName gets a random suffix', async () => {
    const res = await call(t, 'POST', `${G}/clusters`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { generateName: 'gen-' } } });
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('a taken name is 409 AlreadyExists', async () => {
    await createCluster(t, 'dup');
    const res = await call(t, 'POST', `${G}/clusters`, { body: cluster('dup') });
    expect(res.status).toBe(409);
    expectStatus(res.body, 409, 'AlreadyExists');
    expect(res.body.message).toBe('clusters.management.drover.dev "dup" already exists');
    expect(res.body.details).toMatchObject({ name: 'dup', group: 'management.drover.dev', kind: 'clusters' });
  });

  it('bad JSON is a 400 BadRequest Status', async () => {
    const res = await call(t, 'POST', `${G}/clusters`, { raw: '{"metadata":' });
    expectStatus(res.body, 400, 'BadRequest');
    expect(res.headers['drover-error-code']).toBe('DROVER_ERR_API_BAD_REQUEST');
  });

  it('schema violations are 422 Invalid with a cause per field', async () => {
    const res = await call(t, 'POST', `${G}/clusters`, {
      body: cluster('Bad_Name', { kubernetesVersion: 7, privateRegistries: [{ url: 'r.example' }] }),
    });
    expectStatus(res.body, 422, 'Invalid');
    const fields = (res.body.details.causes as { field: string; reason: string }[]).map((c) => [c.field, c.reason]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['spec.kubernetesVersion', 'FieldValueTypeInvalid'],
        ['spec.privateRegistries[0].default', 'FieldValueRequired'],
        ['metadata.name', 'FieldValueInvalid'],
      ]),
    );
    expect(res.body.message).toMatch(/^Cluster\.management\.drover\.dev "Bad_Name" is invalid: /);
  });

  it('an enum violation names the supported values', async () => {
    await createCluster(t, 'enum-ns');
    const res = await call(t, 'POST', `${G}/namespaces/enum-ns/clustermembers`, {
      body: { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name: 'm' }, spec: { user: 'bob', role: 'boss' } },
    });
    expectStatus(res.body, 422, 'Invalid');
    expect(res.body.details.causes[0]).toMatchObject({ field: 'spec.role', reason: 'FieldValueNotSupported' });
    expect(res.body.details.causes[0].message).toContain('"read-only"');
  });

  it('unknown fields: Warn (default) drops them with a Warning header; Strict refuses naming them; never stored', async () => {
    const warn = await call(t, 'POST', `${G}/clusters`, { body: cluster('unk-a', { kubernetesVersion: 'v1', colour: 'red' }) });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toEqual(['299 - "unknown field \\"spec.colour\\""']);
    expect(warn.body.spec).toEqual({ kubernetesVersion: 'v1' });
    const stored = await t.store.get('management.drover.dev/clusters', '', 'unk-a');
    expect(stored.spec).toEqual({ kubernetesVersion: 'v1' });

    const strict = await call(t, 'POST', `${G}/clusters?fieldValidation=Strict`, { body: cluster('unk-b', { colour: 'red' }) });
    expectStatus(strict.body, 400, 'BadRequest');
    expect(strict.body.message).toContain('unknown field "spec.colour"');
    expect((await call(t, 'GET', `${G}/clusters/unk-b`)).status).toBe(404);

    const ignore = await call(t, 'POST', `${G}/clusters?fieldValidation=Ignore`, { body: cluster('unk-c', { colour: 'red' }) });
    expect(ignore.status).toBe(201);
    expect(ignore.headers.warning).toBeUndefined();
  });

  it('dryRun=All returns the would-be object, stores nothing and advances no resourceVersion', async () => {
    const before = await t.store.currentResourceVersion();
    const res = await call(t, 'POST', `${G}/clusters?dryRun=All`, { body: cluster('dry') });
    expect(res.status).toBe(201);
    expect(res.body.metadata.uid).toBeDefined();
    expect(res.body.metadata.resourceVersion).toBeUndefined();
    expect((await call(t, 'GET', `${G}/clusters/dry`)).status).toBe(404);
    expect(await t.store.currentResourceVersion()).toBe(before);
    expect((await call(t, 'POST', `${G}/clusters?dryRun=Some`, { body: cluster('dry') })).body.reason).toBe('BadRequest');
  });

  it('namespaced kinds need an existing Cluster as namespace (404 namespaces "x" not found)', async () => {
    const res = await call(t, 'POST', `${G}/namespaces/nowhere/clustermembers`, {
      body: { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name: 'm' }, spec: { user: 'bob', role: 'member' } },
    });
    expectStatus(res.body, 404, 'NotFound');
    expect(res.body.message).toBe('namespaces "nowhere" not found');
    const mismatch = await call(t, 'POST', `${G}/namespaces/enum-ns/clustermembers`, {
      body: { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name: 'm', namespace: 'other' }, spec: { user: 'bob', role: 'member' } },
    });
    expectStatus(mismatch.body, 400, 'BadRequest');
  });

  it('a wrong kind in the body is a 400', async () => {
    const res = await call(t, 'POST', `${G}/clusters`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'Node', metadata: { name: 'x' } } });
    expectStatus(res.body, 400, 'BadRequest');
  });
});

describe('read', () => {
  it('unknown kinds and paths are 404 Status', async () => {
    for (const url of [`${G}/widgets`, `${G}/clusters/a/b/c`, `${G}/namespaces/x/clusters`, `${G}/clustermembers/x`, '/apis/nope.example/v1', '/api/v1']) {
      const res = await call(t, 'GET', url);
      expectStatus(res.body, 404, 'NotFound');
    }
  });

  it('unauthenticated is 401 Unauthorized', async () => {
    for (const url of [`${G}/clusters`, '/apis', '/openapi/v3']) expectStatus((await call(t, 'GET', url, { user: null })).body, 401, 'Unauthorized');
  });

  it('lists with label and field selectors, limit and continue', async () => {
    await createCluster(t, 'sel-a', {}, { labels: { tier: 'gold' } });
    await createCluster(t, 'sel-b', {}, { labels: { tier: 'silver' } });
    const gold = await call(t, 'GET', `${G}/clusters?labelSelector=tier%3Dgold`);
    expect(gold.body.kind).toBe('ClusterList');
    expect(gold.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['sel-a']);
    const byName = await call(t, 'GET', `${G}/clusters?fieldSelector=metadata.name%3Dsel-b`);
    expect(byName.body.items).toHaveLength(1);
    const page1 = await call(t, 'GET', `${G}/clusters?limit=1`);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.metadata.continue).toBeTruthy();
    const page2 = await call(t, 'GET', `${G}/clusters?limit=1&continue=${encodeURIComponent(page1.body.metadata.continue as string)}`);
    expect(page2.body.items[0].metadata.name).not.toBe(page1.body.items[0].metadata.name);
    expect((await call(t, 'GET', `${G}/clusters?fieldSelector=spec.x%3D1`)).body.reason).toBe('BadRequest');
  });

  it('answers Tables for lists and single gets, rows carrying PartialObjectMetadata', async () => {
    await createCluster(t, 'tbl', { kubernetesVersion: 'v1.30.1' });
    await call(t, 'PATCH', `${G}/clusters/tbl/status`, { body: { status: { state: 'Active', reason: 'all good', nodes: { total: 3, connected: 2 } } }, contentType: 'application/merge-patch+json' });
    const one = await call(t, 'GET', `${G}/clusters/tbl`, { accept: `${TABLE},application/json` });
    expect(one.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(one.body.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'State:0', 'Nodes:0', 'Version:0', 'Age:0', 'Reason:1',
    ]);
    expect(one.body.rows[0].cells.slice(0, 4)).toEqual(['tbl', 'Active', '2/3', 'v1.30.1']);
    expect(one.body.rows[0].cells[5]).toBe('all good');
    expect(one.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'tbl' } });
    expect(one.body.rows[0].object.spec).toBeUndefined();
    const none = await call(t, 'GET', `${G}/clusters?includeObject=None`, { accept: TABLE });
    expect(none.body.rows.every((r: { object?: unknown }) => r.object === undefined)).toBe(true);
    const full = await call(t, 'GET', `${G}/clusters/tbl?includeObject=Object`, { accept: TABLE });
    expect(full.body.rows[0].object.spec).toEqual({ kubernetesVersion: 'v1.30.1' });
    expect((await call(t, 'GET', `${G}/clusters`, { accept: 'application/vnd.kubernetes.protobuf' })).body.reason).toBe('NotAcceptable');
  });

  it('list and all-namespace list span namespaces for namespaced kinds', async () => {
    await createCluster(t, 'ns-1');
    await createCluster(t, 'ns-2');
    for (const ns of ['ns-1', 'ns-2']) {
      const res = await call(t, 'POST', `${G}/namespaces/${ns}/events`, {
        body: { apiVersion: 'management.drover.dev/v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Cluster', name: ns }, reason: 'Test', type: 'Normal' },
      });
      expect(res.status).toBe(201);
      expect(res.body.metadata.namespace).toBe(ns);
    }
    const all = await call(t, 'GET', `${G}/events`);
    expect(all.body.items.map((e: { metadata: { namespace: string } }) => e.metadata.namespace)).toEqual(['ns-1', 'ns-2']);
    const one = await call(t, 'GET', `${G}/namespaces/ns-2/events`);
    expect(one.body.items).toHaveLength(1);
    expect((await call(t, 'POST', `${G}/events`, { body: {} })).body.reason).toBe('MethodNotAllowed');
  });
});

describe('authorization', () => {
  it('forbidden verbs are 403 worded like Kubernetes; the authorizer sees every verb', async () => {
    await createCluster(t, 'guarded');
    t.authz.readOnly.add('reader');
    expect((await call(t, 'GET', `${G}/clusters/guarded`, { user: 'reader' })).status).toBe(200);
    const del = await call(t, 'DELETE', `${G}/clusters/guarded`, { user: 'reader' });
    expectStatus(del.body, 403, 'Forbidden');
    expect(del.body.message).toBe(
      'clusters.management.drover.dev "guarded" is forbidden: User "reader" cannot delete resource "clusters" in API group "management.drover.dev" at the cluster scope',
    );
    const status = await call(t, 'PUT', `${G}/clusters/guarded/status`, { user: 'reader', body: cluster('guarded') });
    expect(status.body.message).toContain('cannot update resource "clusters/status"');
    expect(t.authz.asked.some((a) => a.user === 'reader' && a.attrs.verb === 'update' && a.attrs.subresource === 'status')).toBe(true);
    t.authz.denied.add('nobody');
    const list = await call(t, 'GET', `${G}/namespaces/guarded/nodes`, { user: 'nobody' });
    expect(list.body.message).toBe(
      'nodes.management.drover.dev is forbidden: User "nobody" cannot list resource "nodes" in API group "management.drover.dev" in the namespace "guarded"',
    );
  });

  it('objects the caller cannot see are 404 on get/update/delete and left out of lists', async () => {
    await createCluster(t, 'secret-c', {}, { labels: { [HIDDEN_FROM_LABEL]: 'eve' } });
    const get = await call(t, 'GET', `${G}/clusters/secret-c`, { user: 'eve' });
    expectStatus(get.body, 404, 'NotFound');
    expect(get.body.message).toBe('clusters.management.drover.dev "secret-c" not found');
    expect((await call(t, 'DELETE', `${G}/clusters/secret-c`, { user: 'eve' })).status).toBe(404);
    expect((await call(t, 'PATCH', `${G}/clusters/secret-c`, { user: 'eve', body: {}, contentType: 'application/merge-patch+json' })).status).toBe(404);
    const list = await call(t, 'GET', `${G}/clusters`, { user: 'eve' });
    expect(list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).not.toContain('secret-c');
    const create = await call(t, 'POST', `${G}/namespaces/secret-c/clustermembers`, {
      user: 'eve',
      body: { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name: 'me' }, spec: { user: 'eve', role: 'owner' } },
    });
    expect(create.body.message).toBe('namespaces "secret-c" not found');
  });
});

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call -- response bodies are arbitrary JSON walked by assertions */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KindHooks } from './contract.ts';
import { DroverError } from '../errors.ts';
import { G, call, cluster, createCluster } from './test-support/requests.ts';
import { createTestApi } from './test-support/test-api.ts';
import type { TestApi } from './test-support/test-api.ts';

const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const calls: string[] = [];
const hooks: Record<string, KindHooks> = {
  RegistrationToken: {
    beforeCreate: (obj, ctx) => {
      calls.push(`beforeCreate dryRun=${ctx.dryRun}`);
      obj.status = { state: 'Active', secretHash: 'hash', token: 'leaked-if-stored' };
      return Promise.resolve();
    },
    afterCreate: (_obj, ctx) => {
      calls.push(`afterCreate dryRun=${ctx.dryRun}`);
      return Promise.resolve({ status: { token: 'secret-once' } });
    },
    beforeDelete: (obj) => (obj.metadata as { name: string }).name === 'keep' ? Promise.reject(new DroverError('DROVER_ERR_API_INVALID', 'keep me')) : Promise.resolve(),
  },
};

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi({ hooks });
  await createCluster(t, 'home');
});
afterAll(async () => {
  await t.close();
});

/** The object with metadata.resourceVersion set, as a replace must carry it. */
function withRv<T extends { metadata: Record<string, unknown> }>(obj: T, rv: string): T {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: rv } };
}

describe('update (PUT)', () => {
  it('a stale metadata.resourceVersion is 409 Conflict; none is 422 Invalid, as for custom resources', async () => {
    const c = await createCluster(t, 'put-a', { kubernetesVersion: 'v1' });
    const ok = await call(t, 'PUT', `${G}/clusters/put-a`, { body: { ...cluster('put-a', { kubernetesVersion: 'v2' }), metadata: { name: 'put-a', resourceVersion: c.metadata.resourceVersion } } });
    expect(ok.status).toBe(200);
    expect(ok.body.metadata.generation).toBe(2);
    const stale = await call(t, 'PUT', `${G}/clusters/put-a`, { body: { ...cluster('put-a', { kubernetesVersion: 'v3' }), metadata: { name: 'put-a', resourceVersion: c.metadata.resourceVersion } } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409 });
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on clusters.management.drover.dev "put-a": the object has been modified; please apply your changes to the latest version and try again',
    );
    const blind = await call(t, 'PUT', `${G}/clusters/put-a`, { body: cluster('put-a', { kubernetesVersion: 'v3' }) });
    expect(blind.status).toBe(422);
    expect(blind.body.details.causes).toEqual([expect.objectContaining({ field: 'metadata.resourceVersion' })]);
    expect((await call(t, 'PUT', `${G}/clusters/other`, { body: cluster('put-a') })).body.reason).toBe('BadRequest');
    expect((await call(t, 'PUT', `${G}/clusters/missing`, { body: cluster('missing') })).status).toBe(404);
  });

  it('an unchanged object is not written (no new resourceVersion)', async () => {
    const c = await createCluster(t, 'noop', { kubernetesVersion: 'v1' });
    const res = await call(t, 'PUT', `${G}/clusters/noop?fieldManager=a`, { body: withRv(cluster('noop', { kubernetesVersion: 'v1' }), c.metadata.resourceVersion) });
    expect(res.body.metadata.resourceVersion).toBe(c.metadata.resourceVersion);
  });

  it('dryRun update persists nothing', async () => {
    const c = await createCluster(t, 'dry-up', { kubernetesVersion: 'v1' });
    const before = await t.store.currentResourceVersion();
    const res = await call(t, 'PUT', `${G}/clusters/dry-up?dryRun=All`, { body: withRv(cluster('dry-up', { kubernetesVersion: 'v9' }), c.metadata.resourceVersion) });
    expect(res.body.spec.kubernetesVersion).toBe('v9');
    expect(res.body.metadata.generation).toBe(2);
    expect((await call(t, 'GET', `${G}/clusters/dry-up`)).body.metadata.resourceVersion).toBe(c.metadata.resourceVersion);
    expect(await t.store.currentResourceVersion()).toBe(before);
  });
});

describe('status subresource and generation', () => {
  it('writes to the object ignore status; /status ignores everything else; generation follows spec only', async () => {
    const created = await createCluster(t, 'st', { kubernetesVersion: 'v1' });
    const main = await call(t, 'PUT', `${G}/clusters/st`, { body: withRv({ ...cluster('st', { kubernetesVersion: 'v1' }, { labels: { a: 'b' } }), status: { state: 'Hacked' } }, created.metadata.resourceVersion) });
    expect(main.body.status).toBeUndefined();
    expect(main.body.metadata.generation).toBe(1);
    expect(main.body.metadata.labels).toEqual({ a: 'b' });
    const st = await call(t, 'PUT', `${G}/clusters/st/status`, { body: withRv({ ...cluster('st', { kubernetesVersion: 'v99' }, { labels: { x: 'y' } }), status: { state: 'Active' } }, main.body.metadata.resourceVersion as string) });
    expect(st.status).toBe(200);
    expect(st.body.status).toEqual({ state: 'Active' });
    expect(st.body.spec.kubernetesVersion).toBe('v1');
    expect(st.body.metadata.labels).toEqual({ a: 'b' });
    expect(st.body.metadata.generation).toBe(1);
    expect(st.body.metadata.managedFields.find((m: { subresource?: string }) => m.subresource === 'status')).toBeDefined();
    const patched = await call(t, 'PATCH', `${G}/clusters/st`, { body: { spec: { kubernetesVersion: 'v2' }, status: { state: 'Nope' } }, contentType: MERGE });
    expect(patched.body.metadata.generation).toBe(2);
    expect(patched.body.status).toEqual({ state: 'Active' });
    const get = await call(t, 'GET', `${G}/clusters/st/status`);
    expect(get.body.status).toEqual({ state: 'Active' });
    expect((await call(t, 'DELETE', `${G}/clusters/st/status`)).body.reason).toBe('MethodNotAllowed');
    expect((await call(t, 'GET', `${G}/namespaces/home/clustermembers/x/status`)).status).toBe(404);
  });

  it('create ignores status for kinds with a status subresource', async () => {
    const res = await call(t, 'POST', `${G}/clusters`, { body: { ...cluster('st-create'), status: { state: 'Active' } } });
    expect(res.body.status).toBeUndefined();
  });
});

describe('patch', () => {
  it('merge patch merges and deletes with null; json patch applies operations; test failures are 422', async () => {
    await createCluster(t, 'pa', { kubernetesVersion: 'v1', proxy: { httpsProxy: 'http://p', noProxy: 'x' } });
    const merged = await call(t, 'PATCH', `${G}/clusters/pa`, { body: { spec: { proxy: { noProxy: null } } }, contentType: MERGE });
    expect(merged.body.spec).toEqual({ kubernetesVersion: 'v1', proxy: { httpsProxy: 'http://p' } });
    const jp = await call(t, 'PATCH', `${G}/clusters/pa`, { body: [{ op: 'replace', path: '/spec/kubernetesVersion', value: 'v2' }], contentType: JSONPATCH });
    expect(jp.body.spec.kubernetesVersion).toBe('v2');
    const failed = await call(t, 'PATCH', `${G}/clusters/pa`, { body: [{ op: 'test', path: '/spec/kubernetesVersion', value: 'v1' }], contentType: JSONPATCH });
    expect(failed.body).toMatchObject({ reason: 'Invalid', code: 422 });
    const invalid = await call(t, 'PATCH', `${G}/clusters/pa`, { body: { spec: { kubernetesVersion: 5 } }, contentType: MERGE });
    expect(invalid.body.reason).toBe('Invalid');
  });

  it('a resourceVersion in a patch is a precondition', async () => {
    const c = await createCluster(t, 'pre');
    const ok = await call(t, 'PATCH', `${G}/clusters/pre`, { body: { metadata: { resourceVersion: c.metadata.resourceVersion, labels: { a: '1' } } }, contentType: MERGE });
    expect(ok.status).toBe(200);
    const stale = await call(t, 'PATCH', `${G}/clusters/pre`, { body: { metadata: { resourceVersion: c.metadata.resourceVersion, labels: { a: '2' } } }, contentType: MERGE });
    expect(stale.body.reason).toBe('Conflict');
  });

  it('strategic merge patch is 415; other media types too; bad patch bodies are 400', async () => {
    await createCluster(t, 'smp');
    const smp = await call(t, 'PATCH', `${G}/clusters/smp`, { body: {}, contentType: 'application/strategic-merge-patch+json' });
    expect(smp.body).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
    expect((await call(t, 'PATCH', `${G}/clusters/smp`, { body: {}, contentType: 'text/plain' })).status).toBe(415);
    expect((await call(t, 'PATCH', `${G}/clusters/smp`, { body: [], contentType: MERGE })).body.reason).toBe('BadRequest');
    expect((await call(t, 'PATCH', `${G}/clusters/smp`, { raw: '{', contentType: MERGE })).body.reason).toBe('BadRequest');
  });
});

describe('hooks', () => {
  it('run with ctx.dryRun; response-only fields are never stored; hidden fields never shown', async () => {
    calls.length = 0;
    const dry = await call(t, 'POST', `${G}/namespaces/home/registrationtokens?dryRun=All`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'rt' } } });
    expect(dry.status).toBe(201);
    expect(calls).toEqual(['beforeCreate dryRun=true']);
    const res = await call(t, 'POST', `${G}/namespaces/home/registrationtokens`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'rt' } } });
    expect(calls).toEqual(['beforeCreate dryRun=true', 'beforeCreate dryRun=false', 'afterCreate dryRun=false']);
    expect(res.body.status).toEqual({ state: 'Active', token: 'secret-once' });
    const stored = await t.store.get('management.drover.dev/registrationtokens', 'home', 'rt');
    expect(stored.status).toEqual({ state: 'Active', secretHash: 'hash' });
    expect((await call(t, 'GET', `${G}/namespaces/home/registrationtokens/rt`)).body.status).toEqual({ state: 'Active' });
  });

  it('a DroverError thrown by a hook becomes its Status', async () => {
    await call(t, 'POST', `${G}/namespaces/home/registrationtokens`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'keep' } } });
    const res = await call(t, 'DELETE', `${G}/namespaces/home/registrationtokens/keep`);
    expect(res.body).toMatchObject({ reason: 'Invalid', code: 422, message: 'keep me' });
  });
});

describe('delete', () => {
  it('removes and answers a Success Status with the uid; preconditions; dryRun', async () => {
    const c = await createCluster(t, 'del');
    const dry = await call(t, 'DELETE', `${G}/clusters/del?dryRun=All`);
    expect(dry.body).toMatchObject({ kind: 'Status', status: 'Success' });
    expect((await call(t, 'GET', `${G}/clusters/del`)).status).toBe(200);
    const pre = await call(t, 'DELETE', `${G}/clusters/del`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'other' } } });
    expect(pre.body.reason).toBe('Conflict');
    expect((await call(t, 'DELETE', `${G}/clusters/del?propagationPolicy=Sideways`)).body.reason).toBe('BadRequest');
    const res = await call(t, 'DELETE', `${G}/clusters/del`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'del', uid: c.metadata.uid, kind: 'clusters' } });
    expect((await call(t, 'GET', `${G}/clusters/del`)).status).toBe(404);
    expect((await call(t, 'DELETE', `${G}/clusters/del`)).status).toBe(404);
  });

  it('with finalizers marks deletionTimestamp and answers the object; removing the finalizer removes it', async () => {
    await createCluster(t, 'fin', {}, { finalizers: ['drover.dev/test'] });
    const res = await call(t, 'DELETE', `${G}/clusters/fin`);
    expect(res.status).toBe(200);
    expect(res.body.metadata.deletionTimestamp).toBeDefined();
    const still = await call(t, 'GET', `${G}/clusters/fin`);
    expect(still.body.metadata.deletionTimestamp).toBe(res.body.metadata.deletionTimestamp);
    await call(t, 'PATCH', `${G}/clusters/fin`, { body: { metadata: { finalizers: null } }, contentType: MERGE });
    expect((await call(t, 'GET', `${G}/clusters/fin`)).status).toBe(404);
  });

  it('DELETE without a resourceVersion precondition deletes the object a controller wrote meanwhile; with one it is 409', async () => {
    for (const [name, precondition] of [['raced', false], ['raced-pre', true]] as const) {
      const created = await createCluster(t, name);
      const original = t.store.delete.bind(t.store);
      const spy = vi.spyOn(t.store, 'delete').mockImplementationOnce(async (resource, ns, n, opts) => {
        // A controller's status write lands between the handler's read and its delete.
        const cur = await t.store.get(resource, ns, n);
        await t.store.update(resource, { ...cur, status: { ...(cur.status ?? {}), caChecksum: 'x' } });
        return original(resource, ns, n, opts);
      });
      const body = precondition ? { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: created.metadata.resourceVersion } } : undefined;
      const res = await call(t, 'DELETE', `${G}/clusters/${name}`, body === undefined ? {} : { body });
      spy.mockRestore();
      expect(res.status).toBe(precondition ? 409 : 200);
      expect((await call(t, 'GET', `${G}/clusters/${name}`)).status).toBe(precondition ? 200 : 404);
    }
  });

  it('deletecollection deletes what the selector matches', async () => {
    await createCluster(t, 'dc-1', {}, { labels: { batch: 'x' } });
    await createCluster(t, 'dc-2', {}, { labels: { batch: 'x' } });
    const res = await call(t, 'DELETE', `${G}/clusters?labelSelector=batch%3Dx`);
    expect(res.body.items).toHaveLength(2);
    expect((await call(t, 'GET', `${G}/clusters?labelSelector=batch%3Dx`)).body.items).toHaveLength(0);
  });
});

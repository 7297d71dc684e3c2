/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- response bodies are arbitrary JSON walked by assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, call, createCluster } from './test-support/requests.ts';
import { createTestApi } from './test-support/test-api.ts';
import type { TestApi } from './test-support/test-api.ts';

const APPLY = 'application/apply-patch+yaml';
let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

/** Applies `yaml` (its own metadata lines go under the generated `metadata:`). */
const apply = (name: string, yaml: string, query: string, meta = '') =>
  call(t, 'PATCH', `${G}/clusters/${name}?${query}`, { raw: `apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata:\n  name: ${name}\n${meta}${yaml}`, contentType: APPLY });

const managers = (obj: { metadata: { managedFields?: { manager: string; operation: string }[] } }) =>
  (obj.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}`).sort();

describe('server-side apply', () => {
  it('creates when absent (201) and records an Apply entry; fieldManager is required', async () => {
    expect((await apply('ssa-a', 'spec: {}', '')).body).toMatchObject({ reason: 'BadRequest', code: 400 });
    const res = await apply('ssa-a', 'spec:\n  kubernetesVersion: v1.32.0\n', 'fieldManager=alice');
    expect(res.status).toBe(201);
    expect(res.body.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:kubernetesVersion': {} } } }),
    ]);
    const again = await apply('ssa-a', 'spec:\n  kubernetesVersion: v1.32.0\n', 'fieldManager=alice');
    expect(again.status).toBe(200);
    expect(again.body.metadata.resourceVersion).toBe(res.body.metadata.resourceVersion);
  });

  it('conflicts with another manager changing a field: 409 naming it, unless force', async () => {
    await apply('ssa-b', 'spec:\n  kubernetesVersion: v1\n  proxy:\n    noProxy: a\n', 'fieldManager=alice');
    const conflict = await apply('ssa-b', 'spec:\n  kubernetesVersion: v2\n', 'fieldManager=bob');
    expect(conflict.status).toBe(409);
    expect(conflict.body.reason).toBe('Conflict');
    expect(conflict.body.message).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.kubernetesVersion');
    expect(conflict.body.details.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.kubernetesVersion' }]);
    const same = await apply('ssa-b', 'spec:\n  kubernetesVersion: v1\n', 'fieldManager=bob');
    expect(same.status).toBe(200);
    expect(managers(same.body)).toEqual(['alice/Apply', 'bob/Apply']);
    const forced = await apply('ssa-b', 'spec:\n  kubernetesVersion: v2\n', 'fieldManager=bob&force=true');
    expect(forced.body.spec.kubernetesVersion).toBe('v2');
    const alice = forced.body.metadata.managedFields.find((m: { manager: string }) => m.manager === 'alice');
    expect(alice.fieldsV1).toEqual({ 'f:spec': { 'f:proxy': { 'f:noProxy': {} } } });
  });

  it('removes fields a manager stopped applying unless another manager owns them', async () => {
    const first = await apply('ssa-c', 'spec:\n  kubernetesVersion: v1\n  proxy: {httpsProxy: "http://p"}\n', 'fieldManager=alice', '  labels: {a: "1", b: "2"}\n');
    expect(first.body.metadata.labels).toEqual({ a: '1', b: '2' });
    // an Update by another manager takes ownership of label b
    await call(t, 'PATCH', `${G}/clusters/ssa-c?fieldManager=editor`, { body: { metadata: { labels: { b: '3' } } }, contentType: 'application/merge-patch+json' });
    const res = await apply('ssa-c', 'spec:\n  kubernetesVersion: v1\n', 'fieldManager=alice');
    expect(res.body.spec).toEqual({ kubernetesVersion: 'v1' });
    expect(res.body.metadata.labels).toEqual({ b: '3' });
  });

  it('an Update conflicts with nobody and takes fields over; apply then conflicts with the updater', async () => {
    await apply('ssa-d', 'spec:\n  kubernetesVersion: v1\n', 'fieldManager=alice');
    const upd = await call(t, 'PATCH', `${G}/clusters/ssa-d?fieldManager=kubectl-edit`, { body: { spec: { kubernetesVersion: 'v5' } }, contentType: 'application/merge-patch+json' });
    expect(managers(upd.body)).toEqual(['kubectl-edit/Update']);
    const res = await apply('ssa-d', 'spec:\n  kubernetesVersion: v6\n', 'fieldManager=alice');
    expect(res.body.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using management.drover.dev/v1: .spec.kubernetesVersion');
  });

  it('apply to /status touches only status; dryRun applies nothing; a stale resourceVersion conflicts', async () => {
    const c = await createCluster(t, 'ssa-e', { kubernetesVersion: 'v1' });
    const st = await call(t, 'PATCH', `${G}/clusters/ssa-e/status?fieldManager=ctrl`, {
      raw: 'apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: ssa-e}\nspec: {kubernetesVersion: v9}\nstatus: {state: Active}\n',
      contentType: APPLY,
    });
    expect(st.body.status).toEqual({ state: 'Active' });
    expect(st.body.spec.kubernetesVersion).toBe('v1');
    const conflicting = await apply('ssa-e', 'spec:\n  kubernetesVersion: v2\n', 'fieldManager=alice&dryRun=All');
    expect(conflicting.body.reason).toBe('Conflict');
    const dry = await apply('ssa-e', 'spec:\n  kubernetesVersion: v2\n', 'fieldManager=alice&dryRun=All&force=true');
    expect(dry.body.spec.kubernetesVersion).toBe('v2');
    expect((await call(t, 'GET', `${G}/clusters/ssa-e`)).body.spec.kubernetesVersion).toBe('v1');
    const stale = await call(t, 'PATCH', `${G}/clusters/ssa-e?fieldManager=alice`, {
      raw: `apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: ssa-e, resourceVersion: "${c.metadata.resourceVersion}"}\n`,
      contentType: APPLY,
    });
    expect(stale.body.reason).toBe('Conflict');
  });

  it('unknown fields in an apply configuration follow fieldValidation', async () => {
    const strict = await apply('ssa-f', 'spec:\n  flavour: x\n', 'fieldManager=a&fieldValidation=Strict');
    expect(strict.body.message).toContain('unknown field "spec.flavour"');
    const bad = await call(t, 'PATCH', `${G}/clusters/ssa-f?fieldManager=a`, { raw: 'a: [', contentType: APPLY });
    expect(bad.body.reason).toBe('BadRequest');
  });
});

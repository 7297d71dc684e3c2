/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- response bodies are arbitrary JSON walked by assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeK8sProtobuf } from './k8s-protobuf.ts';
import { call } from './test-support/requests.ts';
import { createTestApi } from './test-support/test-api.ts';
import type { TestApi } from './test-support/test-api.ts';

const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
let t: TestApi;
beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('discovery', () => {
  it('/version answers like Kubernetes 1.32 without credentials', async () => {
    const res = await call(t, 'GET', '/version', { user: null });
    expect(res.body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0-drover+0.0.0-test' });
  });

  it('/api has no versions; /apis lists the groups; aggregated discovery answers with exactly the asked Content-Type', async () => {
    expect((await call(t, 'GET', '/api')).body).toMatchObject({ kind: 'APIVersions', versions: [] });
    const groups = (await call(t, 'GET', '/apis')).body;
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['management.drover.dev', 'authorization.k8s.io', 'authentication.k8s.io']);
    const agg = await call(t, 'GET', '/apis', { accept: `${AGG},application/json` });
    expect(agg.headers['content-type']).toBe(AGG);
    const clusters = agg.body.items[0].versions[0].resources.find((r: { resource: string }) => r.resource === 'clusters');
    expect(clusters).toMatchObject({ scope: 'Cluster', singularResource: 'cluster', shortNames: ['cl'], categories: ['drover'], subresources: [{ subresource: 'status' }] });
    const legacy = await call(t, 'GET', '/api', { accept: `${AGG},application/json` });
    expect(legacy.headers['content-type']).toBe(AGG);
    expect(legacy.body).toMatchObject({ kind: 'APIGroupDiscoveryList', items: [] });
  });

  it('/apis/<group>/<version> is an APIResourceList with verbs and status subresources', async () => {
    const res = await call(t, 'GET', '/apis/management.drover.dev/v1');
    const names = res.body.resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['clusters', 'clusters/status', 'nodes', 'nodes/status', 'clustermembers', 'events', 'users', 'tokens', 'registrationtokens']));
    expect(res.body.resources[0]).toMatchObject({ name: 'clusters', namespaced: false, kind: 'Cluster', verbs: expect.arrayContaining(['get', 'list', 'watch', 'create', 'patch']) });
    expect((await call(t, 'GET', '/apis/authorization.k8s.io/v1')).body.resources.map((r: { name: string }) => r.name)).toEqual(['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
    expect((await call(t, 'GET', '/apis/management.drover.dev')).body).toMatchObject({ kind: 'APIGroup', preferredVersion: { version: 'v1' } });
  });
});

describe('openapi v3', () => {
  it('indexes the group version by hash and serves it in the Kubernetes layout', async () => {
    const index = (await call(t, 'GET', '/openapi/v3')).body;
    const url = index.paths['apis/management.drover.dev/v1'].serverRelativeURL as string;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/management\.drover\.dev\/v1\?hash=[0-9A-F]{128}$/);
    const doc = (await call(t, 'GET', url)).body;
    const cluster = doc.components.schemas['dev.drover.management.v1.Cluster'];
    expect(cluster['x-kubernetes-group-version-kind']).toEqual([{ group: 'management.drover.dev', kind: 'Cluster', version: 'v1' }]);
    expect(cluster.properties.metadata.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(cluster.properties.spec.properties.kubernetesVersion.description).toContain('Kubernetes version');
    for (const name of ['ObjectMeta', 'ListMeta', 'Status', 'WatchEvent', 'DeleteOptions', 'Table']) expect(doc.components.schemas[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`]).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { parameters?: { name: string }[]; 'x-kubernetes-group-version-kind'?: unknown }>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        expect(op['x-kubernetes-group-version-kind'], `${method} ${path}`).toBeDefined();
        if (['post', 'put', 'patch'].includes(method)) {
          expect(op.parameters?.map((p) => p.name), `${method} ${path}`).toEqual(expect.arrayContaining(['fieldValidation', 'dryRun', 'fieldManager']));
        }
      }
    }
    const nodeRoles = doc.components.schemas['dev.drover.management.v1.Node'].properties.spec.properties.roles;
    expect(nodeRoles.items).toMatchObject({ type: 'string', enum: ['etcd', 'controlplane', 'worker'] });
    expect((await call(t, 'GET', '/openapi/v2')).status).toBe(404);
  });
});

describe('access reviews', () => {
  const proto = 'application/vnd.kubernetes.protobuf';
  it('SelfSubjectAccessReview from protobuf answers from the authorizer', async () => {
    t.authz.readOnly.add('ro');
    const ask = (verb: string) =>
      call(t, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        user: 'ro',
        raw: encodeK8sProtobuf('SelfSubjectAccessReview', 'authorization.k8s.io/v1', {
          spec: { resourceAttributes: { namespace: 'default', verb, group: 'management.drover.dev', resource: 'clusters', name: 'c' } },
        }),
        contentType: proto,
      });
    const yes = await ask('get');
    expect(yes.status).toBe(201);
    expect(yes.body).toMatchObject({ kind: 'SelfSubjectAccessReview', status: { allowed: true } });
    expect((await ask('delete')).body.status.allowed).toBe(false);
    const asked = t.authz.asked.filter((a) => a.user === 'ro').at(-1);
    expect(asked?.attrs).toEqual({ verb: 'delete', group: 'management.drover.dev', resource: 'clusters', name: 'c' });
  });

  it('SelfSubjectRulesReview lists rules; SelfSubjectReview names the caller (JSON too)', async () => {
    const rules = await call(t, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      user: 'ro',
      raw: encodeK8sProtobuf('SelfSubjectRulesReview', 'authorization.k8s.io/v1', { spec: { namespace: 'c1' } }),
      contentType: proto,
    });
    expect(rules.body.status.resourceRules).toEqual([{ verbs: ['get', 'list', 'watch'], apiGroups: ['management.drover.dev'], resources: ['*'] }]);
    const who = await call(t, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { user: 'ro', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect(who.body.status.userInfo).toMatchObject({ username: 'ro', uid: 'uid-ro', groups: ['system:authenticated'] });
    const garbage = await call(t, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { raw: Buffer.from('nope'), contentType: proto });
    expect(garbage.body.reason).toBe('BadRequest');
    expect((await call(t, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { user: null, body: {} })).status).toBe(401);
  });
});

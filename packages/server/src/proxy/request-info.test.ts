/** The proxy's request-info parser and read-only rule, against upstream's requestinfo.go cases. */
import { describe, expect, it } from 'vitest';
import { isPlainPath, isReadOnlyRequest, parseRequestInfo } from './request-info.ts';

describe('parseRequestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces', namespace: '', name: '' }],
    ['GET', '/api/v1/namespaces/default', { verb: 'get', resource: 'namespaces', namespace: 'default', name: 'default' }],
    ['GET', '/api/v1/namespaces/default/status', { verb: 'get', resource: 'namespaces', namespace: 'default', name: 'default', subresource: 'status' }],
    ['GET', '/api/v1/namespaces/default/pods', { verb: 'list', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=true', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Dp1', { verb: 'watch', name: 'p1' }],
    ['GET', '/api/v1/watch/namespaces/default/pods', { verb: 'watch', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods/p1/exec?command=sh', { verb: 'get', resource: 'pods', name: 'p1', subresource: 'exec' }],
    ['POST', '/api/v1/namespaces/default/pods/p1/portforward', { verb: 'create', subresource: 'portforward' }],
    ['POST', '/apis/apps/v1/namespaces/ns/deployments', { verb: 'create', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', namespace: 'ns' }],
    ['PUT', '/apis/apps/v1/namespaces/ns/deployments/d/scale', { verb: 'update', name: 'd', subresource: 'scale' }],
    ['PATCH', '/api/v1/nodes/n1', { verb: 'patch', resource: 'nodes', name: 'n1', namespace: '' }],
    ['DELETE', '/api/v1/namespaces/ns/configmaps/c', { verb: 'delete' }],
    ['DELETE', '/api/v1/namespaces/ns/configmaps', { verb: 'deletecollection' }],
    ['GET', '/api', { isResourceRequest: false, verb: 'get' }],
    ['GET', '/apis/apps/v1', { isResourceRequest: false }],
    ['GET', '/version?timeout=32s', { isResourceRequest: false, path: '/version' }],
    ['HEAD', '/healthz', { isResourceRequest: false, verb: 'head' }],
  ] as const)('%s %s', (method, path, expected) => {
    expect(parseRequestInfo(method, path)).toMatchObject(expected);
  });
});

describe('isReadOnlyRequest', () => {
  const ro = (method: string, path: string): boolean => isReadOnlyRequest(method, parseRequestInfo(method, path));
  it('reads are read-only; exec, attach, port-forward and proxy are not, even on GET', () => {
    expect(ro('GET', '/api/v1/namespaces/d/pods')).toBe(true);
    expect(ro('HEAD', '/api/v1/namespaces/d/pods/p')).toBe(true);
    expect(ro('GET', '/api/v1/namespaces/d/pods/p/log?follow=true')).toBe(true);
    expect(ro('GET', '/openapi/v3')).toBe(true);
    for (const sub of ['exec', 'attach', 'portforward', 'proxy']) expect(ro('GET', `/api/v1/namespaces/d/pods/p/${sub}`)).toBe(false);
    expect(ro('GET', '/api/v1/namespaces/d/services/s/proxy/metrics')).toBe(false);
    expect(ro('POST', '/api/v1/namespaces/d/configmaps')).toBe(false);
    expect(ro('DELETE', '/api/v1/namespaces/d/configmaps/c')).toBe(false);
  });
  it('self reviews may be posted, other reviews not', () => {
    expect(ro('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews')).toBe(true);
    expect(ro('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
    expect(ro('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews')).toBe(true);
    expect(ro('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews')).toBe(false);
    expect(ro('POST', '/apis/authentication.k8s.io/v1/tokenreviews')).toBe(false);
    expect(ro('POST', '/apis/authorization.k8s.io/v1/namespaces/x/selfsubjectaccessreviews')).toBe(false);
  });
});

describe('isPlainPath', () => {
  it('refuses dot segments and encoded slashes, which the apiserver might read otherwise than the proxy', () => {
    expect(isPlainPath('/api/v1/namespaces/d/pods/p/log?follow=true&x=../y')).toBe(true);
    for (const bad of ['/api/v1/namespaces/d/pods/p/log/../exec', '/api/v1/namespaces/d/pods/p/%2e%2E/exec', '/api/v1/namespaces/d/pods/p%2Fexec', '/api/./v1', '/api/v1/namespaces/d/pods/p%5Cexec']) {
      expect(isPlainPath(bad), bad).toBe(false);
    }
  });
});

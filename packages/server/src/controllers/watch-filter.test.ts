import { describe, expect, it } from 'vitest';
import type { StoredObject } from '@drover/store';
import { changedOnly } from './watch-filter.ts';

const node = (name: string, roles: string[], rttMs: number): StoredObject =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, namespace: 'prod', uid: name, resourceVersion: '1', generation: 1, creationTimestamp: '' }, spec: { roles }, status: { rttMs } });

describe('changedOnly', () => {
  it('passes the first event of an object, then only changes of the part read, and every delete', () => {
    const map = changedOnly((n) => n.spec, (n) => n.metadata.namespace);
    expect(map(node('a', ['etcd'], 1), 'ADDED')).toBe('prod');
    expect(map(node('a', ['etcd'], 2), 'MODIFIED')).toBeUndefined();
    expect(map(node('b', ['etcd'], 2), 'MODIFIED')).toBe('prod');
    expect(map(node('a', ['etcd', 'worker'], 2), 'MODIFIED')).toBe('prod');
    expect(map(node('a', ['etcd', 'worker'], 3), 'MODIFIED')).toBeUndefined();
    expect(map(node('a', ['etcd', 'worker'], 3), 'DELETED')).toBe('prod');
    // Re-created with the same content: a new object, so it passes again.
    expect(map(node('a', ['etcd', 'worker'], 3), 'ADDED')).toBe('prod');
  });

  it('a deletion timestamp is a change', () => {
    const map = changedOnly((n) => n.spec, (n) => n.metadata.name);
    const a = node('a', [], 1);
    expect(map(a, 'ADDED')).toBe('a');
    expect(map({ ...a, metadata: { ...a.metadata, deletionTimestamp: '2026-12-06T00:00:00Z' } }, 'MODIFIED')).toBe('a');
  });
});

import { describe, expect, it } from 'vitest';
import type { StoredObject } from '@drover/store';
import { changedOnly, stormDelay } from './watch-filter.ts';

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

describe('stormDelay', () => {
  it('waits quietMs for a lone change and busyMs while changes of the key keep coming', () => {
    let t = 0;
    const delay = stormDelay(500, 2000, () => t);
    expect(delay('a')).toBe(500); // first change
    t = 100;
    expect(delay('a')).toBe(2000); // a storm: the pending 500 ms roll-up still runs first (the queue keeps the earlier)
    expect(delay('b')).toBe(500); // keys are independent
    t = 1900;
    expect(delay('a')).toBe(2000);
    t = 1900 + 2000;
    expect(delay('a')).toBe(500); // quiet for busyMs: soon again
    expect(delay('b')).toBe(500);
  });

  it('answers the same with many keys (it forgets the quiet ones)', () => {
    let t = 0;
    const delay = stormDelay(500, 2000, () => t);
    for (let i = 0; i < 5000; i++) delay(`k${i}`);
    t = 3000;
    expect(delay('k1')).toBe(500); // quiet: no longer remembered as busy
    t = 3100;
    expect(delay('k1')).toBe(2000);
  });
});

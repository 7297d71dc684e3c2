/**
 * A cluster's members, shown to its owners and to admins: who has which role, add a member by user
 * name and role, remove one. Read when opened and after each change, not watched: a browser keeps
 * six connections per host over HTTP/1.1 and the cluster page's four watches hold four of them.
 */
import { useCallback, useEffect, useState } from 'react';
import { API_VERSION, ApiError, collectionPath, request } from '../api.ts';
import type { KubeObject } from '../api.ts';
import { pick, str } from '../format.ts';
import { Table } from './Table.tsx';

const ROLES = ['owner', 'member', 'read-only'] as const;

export function Members({ cluster, me, admin }: { cluster: string; me: string | undefined; admin: boolean }) {
  const path = collectionPath('clustermembers', cluster);
  const [items, setItems] = useState<KubeObject[]>([]);
  const [user, setUser] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('member');
  const [error, setError] = useState<string>();
  const load = useCallback(
    (signal?: AbortSignal) =>
      request<{ items: KubeObject[] }>('GET', path, { noRedirect: true, ...(signal === undefined ? {} : { signal }) }).then(
        (l) => setItems(l.items),
        () => setItems([]),
      ),
    [path],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);
  const act = (p: Promise<unknown>): void => {
    setError(undefined);
    p.then(() => load()).catch((err: unknown) => setError(err instanceof ApiError ? err.message : String(err)));
  };
  const isOwner = items.some((m) => pick(m, 'spec.user') === me && pick(m, 'spec.role') === 'owner');
  if (!admin && !isOwner) return null;
  return (
    <>
      <div className="section-head">
        <h2>Members</h2>
      </div>
      <Table
        label="Members"
        columns={[
          { header: 'User', cell: (m) => str(pick(m, 'spec.user')) ?? '' },
          { header: 'Role', cell: (m) => str(pick(m, 'spec.role')) ?? '' },
          { header: 'State', cell: (m) => str(pick(m, 'status.state')) ?? '' },
          {
            header: 'Actions',
            width: '7rem',
            cell: (m) => (
              <button type="button" className="small danger" aria-label={`Remove member ${str(pick(m, 'spec.user')) ?? m.metadata.name}`} onClick={() => act(request('DELETE', `${path}/${encodeURIComponent(m.metadata.name)}`))}>
                Remove
              </button>
            ),
          },
        ]}
        rows={items}
        rowKey={(m) => m.metadata.name}
        empty="No members: only administrators can use this cluster."
      />
      <form
        className="panel form"
        aria-label="Add member"
        onSubmit={(e) => {
          e.preventDefault();
          act(
            request('POST', path, { body: { apiVersion: API_VERSION, kind: 'ClusterMember', metadata: { generateName: 'member-' }, spec: { user: user.trim(), role } } }).then(() => setUser('')),
          );
        }}
      >
        <label>
          Member username
          <input value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        {error !== undefined && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit">Add member</button>
        </div>
      </form>
    </>
  );
}

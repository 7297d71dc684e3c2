/** Clusters, live: name, state with its reason, nodes connected/total, version, age; delete by typed name. */
import { useState } from 'react';
import { Link } from 'react-router';
import { collectionPath, request } from '../api.ts';
import type { KubeObject } from '../api.ts';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { LiveBadge } from '../components/LiveBadge.tsx';
import { Table } from '../components/Table.tsx';
import type { Column } from '../components/Table.tsx';
import { absolute, age, num, pick, str } from '../format.ts';
import { useLiveList } from '../watch.ts';

const PATH = collectionPath('clusters');

export function Clusters() {
  const live = useLiveList(PATH);
  const [deleting, setDeleting] = useState<string>();
  const columns: Column<KubeObject>[] = [
    { header: 'Name', width: '2fr', cell: (c) => <Link to={`/clusters/${encodeURIComponent(c.metadata.name)}`}>{c.metadata.name}</Link> },
    {
      header: 'State',
      width: '3fr',
      cell: (c) => (
        <span>
          <span className={`state state-${(str(pick(c, 'status.state')) ?? 'unknown').toLowerCase()}`}>{str(pick(c, 'status.state')) ?? 'Pending'}</span>
          {str(pick(c, 'status.reason')) !== undefined && <span className="reason"> {str(pick(c, 'status.reason'))}</span>}
        </span>
      ),
    },
    { header: 'Nodes', width: '6rem', cell: (c) => `${num(pick(c, 'status.nodes.connected')) ?? 0}/${num(pick(c, 'status.nodes.total')) ?? 0}` },
    { header: 'Kubernetes', width: '8rem', cell: (c) => str(pick(c, 'spec.kubernetesVersion')) ?? 'default' },
    { header: 'Age', width: '5rem', cell: (c) => <span title={absolute(c.metadata.creationTimestamp)}>{age(c.metadata.creationTimestamp)}</span> },
    {
      header: 'Actions',
      width: '6rem',
      cell: (c) => (
        <button type="button" className="small danger" aria-label={`Delete cluster ${c.metadata.name}`} onClick={() => setDeleting(c.metadata.name)}>
          Delete
        </button>
      ),
    },
  ];
  return (
    <section>
      <div className="page-head">
        <h1>Clusters</h1>
        <LiveBadge state={live.state} error={live.error} />
        <Link className="button primary" to="/clusters/new" role="button">
          Create cluster
        </Link>
      </div>
      <Table
        label="Clusters"
        columns={columns}
        rows={live.items}
        rowKey={(c) => c.metadata.name}
        empty={live.state === 'loading' ? 'Loading…' : live.state === 'error' ? `Cannot list clusters: ${live.error ?? 'unknown error'}` : 'No clusters yet. Create cluster to get started; then add nodes to it.'}
      />
      {deleting !== undefined && (
        <ConfirmDelete
          kind="cluster"
          name={deleting}
          onCancel={() => setDeleting(undefined)}
          onDelete={async () => {
            await request('DELETE', `${PATH}/${encodeURIComponent(deleting)}`);
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

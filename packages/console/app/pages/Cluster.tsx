/**
 * One cluster: its state, kubeconfig download, Nodes (live), Add nodes (the command builder),
 * registration tokens with Revoke, Events (live) and members (owners and admins). The cluster
 * shell and app deployment come later, in the space after Events.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { collectionPath, request } from '../api.ts';
import type { KubeObject } from '../api.ts';
import { LiveBadge } from '../components/LiveBadge.tsx';
import { Members } from '../components/Members.tsx';
import { Table } from '../components/Table.tsx';
import { TunnelPanel } from '../components/TunnelPanel.tsx';
import type { Column } from '../components/Table.tsx';
import { absolute, age, num, pick, str } from '../format.ts';
import { useSession } from '../session.tsx';
import { useLiveList } from '../watch.ts';
import { AddNodes } from './AddNodes.tsx';

const nodeColumns = (showTunnel: (node: string) => void): Column<KubeObject>[] => [
  { header: 'Name', width: '2fr', cell: (n) => n.metadata.name },
  { header: 'Roles', width: '2fr', cell: (n) => ((pick(n, 'spec.roles') as string[] | undefined) ?? []).join(', ') },
  {
    header: 'State',
    width: '3fr',
    cell: (n) => {
      const state = str(pick(n, 'status.state')) ?? 'Registering';
      const since = str(pick(n, 'status.since'));
      return (
        <span>
          <span className={`state state-${state.toLowerCase()}`}>{state}</span>
          {since !== undefined && (
            <span className="reason" title={absolute(since)}>
              {' '}
              for {age(since)}
            </span>
          )}
          {str(pick(n, 'status.reason')) !== undefined && <span className="reason"> · {str(pick(n, 'status.reason'))}</span>}
        </span>
      );
    },
  },
  { header: 'Address', width: '2fr', cell: (n) => [str(pick(n, 'spec.address')), str(pick(n, 'spec.internalAddress'))].filter((a) => a !== undefined).join(' / ') || '—' },
  { header: 'Agent', width: '6rem', cell: (n) => str(pick(n, 'status.agentVersion')) ?? '—' },
  { header: 'Docker', width: '6rem', cell: (n) => str(pick(n, 'status.docker.version')) ?? '—' },
  { header: 'RTT', width: '5rem', cell: (n) => (num(pick(n, 'status.rttMs')) === undefined ? '—' : `${Math.round(num(pick(n, 'status.rttMs'))!)} ms`) },
  {
    header: 'Tunnel',
    width: '5rem',
    cell: (n) => (
      <button type="button" className="small" aria-label={`Tunnel of ${n.metadata.name}`} onClick={() => showTunnel(n.metadata.name)}>
        Tunnel
      </button>
    ),
  },
];

const eventColumns: Column<KubeObject>[] = [
  { header: 'Last seen', width: '6rem', cell: (e) => <span title={absolute(str(pick(e, 'lastTimestamp')))}>{age(str(pick(e, 'lastTimestamp')) ?? e.metadata.creationTimestamp)}</span> },
  { header: 'Type', width: '6rem', cell: (e) => str(pick(e, 'type')) ?? 'Normal' },
  { header: 'Reason', width: '10rem', cell: (e) => str(pick(e, 'reason')) ?? '' },
  { header: 'Object', width: '10rem', cell: (e) => `${str(pick(e, 'involvedObject.kind')) ?? ''}/${str(pick(e, 'involvedObject.name')) ?? ''}` },
  { header: 'Message', width: '4fr', cell: (e) => str(pick(e, 'message')) ?? '' },
  { header: 'Count', width: '4rem', cell: (e) => String(num(pick(e, 'count')) ?? 1) },
];

const byLastSeen = (a: KubeObject, b: KubeObject): number =>
  (str(pick(b, 'lastTimestamp')) ?? b.metadata.creationTimestamp ?? '').localeCompare(str(pick(a, 'lastTimestamp')) ?? a.metadata.creationTimestamp ?? '');

export function Cluster() {
  const { name = '' } = useParams();
  const { session } = useSession();
  const clusters = useLiveList(`${collectionPath('clusters')}?fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`);
  const nodes = useLiveList(collectionPath('nodes', name));
  const tokens = useLiveList(collectionPath('registrationtokens', name));
  const events = useLiveList(collectionPath('events', name));
  const [adding, setAdding] = useState(false);
  const [tunnelOf, setTunnelOf] = useState<string>();
  const [tokenError, setTokenError] = useState<string>();
  const cluster = clusters.items[0];
  const active = tokens.items.filter((t) => str(pick(t, 'status.state')) !== 'Revoked' && pick(t, 'spec.revoked') !== true && str(pick(t, 'status.state')) !== 'Expired');

  const tokenColumns: Column<KubeObject>[] = [
    { header: 'Token', width: '2fr', cell: (t) => t.metadata.name },
    { header: 'Roles', width: '2fr', cell: (t) => ((pick(t, 'spec.roles') as string[] | undefined) ?? ['etcd', 'controlplane', 'worker']).join(', ') },
    { header: 'Expires', width: '2fr', cell: (t) => <span title={absolute(str(pick(t, 'status.expiresAt')))}>{str(pick(t, 'status.expiresAt')) === undefined ? '—' : new Date(str(pick(t, 'status.expiresAt'))!).toLocaleString()}</span> },
    {
      header: 'Actions',
      width: '6rem',
      cell: (t) => (
        <button
          type="button"
          className="small danger"
          aria-label={`Revoke ${t.metadata.name}`}
          onClick={() => {
            setTokenError(undefined);
            request('PATCH', `${collectionPath('registrationtokens', name)}/${encodeURIComponent(t.metadata.name)}`, { body: { spec: { revoked: true } }, contentType: 'application/merge-patch+json' }).catch(
              (err: unknown) => setTokenError(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          Revoke
        </button>
      ),
    },
  ];

  if (clusters.state === 'live' && cluster === undefined) {
    return (
      <section>
        <h1>Cluster {name} not found</h1>
        <p>
          It may have been deleted, or you are not a member. <Link to="/clusters">Back to clusters</Link>
        </p>
      </section>
    );
  }

  return (
    <section>
      <p className="crumbs">
        <Link to="/clusters">Clusters</Link> / {name}
      </p>
      <div className="page-head">
        <h1>{name}</h1>
        {cluster !== undefined && (
          <span className={`state state-${(str(pick(cluster, 'status.state')) ?? 'unknown').toLowerCase()}`}>
            {str(pick(cluster, 'status.state')) ?? 'Pending'}
            {str(pick(cluster, 'status.reason')) !== undefined && ` — ${str(pick(cluster, 'status.reason'))}`}
          </span>
        )}
        <a className="button" href={`/v1/kubeconfig?cluster=${encodeURIComponent(name)}`} download={`${name}.yaml`}>
          Download kubeconfig
        </a>
      </div>

      <div className="section-head">
        <h2>Nodes</h2>
        <LiveBadge state={nodes.state} error={nodes.error} />
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          Add nodes
        </button>
      </div>
      {adding && <AddNodes cluster={name} onClose={() => setAdding(false)} />}
      <Table
        label="Nodes"
        columns={nodeColumns(setTunnelOf)}
        rows={nodes.items}
        rowKey={(n) => n.metadata.name}
        empty={nodes.state === 'loading' ? 'Loading…' : 'No nodes yet. Add nodes: generate a command and run it on each host; nodes appear here as they register.'}
      />
      {tunnelOf !== undefined && <TunnelPanel cluster={name} node={tunnelOf} onClose={() => setTunnelOf(undefined)} />}

      <div className="section-head">
        <h2>Registration tokens</h2>
        <LiveBadge state={tokens.state} error={tokens.error} />
      </div>
      {tokenError !== undefined && (
        <p className="error" role="alert">
          {tokenError}
        </p>
      )}
      <Table label="Registration tokens" columns={tokenColumns} rows={active} rowKey={(t) => t.metadata.name} empty="No active registration tokens. Add nodes creates one." />

      <div className="section-head">
        <h2>Events</h2>
        <LiveBadge state={events.state} error={events.error} />
      </div>
      <Table label="Events" columns={eventColumns} rows={[...events.items].sort(byLastSeen)} rowKey={(e) => e.metadata.name} empty="No events in the last hour." />

      <Members cluster={name} me={session?.user.name} admin={session?.user.admin === true} />
    </section>
  );
}

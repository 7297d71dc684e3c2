/**
 * Users (administrators): live list; create with a password; disable or enable; reset a password.
 * Tokens: every user's live, unexpired tokens (console sessions, kubeconfigs, API tokens) with their
 * expiry and a Revoke button.
 */
import { useState } from 'react';
import { API_VERSION, ApiError, collectionPath, request } from '../api.ts';
import type { KubeObject } from '../api.ts';
import { LiveBadge } from '../components/LiveBadge.tsx';
import { Table } from '../components/Table.tsx';
import type { Column } from '../components/Table.tsx';
import { absolute, age, pick, str } from '../format.ts';
import { useLiveList } from '../watch.ts';

const PATH = collectionPath('users');
const patchUser = (name: string, spec: Record<string, unknown>) =>
  request('PATCH', `${PATH}/${encodeURIComponent(name)}`, { body: { spec }, contentType: 'application/merge-patch+json' });

export function Users() {
  const live = useLiveList(PATH);
  const tokens = useLiveList(collectionPath('tokens'));
  const now = Date.now();
  const activeTokens = tokens.items.filter((t) => pick(t, 'spec.revoked') !== true && Date.parse(str(pick(t, 'status.expiresAt')) ?? '') > now);
  const tokenColumns: Column<KubeObject>[] = [
    { header: 'User', width: '1fr', cell: (t) => str(pick(t, 'spec.user')) ?? '' },
    { header: 'Type', width: '7rem', cell: (t) => str(pick(t, 'spec.type')) ?? 'api' },
    { header: 'Description', width: '2fr', cell: (t) => str(pick(t, 'spec.description')) ?? '' },
    { header: 'Expires', width: '12rem', cell: (t) => new Date(str(pick(t, 'status.expiresAt')) ?? 0).toLocaleString() },
    {
      header: 'Actions',
      width: '6rem',
      cell: (t) => (
        <button
          type="button"
          className="small danger"
          aria-label={`Revoke ${t.metadata.name}`}
          onClick={() =>
            void report(
              request('PATCH', `${collectionPath('tokens')}/${encodeURIComponent(t.metadata.name)}`, { body: { spec: { revoked: true } }, contentType: 'application/merge-patch+json' }),
              `Token ${t.metadata.name} revoked.`,
            )
          }
        >
          Revoke
        </button>
      ),
    },
  ];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const report = (p: Promise<unknown>, ok: string) =>
    p.then(
      () => setMessage({ error: false, text: ok }),
      (err: unknown) => setMessage({ error: true, text: err instanceof ApiError ? err.message : String(err) }),
    );

  const columns: Column<KubeObject>[] = [
    { header: 'Username', width: '2fr', cell: (u) => u.metadata.name },
    { header: 'Display name', width: '2fr', cell: (u) => str(pick(u, 'spec.displayName')) ?? '' },
    { header: 'Admin', width: '5rem', cell: (u) => (pick(u, 'spec.admin') === true ? 'yes' : 'no') },
    { header: 'State', width: '6rem', cell: (u) => (pick(u, 'spec.disabled') === true ? 'Disabled' : 'Active') },
    { header: 'Age', width: '5rem', cell: (u) => <span title={absolute(u.metadata.creationTimestamp)}>{age(u.metadata.creationTimestamp)}</span> },
    {
      header: 'Actions',
      width: '14rem',
      cell: (u) => {
        const disabled = pick(u, 'spec.disabled') === true;
        return (
          <span className="row-actions">
            <button type="button" className="small" onClick={() => void report(patchUser(u.metadata.name, { disabled: !disabled }), `${u.metadata.name} ${disabled ? 'enabled' : 'disabled'}.`)}>
              {disabled ? 'Enable' : 'Disable'}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                const pw = window.prompt(`New password for ${u.metadata.name} (at least 8 characters)`);
                if (pw !== null && pw !== '') void report(patchUser(u.metadata.name, { password: pw }), `Password of ${u.metadata.name} reset.`);
              }}
            >
              Reset password
            </button>
          </span>
        );
      },
    },
  ];

  return (
    <section>
      <div className="page-head">
        <h1>Users</h1>
        <LiveBadge state={live.state} error={live.error} />
      </div>
      {message !== undefined && (
        <p className={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <Table label="Users" columns={columns} rows={live.items} rowKey={(u) => u.metadata.name} empty="No users." />
      <form
        className="panel form"
        aria-label="Create user"
        onSubmit={(e) => {
          e.preventDefault();
          void report(
            request('POST', PATH, { body: { apiVersion: API_VERSION, kind: 'User', metadata: { name: username }, spec: { admin, password } } }).then(() => {
              setUsername('');
              setPassword('');
            }),
            `User ${username} created.`,
          );
        }}
      >
        <h2>Create user</h2>
        <label>
          New username
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Initial password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />
          Administrator
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            Create user
          </button>
        </div>
      </form>
      <div className="section-head">
        <h2>Tokens</h2>
        <LiveBadge state={tokens.state} error={tokens.error} />
      </div>
      <Table label="Tokens" columns={tokenColumns} rows={activeTokens} rowKey={(t) => t.metadata.name} empty="No active tokens." />
    </section>
  );
}

/** The login form: Username, Password, Log in; then back to the page the user came from. */
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api.ts';
import { useSession } from '../session.tsx';

export function Login() {
  const { session, login } = useSession();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/clusters';
  if (session) return <Navigate to={target} replace />;
  return (
    <main className="login">
      <h1>Drover</h1>
      {params.get('expired') === '1' && error === undefined && (
        <p className="notice" role="status">
          Your session has ended. Log in again to continue where you were.
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          login(username, password).catch((err: unknown) => {
            setError(err instanceof ApiError ? err.message : 'Cannot reach the server. Check that it is running, then try again.');
            setBusy(false);
          });
        }}
      >
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error !== undefined && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}

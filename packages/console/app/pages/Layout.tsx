/** The signed-in frame: navigation, who is signed in, Log out; signed-out users go to login. */
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { loginPath, useSession } from '../session.tsx';

export function Layout() {
  const { session, ended, logout } = useSession();
  const location = useLocation();
  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null) return <Navigate to={ended === 'logout' ? '/login' : loginPath(`${location.pathname}${location.search}`, ended === 'expired')} replace />;
  return (
    <>
      <header className="topbar">
        <span className="brand">Drover</span>
        <nav aria-label="Main">
          <NavLink to="/clusters">Clusters</NavLink>
          {session.user.admin && <NavLink to="/users">Users</NavLink>}
        </nav>
        <span className="who">{session.user.name}</span>
        <button type="button" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </>
  );
}

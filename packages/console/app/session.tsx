/**
 * The signed-in session: read once from `GET /v1/session` (the cookie is HttpOnly, so the script
 * learns only the user, the expiry and the CSRF token), started by `POST /v1/session`, ended by
 * `DELETE /v1/session` (which revokes it). Any 401 — an expired or revoked session — clears it and
 * sends the user to the login page with the page they were on, to come back after logging in.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { request, setCsrfToken, setUnauthorizedHandler } from './api.ts';

export interface SessionInfo {
  user: { name: string; admin: boolean };
  expiresAt: string | undefined;
  csrfToken: string;
}

interface SessionContextValue {
  /** undefined while loading, null when signed out. */
  session: SessionInfo | null | undefined;
  /** Why the last session ended in this tab: `expired` (a 401 or its time ran out) or `logout`. */
  ended: 'expired' | 'logout' | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (ctx === null) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** `/login?next=…&expired=1`: back to `path` after logging in. */
export function loginPath(path: string, expired: boolean): string {
  const q = new URLSearchParams();
  if (path !== '/' && !path.startsWith('/login')) q.set('next', path);
  if (expired) q.set('expired', '1');
  const s = q.toString();
  return s === '' ? '/login' : `/login?${s}`;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [ended, setEnded] = useState<'expired' | 'logout' | undefined>(undefined);
  const navigate = useNavigate();

  const adopt = useCallback((s: SessionInfo | null, why?: 'expired' | 'logout') => {
    setCsrfToken(s?.csrfToken ?? '');
    setEnded(s === null ? why : undefined);
    setSession(s);
  }, []);

  useEffect(() => {
    request<SessionInfo | { user: null }>('GET', '/v1/session', { noRedirect: true }).then(
      (s) => adopt(s.user === null ? null : s),
      () => adopt(null),
    );
  }, [adopt]);

  // A 401 anywhere ends the session; the signed-in frame (Layout) then goes to the login page
  // with the page the user was on.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (session !== null && session !== undefined) adopt(null, 'expired');
    });
  }, [adopt, session]);

  // Expiry: back to the login page when the session's time is up, even on an idle page.
  useEffect(() => {
    if (session?.expiresAt === undefined) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    if (!(ms > 0) || ms > 2 ** 31 - 1) return;
    const timer = setTimeout(() => adopt(null, 'expired'), ms);
    return () => clearTimeout(timer);
  }, [session, adopt]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      ended,
      async login(username, password) {
        adopt(await request<SessionInfo>('POST', '/v1/session', { body: { username, password }, noRedirect: true }));
      },
      async logout() {
        try {
          await request('DELETE', '/v1/session', { noRedirect: true });
        } finally {
          adopt(null, 'logout');
          void navigate('/login', { replace: true });
        }
      },
    }),
    [session, ended, adopt, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

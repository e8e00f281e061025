import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, setCsrfToken, whenUnauthenticated } from '../api/client';

export type Role =
  'admin' | 'unit_leader' | 'secretariat' | 'council_chair' | 'council_member' | 'auditor';

export interface Me {
  id: string;
  username: string;
  displayName?: string;
  roles: Role[];
  personId: string | null;
  mustChangePassword: boolean;
  grants: { id?: string; role: Role; unitId: string | null }[];
}

/** What POST /auth/session and POST /auth/refresh answer. */
interface SessionResponse {
  user: Me;
  csrfToken: string;
  accessExpiresIn: number;
}

interface SessionState {
  /** undefined while the first refresh is in flight; null when nobody is signed in. */
  me: Me | null | undefined;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Reads the account again (after a password change clears mustChangePassword). */
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The browser session: httpOnly cookies the page cannot read, a CSRF token in memory, and a
 * refresh a minute before the access cookie expires. On load, a refresh tells whether a session
 * is still alive (the cookie survives a reload; the CSRF token does not, so it is asked again).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The timer set by one refresh starts the next; a ref breaks the cycle between the two.
  const refreshRef = useRef<() => Promise<void>>(async () => {});

  const adopt = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setMe(session.user);
    clearTimeout(timer.current);
    const refreshInMs = Math.max(10, session.accessExpiresIn - 60) * 1000;
    timer.current = setTimeout(() => void refreshRef.current().catch(() => {}), refreshInMs);
  }, []);

  const forget = useCallback(() => {
    clearTimeout(timer.current);
    setCsrfToken(null);
    setMe(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      adopt(await api.post<SessionResponse>('/auth/refresh'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) forget();
      else throw error;
    }
  }, [adopt, forget]);
  refreshRef.current = refresh;

  useEffect(() => {
    // The server sets this readable hint beside the httpOnly cookies; without it there is no
    // session to resume, and asking would only earn a 401.
    if (document.cookie.split('; ').includes('thidua_signed_in=1')) {
      void refresh().catch(() => forget());
    } else {
      forget();
    }
    whenUnauthenticated(forget);
    return () => {
      clearTimeout(timer.current);
      whenUnauthenticated(null);
    };
  }, [refresh, forget]);

  const value = useMemo<SessionState>(
    () => ({
      me,
      signIn: async (username, password) => {
        const session = await api.post<SessionResponse>('/auth/session', { username, password });
        adopt(session);
        return session.user;
      },
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } finally {
          forget();
        }
      },
      reload: async () => setMe(await api.get<Me>('/auth/me')),
    }),
    [me, adopt, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for screens behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe on a screen that does not require sign-in');
  return me;
}

export function hasRole(me: Me, ...roles: Role[]): boolean {
  return me.roles.some((role) => roles.includes(role));
}

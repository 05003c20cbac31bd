// Who is signed in (GET /admin/v1/session), for every screen to read: the name, the role and the
// stores they see. A 401 from any call means signed out, and the sign-in screen shows.
import { createContext, useContext } from 'react';
import type { Role } from '../../server/office/access';

export interface Session {
  name: string;
  role: Role;
  stores: 'all' | readonly string[];
  kind: 'user' | 'token';
}

export interface SessionState {
  session: Session;
  signOut(): void;
  /** Reads the session again (after a change to the signed-in user). */
  refresh(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside the signed-in shell');
  return state;
}

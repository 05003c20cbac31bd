// The back office's root: signed out, the sign-in screen; signed in, the shell with the reader's area.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, onSessionEnded, setCsrfToken } from '../api/client';
import { LanguageProvider } from '../i18n';
import { ErrorNotice } from '../ui/Notice';
import type { Session } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'in'; session: Session };

export function App() {
  return (
    <LanguageProvider>
      <Root />
    </LanguageProvider>
  );
}

function Root() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    api.get<{ actor: Session; csrfToken: string | null }>('/admin/v1/session').then(
      (reply) => {
        setCsrfToken(reply.csrfToken);
        setState({ kind: 'in', session: reply.actor });
      },
      (error: unknown) =>
        setState(
          error instanceof ApiError && error.status === 401
            ? { kind: 'signed-out' }
            : { kind: 'failed', error },
        ),
    );
  }, []);
  useEffect(load, [load]);
  // A session that ends while a screen is open (idle too long, disabled, signed out elsewhere).
  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(null);
      setState({ kind: 'signed-out' });
    });
    return () => onSessionEnded(null);
  }, []);
  const signOut = useCallback(() => {
    const done = () => {
      setCsrfToken(null);
      setState({ kind: 'signed-out' });
    };
    api.delete('/admin/v1/session').then(done, done);
  }, []);
  if (state.kind === 'loading') return <main className="boot" aria-busy="true" />;
  if (state.kind === 'signed-out') return <SignIn onSignedIn={load} />;
  if (state.kind === 'failed') {
    return (
      <main className="boot">
        <ErrorNotice error={state.error} />
      </main>
    );
  }
  return <Shell session={state.session} signOut={signOut} refresh={load} />;
}

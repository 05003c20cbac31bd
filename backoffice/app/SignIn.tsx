// The sign-in screen.
//
// GROUNDWORK (issue 14): signs in with the bootstrap admin token only. The users branch makes this
// the user name and password form (and the first admin's creation with the admin token).
import { useState, type FormEvent } from 'react';
import { api, setBootstrapToken } from '../api/client';
import { defineTexts, useTexts } from '../i18n';
import { ErrorNotice } from '../ui/Notice';
import { LanguagePicker } from './LanguagePicker';

const texts = defineTexts({
  en: {
    title: 'OpenLane HQ',
    subtitle: 'Sign in to the back office',
    token: 'Admin token',
    signIn: 'Sign in',
  },
  'zh-CN': { title: 'OpenLane 总部', subtitle: '登录后台', token: '管理员令牌', signIn: '登录' },
});

export function SignIn({ onSignedIn }: { onSignedIn(): void }) {
  const t = useTexts(texts);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setBootstrapToken(token.trim());
    try {
      await api.get('/admin/v1/session');
      onSignedIn();
    } catch (failure) {
      setBootstrapToken(null);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand-mark" aria-hidden="true">
          OL
        </div>
        <h1 id="sign-in-title">{t.title}</h1>
        <p className="muted">{t.subtitle}</p>
        <label className="field">
          <span>{t.token}</span>
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
        </label>
        {error ? <ErrorNotice error={error} /> : null}
        <button type="submit" className="button-primary" disabled={busy}>
          {t.signIn}
        </button>
        <LanguagePicker />
      </form>
    </main>
  );
}

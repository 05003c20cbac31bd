// The sign-in screen: a name and a password. While HQ has no users yet it offers to make the first
// admin, which needs the admin token HQ was started with (sent once, never kept).
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { defineTexts, fill, useTexts } from '../i18n';
import { Field } from '../ui/Field';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useLoad } from '../ui/useLoad';
import { LanguagePicker } from './LanguagePicker';

const texts = defineTexts({
  en: {
    title: 'OpenLane HQ',
    subtitle: 'Sign in to the back office',
    name: 'Name',
    password: 'Password',
    signIn: 'Sign in',
    wrong: 'The name or the password is wrong.',
    locked: 'Too many wrong passwords. Wait {minutes} min, then try again.',
    disabled: 'This account is disabled. Ask an admin.',
    noUsers:
      'HQ has no users yet. Make the first admin with the admin token HQ was started with, or the setup token `openlane server` printed.',
    noToken:
      'HQ has no users yet and was started without an admin token: start it with one to make the first admin.',
    makeFirst: 'Create the first admin',
    firstTitle: 'Create the first admin',
    token: 'Admin token',
    displayName: 'Full name',
    repeat: 'Password again',
    passwordRule: 'At least 10 characters.',
    mismatch: 'The two passwords differ.',
    create: 'Create and sign in',
    back: 'Back to sign-in',
  },
  'zh-CN': {
    title: 'OpenLane 总部',
    subtitle: '登录后台',
    name: '用户名',
    password: '密码',
    signIn: '登录',
    wrong: '用户名或密码错误。',
    locked: '密码错误次数过多。请等待 {minutes} 分钟后再试。',
    disabled: '此账户已停用，请联系管理员。',
    noUsers:
      '总部还没有用户。请用启动总部时设置的管理员令牌（或 `openlane server` 打印的设置令牌）创建第一位管理员。',
    noToken: '总部还没有用户，且启动时未设置管理员令牌：请带令牌启动后创建第一位管理员。',
    makeFirst: '创建第一位管理员',
    firstTitle: '创建第一位管理员',
    token: '管理员令牌',
    displayName: '姓名',
    repeat: '再次输入密码',
    passwordRule: '至少 10 个字符。',
    mismatch: '两次输入的密码不一致。',
    create: '创建并登录',
    back: '返回登录',
  },
});

type Texts = Record<keyof (typeof texts)['en'], string>;

/** HQ's refusal in the reader's words, where there are words for it. */
function SignInError({ error, t }: { error: unknown; t: Texts }) {
  if (error instanceof ApiError) {
    if (error.code === 'sign_in_failed') return <Notice tone="error">{t.wrong}</Notice>;
    if (error.code === 'account_disabled') return <Notice tone="error">{t.disabled}</Notice>;
    if (error.code === 'too_many_attempts') {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
      return (
        <Notice tone="error">{fill(t.locked, { minutes: Math.max(1, Math.ceil(seconds / 60)) })}</Notice>
      );
    }
  }
  return <ErrorNotice error={error} />;
}

export function SignIn({ onSignedIn }: { onSignedIn(): void }) {
  const t = useTexts(texts);
  const state = useLoad(
    () => api.get<{ firstAdminNeeded: boolean; adminTokenSet: boolean }>('/admin/v1/sign-in-state'),
    [],
  );
  const [firstAdmin, setFirstAdmin] = useState(false);
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="brand-mark" aria-hidden="true">
          OL
        </div>
        <h1 id="sign-in-title">{firstAdmin ? t.firstTitle : t.title}</h1>
        {firstAdmin ? (
          <FirstAdminForm t={t} onDone={onSignedIn} onBack={() => setFirstAdmin(false)} />
        ) : (
          <>
            <p className="muted">{t.subtitle}</p>
            {state.data?.firstAdminNeeded ? (
              <Notice tone="info">
                <p>{state.data.adminTokenSet ? t.noUsers : t.noToken}</p>
                {state.data.adminTokenSet ? (
                  <button
                    type="button"
                    className="button-quiet"
                    data-testid="first-admin-open"
                    onClick={() => setFirstAdmin(true)}
                  >
                    {t.makeFirst}
                  </button>
                ) : null}
              </Notice>
            ) : null}
            <SignInForm t={t} onDone={onSignedIn} />
          </>
        )}
        <LanguagePicker />
      </div>
    </main>
  );
}

function SignInForm({ t, onDone }: { t: Texts; onDone(): void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/admin/v1/session', { name: name.trim(), password });
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form className="sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
      <Field
        label={t.name}
        data-testid="sign-in-name"
        autoComplete="username"
        value={name}
        onChange={setName}
        required
      />
      <Field
        label={t.password}
        data-testid="sign-in-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        required
      />
      {error ? <SignInError error={error} t={t} /> : null}
      <button type="submit" className="button-primary" data-testid="sign-in-submit" disabled={busy}>
        {t.signIn}
      </button>
    </form>
  );
}

function FirstAdminForm({ t, onDone, onBack }: { t: Texts; onDone(): void; onBack(): void }) {
  const [form, setForm] = useState({ token: '', name: '', displayName: '', password: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.repeat) {
      setError(new Error(t.mismatch));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(
        '/admin/v1/first-admin',
        { name: form.name.trim(), displayName: form.displayName.trim(), password: form.password },
        { bearer: form.token.trim() },
      );
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form className="sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
      <Field
        label={t.token}
        data-testid="first-admin-token"
        type="password"
        autoComplete="off"
        value={form.token}
        onChange={set('token')}
        required
      />
      <Field
        label={t.name}
        data-testid="first-admin-name"
        autoComplete="username"
        value={form.name}
        onChange={set('name')}
        required
      />
      <Field
        label={t.displayName}
        data-testid="first-admin-display-name"
        autoComplete="name"
        value={form.displayName}
        onChange={set('displayName')}
        required
      />
      <Field
        label={t.password}
        hint={t.passwordRule}
        data-testid="first-admin-password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        value={form.password}
        onChange={set('password')}
        required
      />
      <Field
        label={t.repeat}
        data-testid="first-admin-repeat"
        type="password"
        autoComplete="new-password"
        value={form.repeat}
        onChange={set('repeat')}
        required
      />
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button-primary" data-testid="first-admin-submit" disabled={busy}>
        {t.create}
      </button>
      <button type="button" className="button-quiet" onClick={onBack}>
        {t.back}
      </button>
    </form>
  );
}

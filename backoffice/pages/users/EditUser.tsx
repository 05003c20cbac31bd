// One user, picked from the list: their full name, role and stores; disabling or enabling them; and a
// new password. HQ refuses disabling oneself and leaving the chain without an enabled admin.
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../server/office/access';
import { api } from '../../api/client';
import { fill, useTexts } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { RoleField, StoresField } from './fields';
import { parseStores, userTexts } from './texts';
import type { UserView } from './types';

export function EditUser({
  user,
  onClose,
  onChanged,
}: {
  user: UserView;
  onClose(): void;
  onChanged(message: string): void;
}) {
  const t = useTexts(userTexts);
  const [form, setForm] = useState({
    displayName: user.displayName,
    role: user.role as Role,
    stores: user.stores.join(', '),
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (job: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await job());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const path = `/admin/v1/users/${encodeURIComponent(user.id)}`;
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.patch(path, {
        displayName: form.displayName.trim(),
        role: form.role,
        stores: form.role === 'store_manager' ? parseStores(form.stores) : [],
      });
      return t.saved;
    });
  };
  const toggle = () =>
    run(async () => {
      await api.patch(path, { disabled: !user.disabled });
      return fill(user.disabled ? t.enabled_ok : t.disabled_ok, { name: user.name });
    });
  const reset = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const reply = await api.post<{ sessionsEnded: number }>(`${path}/password`, { password });
      setPassword('');
      return fill(t.reset_ok, { n: reply.sessionsEnded });
    });
  };
  return (
    <Panel
      title={fill(t.edit, { name: user.name })}
      actions={
        <button type="button" className="button-quiet" onClick={onClose}>
          {t.close}
        </button>
      }
    >
      <form className="users-form" onSubmit={save} data-testid="user-edit-form">
        <div className="form-row">
          <Field
            label={t.displayName}
            value={form.displayName}
            onChange={(displayName) => setForm({ ...form, displayName })}
            required
          />
          <RoleField value={form.role} onChange={(role) => setForm({ ...form, role })} />
        </div>
        {form.role === 'store_manager' ? (
          <StoresField value={form.stores} onChange={(stores) => setForm({ ...form, stores })} />
        ) : null}
        <div className="users-buttons">
          <button type="submit" className="button-primary" disabled={busy}>
            {t.save}
          </button>
          <button
            type="button"
            className={user.disabled ? 'button-quiet' : 'button-danger'}
            data-testid="user-toggle"
            disabled={busy}
            onClick={() => void toggle()}
          >
            {user.disabled ? t.enable : t.disable}
          </button>
        </div>
      </form>
      <form className="users-form users-reset" onSubmit={reset}>
        <Field
          label={t.newPassword}
          className="users-password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={password}
          onChange={setPassword}
          required
        />
        <button type="submit" className="button-quiet" disabled={busy}>
          {t.reset}
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </Panel>
  );
}

// Making a user: sign-in name, full name, role, a store manager's stores, and a first password.
import { useState } from 'react';
import type { Role } from '../../../server/office/access';
import { api } from '../../api/client';
import { useTexts } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorNotice } from '../../ui/Notice';
import { Panel } from '../../ui/Page';
import { useSubmit } from '../../ui/useSubmit';
import { RoleField, StoresField } from './fields';
import { parseStores, userTexts } from './texts';

export function NewUser({ onCancel, onCreated }: { onCancel(): void; onCreated(name: string): void }) {
  const t = useTexts(userTexts);
  const [form, setForm] = useState({
    name: '',
    displayName: '',
    role: 'store_manager' as Role,
    stores: '',
    password: '',
  });
  const { submit, busy, error } = useSubmit(async () => {
    const name = form.name.trim().toLowerCase();
    await api.post('/admin/v1/users', {
      name,
      displayName: form.displayName.trim(),
      role: form.role,
      stores: form.role === 'store_manager' ? parseStores(form.stores) : [],
      password: form.password,
    });
    onCreated(name);
  });
  return (
    <Panel title={t.newUser}>
      <form className="users-form" onSubmit={submit} data-testid="user-create-form">
        <div className="form-row">
          <Field
            label={t.name}
            data-testid="user-name"
            autoComplete="off"
            value={form.name}
            onChange={(name) => setForm({ ...form, name })}
            required
          />
          <Field
            label={t.displayName}
            data-testid="user-display-name"
            autoComplete="off"
            value={form.displayName}
            onChange={(displayName) => setForm({ ...form, displayName })}
            required
          />
          <RoleField value={form.role} onChange={(role) => setForm({ ...form, role })} />
        </div>
        {form.role === 'store_manager' ? (
          <StoresField value={form.stores} onChange={(stores) => setForm({ ...form, stores })} />
        ) : null}
        <Field
          label={t.password}
          hint={t.passwordHint}
          className="users-password"
          data-testid="user-password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={form.password}
          onChange={(password) => setForm({ ...form, password })}
          required
        />
        {error ? <ErrorNotice error={error} /> : null}
        <div className="users-buttons">
          <button type="submit" className="button-primary" data-testid="user-create" disabled={busy}>
            {t.create}
          </button>
          <button type="button" className="button-quiet" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Panel>
  );
}

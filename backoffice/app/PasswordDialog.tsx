// Changing one's own password, from the top bar: the current one, then the new one twice. HQ ends the
// user's other sessions (a password changed because it leaked must shut out whoever has it).
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { defineTexts, useTexts } from '../i18n';
import { Field } from '../ui/Field';
import { ErrorNotice, Notice } from '../ui/Notice';

const texts = defineTexts({
  en: {
    open: 'Change password',
    title: 'Change your password',
    current: 'Current password',
    next: 'New password (at least 12 characters)',
    again: 'New password again',
    mismatch: 'The two new passwords are not the same.',
    save: 'Change password',
    cancel: 'Cancel',
    done: 'Your password is changed. Your other sessions have ended.',
  },
  'zh-CN': {
    open: '修改密码',
    title: '修改密码',
    current: '当前密码',
    next: '新密码（至少 12 个字符）',
    again: '再次输入新密码',
    mismatch: '两次输入的新密码不一致。',
    save: '修改密码',
    cancel: '取消',
    done: '密码已修改，您的其他登录已结束。',
  },
});

export function PasswordDialog() {
  const t = useTexts(texts);
  const dialog = useRef<HTMLDialogElement>(null);
  const [fields, setFields] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const open = () => {
    setFields({ current: '', next: '', again: '' });
    setError(null);
    setDone(false);
    dialog.current?.showModal();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fields.next !== fields.again) {
      setError(new Error(t.mismatch));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.put('/admin/v1/session/password', {
        currentPassword: fields.current,
        newPassword: fields.next,
      });
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof fields, label: string, autoComplete: string) => (
    <Field
      label={label}
      type="password"
      autoComplete={autoComplete}
      value={fields[key]}
      onChange={(value) => setFields({ ...fields, [key]: value })}
      required
    />
  );
  return (
    <>
      <button type="button" className="button-quiet" onClick={open}>
        {t.open}
      </button>
      <dialog ref={dialog} className="office-dialog" aria-labelledby="password-title">
        <form onSubmit={submit} className="office-dialog-body">
          <h2 id="password-title">{t.title}</h2>
          {done ? (
            <Notice tone="ok">{t.done}</Notice>
          ) : (
            <>
              {field('current', t.current, 'current-password')}
              {field('next', t.next, 'new-password')}
              {field('again', t.again, 'new-password')}
              {error ? <ErrorNotice error={error} /> : null}
            </>
          )}
          <div className="form-row">
            {done ? null : (
              <button type="submit" className="button-primary" disabled={busy}>
                {t.save}
              </button>
            )}
            <button type="button" className="button-quiet" onClick={() => dialog.current?.close()}>
              {t.cancel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

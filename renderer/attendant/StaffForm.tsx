// The attendant's badge (scanned into the field, or typed) and PIN, for the actions that need them.
import { useState, type FormEvent } from 'react';
import { useAttendant } from './context';

export function StaffForm({
  lead,
  testId,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  lead: string;
  testId: string;
  submitLabel?: string;
  /** Resolves true when it went through: the form then clears. */
  onSubmit(badge: string, pin: string): Promise<boolean>;
  onCancel?(): void;
}) {
  const { t } = useAttendant();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await onSubmit(badge.trim(), pin);
    setBusy(false);
    setPin('');
    if (done) setBadge('');
  };
  return (
    <form className="att-staff" data-testid={testId} onSubmit={(e) => void submit(e)}>
      {lead ? <p className="dialog-lead">{lead}</p> : null}
      <label className="att-field">
        <span>{t.badge}</span>
        <input autoComplete="off" value={badge} onChange={(e) => setBadge(e.target.value)} />
      </label>
      <label className="att-field">
        <span>{t.pin}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
        />
      </label>
      <div className="att-staff-actions">
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
        <button type="submit" className="button primary" disabled={busy || !badge.trim() || pin.length < 4}>
          {submitLabel ?? t.confirm}
        </button>
      </div>
    </form>
  );
}

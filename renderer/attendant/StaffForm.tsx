// The attendant's badge (scanned into the field, or typed) and PIN, for the actions that need them.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useAttendant } from './context';

export function StaffForm({
  lead,
  testId,
  submitLabel,
  onSubmit,
  onCancel,
  alternate,
  children,
}: {
  lead: string;
  testId: string;
  submitLabel?: string;
  /** Resolves true when it went through: the form then clears. */
  onSubmit(badge: string, pin: string): Promise<boolean>;
  onCancel?(): void;
  /** The other decision on the same badge and PIN (refuse beside approve): one form, not two. */
  alternate?: { label: string; testId: string; onSubmit(badge: string, pin: string): Promise<boolean> };
  /** More fields before the badge (the age on the ID). */
  children?: ReactNode;
}) {
  const { t } = useAttendant();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = !busy && badge.trim() !== '' && pin.length >= 4;
  const run = async (decide: typeof onSubmit) => {
    setBusy(true);
    const done = await decide(badge.trim(), pin);
    setBusy(false);
    setPin('');
    if (done) setBadge('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(onSubmit);
  };
  return (
    <form className="att-staff" data-testid={testId} onSubmit={submit}>
      {lead ? <p className="dialog-lead">{lead}</p> : null}
      {children}
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
        {alternate ? (
          <button
            type="button"
            className="button secondary"
            data-testid={alternate.testId}
            disabled={!ready}
            onClick={() => void run(alternate.onSubmit)}
          >
            {alternate.label}
          </button>
        ) : null}
        <button type="submit" className="button primary" data-testid={`${testId}-submit`} disabled={!ready}>
          {submitLabel ?? t.confirm}
        </button>
      </div>
    </form>
  );
}

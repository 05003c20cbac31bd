// An attendant types the weight on a kiosk with a scale (the scale is broken, the item is too big for
// it): offered only after an attendant's badge was scanned while weighing, and sent with their PIN.
// Who may is the backend's (the same staff gate as "mark as paid"); a wrong PIN says so and stays.
import { useCallback, useState } from 'react';
import type { ApiError, ScanSource, TerminalClient } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Keypad } from './Keypad';

export interface WeighStaffEntryProps {
  client: TerminalClient;
  badge: string;
  code: string;
  source: ScanSource;
  onAdded(): void;
}

export function WeighStaffEntry({ client, badge, code, source, onAdded }: WeighStaffEntryProps) {
  const { t } = useI18n();
  const [grams, setGrams] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const takeWeight = useCallback((text: string) => {
    const value = Number.parseInt(text, 10);
    if (Number.isSafeInteger(value) && value > 0) setGrams(value);
  }, []);
  const send = useCallback(
    (pin: string) => {
      if (busy || grams === null) return;
      setBusy(true);
      setError(null);
      const input = { code, source, weightGrams: grams, attendant: { badge, pin } };
      void client.call('basket.addScan', input).then((result) => {
        setBusy(false);
        if (result.ok) onAdded();
        else setError(result.error);
      });
    },
    [busy, grams, client, code, source, badge, onAdded],
  );
  // The StaffDialog's layout: words on the left, the keypad on the right, so it fits a 1024×768 screen.
  return (
    <div className="staff-body weigh-staff" data-testid="weigh-staff">
      <div className="staff-side">
        <p className="dialog-lead">
          {grams === null ? t.weigh.staff.typeWeight : t.weigh.staff.typePin(grams)}
        </p>
        {error ? (
          <p className="staff-error" role="alert" data-testid="weigh-staff-error" data-code={error.code}>
            {t.staff.errors[error.code] ?? t.weigh.errors[error.code] ?? t.staff.errorOther}
          </p>
        ) : null}
      </div>
      <div className="staff-keypad">
        {grams === null ? (
          <Keypad
            testId="weigh-staff-weight"
            onSubmit={takeWeight}
            placeholder="0"
            suffix={t.weightUnit}
            submitLabel={t.weigh.staff.next}
            maxLength={6}
          />
        ) : (
          <Keypad
            testId="weigh-staff-pin"
            onSubmit={send}
            placeholder={t.staff.pin}
            submitLabel={t.weigh.add}
            maxLength={8}
            masked
          />
        )}
      </div>
    </div>
  );
}

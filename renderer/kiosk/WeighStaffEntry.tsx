// An attendant types the weight on a kiosk with a scale (the scale is broken, the item is too big for
// it): offered only after an attendant's badge was scanned while weighing — by a serial or a
// keyboard-wedge scanner — and sent with their PIN. Who may is the backend's (the same staff gate as
// "mark as paid"), which journals the typed weight with the line; a wrong PIN says so and stays.
import { useCallback, useState } from 'react';
import type { ApiError, ScanSource, TerminalClient } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Keypad } from './Keypad';
import { StaffPinBody } from './StaffPinBody';

export interface WeighStaffEntryProps {
  client: TerminalClient;
  badge: string;
  code: string;
  source: ScanSource;
  onAdded(): void;
  onCancel(): void;
}

export function WeighStaffEntry({ client, badge, code, source, onAdded, onCancel }: WeighStaffEntryProps) {
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
  // The weight first, on the keypad where the PIN then goes: the layout of every attendant's dialog.
  const weightPad =
    grams === null ? (
      <Keypad
        key="weight"
        testId="weigh-staff-weight"
        onSubmit={takeWeight}
        placeholder="0"
        suffix={t.weightUnit}
        submitLabel={t.weigh.staff.next}
        maxLength={6}
      />
    ) : undefined;
  return (
    <StaffPinBody
      id="weigh-staff"
      error={error}
      errorText={(e) => t.staff.errors[e.code] ?? t.weigh.errors[e.code] ?? t.staff.errorOther}
      onPin={send}
      onCancel={onCancel}
      keypad={weightPad}
    >
      <p className="dialog-lead">
        {grams === null ? t.weigh.staff.typeWeight : t.weigh.staff.typePin(grams)}
      </p>
    </StaffPinBody>
  );
}

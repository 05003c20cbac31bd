// Adjust: choose the reason (damaged, expired, theft, sample take stock away; found adds it), then scan
// and confirm each item. Every adjustment is booked at once and named as the signed-in staff member's.
import { useState } from 'react';
import { ADJUST_REASONS_SHOWN } from './reasons';
import type { AdjustReason, StockItemView } from '../../services/api/contract';
import { quantityText } from '../format';
import { useI18n } from '../i18n';
import { Notice } from './Banner';
import { DeviceName } from './DeviceName';
import { itemName } from './ItemCard';
import { ScanLoop } from './ScanLoop';
import type { StockScreenProps } from './screen-props';

export function AdjustScreen({ client, scans, device }: StockScreenProps) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState<AdjustReason>('damaged');
  const [done, setDone] = useState<string | null>(null);
  const confirm = async (item: StockItemView, quantity: number) => {
    const signed = reason === 'found' ? quantity : -quantity;
    const result = await client.call('stock.adjust', {
      code: item.gtin,
      quantity: signed,
      reason,
      ...(device ? { device } : {}),
    });
    if (!result.ok) return result.error;
    const sign = signed < 0 ? '−' : '+';
    setDone(t.stock.adjusted(`${sign}${quantityText(item.unit, quantity)}`, itemName(item, language)));
    return null;
  };
  return (
    <section className="stock-task" data-testid="stock-adjust">
      <h1>{t.stock.adjustTitle}</h1>
      <fieldset className="stock-choice">
        <legend>{t.stock.reason}</legend>
        {ADJUST_REASONS_SHOWN.map((r) => (
          <button
            key={r}
            type="button"
            className={`stock-chip ${r === reason ? 'selected' : ''}`}
            aria-pressed={r === reason}
            data-testid={`stock-reason-${r}`}
            onClick={() => setReason(r)}
          >
            {t.stock.reasons[r]}
          </button>
        ))}
      </fieldset>
      <Notice text={done} />
      <ScanLoop client={client} scans={scans} onConfirm={confirm} />
      <DeviceName device={device} />
    </section>
  );
}

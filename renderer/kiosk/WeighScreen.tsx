// The weigh screen of a kiosk with a scale: the item, its price per kg, the live weight and the line
// price as the scale settles, what the scale says in a calm sentence, and Add — enabled only on a
// stable weight above the store's minimum. The weight is the scale's: there is nothing to type here.
import { useCallback, useState } from 'react';
import { localizedName } from '../../core/catalog/language-tag';
import { lineTotal } from '../../core/pricing/line';
import type { ApiError, ScaleReadingView, ScanSource, TerminalClient } from '../../services/api/contract';
import { kilograms, money } from '../format';
import { useI18n } from '../i18n';
import { useScaleWeighing } from '../common/useScaleWeighing';
import { Modal } from './dialogs';
import { WeighStaffEntry } from './WeighStaffEntry';

export interface WeighScreenProps {
  client: TerminalClient;
  /** The item to weigh, and the badge of an attendant scanned meanwhile (any scanner): they may type it. */
  weightFor: { code: string; source: ScanSource; badge?: string };
  /** The item was added, or the shopper cancelled: the screen closes. */
  onClose(): void;
}

export function WeighScreen({ client, weightFor, onClose }: WeighScreenProps) {
  const { t, language } = useI18n();
  const { item, reading, error, setError } = useScaleWeighing(client, weightFor.code, weightFor.source);
  const [busy, setBusy] = useState(false);
  const { code, source, badge: staffBadge } = weightFor;

  const add = useCallback(() => {
    if (busy) return;
    setBusy(true);
    void client.call('scale.add', { code, source }).then((result) => {
      setBusy(false);
      if (result.ok) onClose();
      else setError(result.error);
    });
  }, [busy, client, code, source, onClose, setError]);

  const state = reading?.state ?? 'zero';
  const grams = reading?.grams ?? null;
  const ready = item !== null && state === 'stable' && grams !== null;
  const price =
    item && grams !== null
      ? lineTotal({ unit: 'kg', unitPrice: item.unitPrice, quantity: grams, taxRateBp: item.taxRateBp })
      : null;

  return (
    <Modal
      testId="weigh-screen"
      title={item ? localizedName(item.name, item.names, language) : t.weigh.title}
      onClose={onClose}
    >
      <p className="dialog-lead weigh-per-kg" data-testid="weigh-unit-price">
        {item ? t.weigh.perKg(money(item.unitPrice, item.currency, language)) : t.weigh.loading}
      </p>
      {staffBadge ? (
        <WeighStaffEntry
          client={client}
          badge={staffBadge}
          code={code}
          source={source}
          onAdded={onClose}
          onCancel={onClose}
        />
      ) : (
        <ScaleReadout
          state={state}
          grams={grams}
          price={price}
          currency={item?.currency ?? null}
          error={error}
        />
      )}
      {/* The attendant's entry has its own Cancel, beside its OK. */}
      {staffBadge ? null : (
        <div className="dialog-actions">
          <button type="button" className="button secondary" data-testid="weigh-cancel" onClick={onClose}>
            {t.cancel}
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="weigh-add"
            disabled={!ready || busy}
            onClick={add}
          >
            {t.weigh.add}
          </button>
        </div>
      )}
    </Modal>
  );
}

/** The scale's weight and the line price, and what the scale says, in words. */
function ScaleReadout({
  state,
  grams,
  price,
  currency,
  error,
}: {
  state: ScaleReadingView['state'];
  grams: number | null;
  price: number | null;
  currency: string | null;
  error: ApiError | null;
}) {
  const { t, language } = useI18n();
  return (
    <>
      <div className={`weigh-readout weigh-${state}`}>
        <div className="weigh-figure">
          <div className="weigh-label">{t.weigh.weight}</div>
          <div className="weigh-value" data-testid="weigh-weight">
            {grams !== null ? kilograms(grams) : '– kg'}
          </div>
        </div>
        <div className="weigh-figure">
          <div className="weigh-label">{t.weigh.price}</div>
          <div className="weigh-value" data-testid="weigh-price">
            {price !== null && currency ? money(price, currency, language) : '–'}
          </div>
        </div>
      </div>
      <p className="weigh-state" role="status" data-testid="weigh-state" data-state={state}>
        {error ? (t.weigh.errors[error.code] ?? t.weigh.errorOther) : t.weigh.states[state]}
      </p>
    </>
  );
}

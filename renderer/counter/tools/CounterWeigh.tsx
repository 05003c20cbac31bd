// The counter's weigh dialog for a kg item: with a scale, its live weight (Enter adds at a steady
// weight — the scale's, through scale.add); with or without one, typed grams (Enter adds those). It
// holds the keyboard while open; Esc cancels, and the code entry gets the focus back.
import { useRef, useState } from 'react';
import { useFocusOnShow } from '../focus-trap';
import { localizedName } from '../../../core/catalog/language-tag';
import { lineTotal } from '../../../core/pricing/line';
import type { ScanSource, TerminalClient } from '../../../services/api/contract';
import { kilograms, money } from '../../format';
import { cashierRefusal } from '../../common/cashier-words';
import { useI18n } from '../../i18n';
import { useScaleWeighing } from '../../common/useScaleWeighing';
import { Modal } from '../../kiosk/dialogs';

/** The backend's limit for a typed weight (basket.addScan's weightGrams). */
const MAX_GRAMS = 100_000;

export interface CounterWeighProps {
  client: TerminalClient;
  /** A scale is set up: its weight is offered first. */
  scale: boolean;
  weightFor: { code: string; source: ScanSource };
  /** A typed weight: the item is scanned again with it. */
  onTyped(grams: number): void;
  onClose(): void;
}

export function CounterWeigh({ client, scale, weightFor, onTyped, onClose }: CounterWeighProps) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState('');
  const { code, source } = weightFor;
  const { item, reading, error, setError } = useScaleWeighing(client, code, source, scale);
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  useFocusOnShow(() => input.current, []);

  const grams = reading?.state === 'stable' ? reading.grams : null;
  const accept = () => {
    const typedGrams = Number.parseInt(typed, 10);
    if (typed !== '') {
      if (typedGrams >= 1 && typedGrams <= MAX_GRAMS) onTyped(typedGrams);
      return;
    }
    if (grams === null || busy.current) return;
    busy.current = true;
    void client.call('scale.add', { code, source }).then((result) => {
      busy.current = false;
      if (result.ok) onClose();
      else setError(result.error);
    });
  };

  const price =
    item && grams !== null
      ? lineTotal({ unit: 'kg', unitPrice: item.unitPrice, quantity: grams, taxRateBp: item.taxRateBp })
      : null;
  const state = reading?.state ?? 'zero';
  return (
    <Modal
      testId="counter-weigh"
      title={item ? localizedName(item.name, item.names, language) : t.counterTools.weighTitle}
      onClose={onClose}
    >
      <p className="dialog-lead">{scale ? t.counterTools.weighScale : t.counterTools.weighTyped}</p>
      {scale ? (
        <div className="tools-weigh" data-testid="counter-weigh-reading" data-state={state}>
          <span className="tools-weigh-grams" data-testid="counter-weigh-grams">
            {grams !== null ? kilograms(grams) : '—'}
          </span>
          <span className="tools-weigh-state">{t.counterTools.scale[state]}</span>
          <span className="tools-weigh-price">
            {price !== null && item ? money(price, item.currency, language) : ''}
          </span>
        </div>
      ) : null}
      <label className="tools-field">
        <span className="tools-field-label">
          {scale ? t.counterTools.weighTypeLabel : `${t.weigh.weight} (${t.weightUnit})`}
        </span>
        <input
          ref={input}
          data-testid="counter-weigh-typed"
          value={typed}
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
          onBlur={() => setTimeout(() => input.current?.focus(), 0)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            accept();
          }}
        />
      </label>
      {error && error.code !== 'weight_not_ready' ? (
        <p className="tools-note" role="alert" data-testid="counter-weigh-error">
          {t.counterTools.errors[error.code] ?? cashierRefusal(t, error)}
        </p>
      ) : null}
      <p className="tools-hint">{t.counterTools.weighHint}</p>
    </Modal>
  );
}

// The quantity of the item on show: large − and + for one hand, and a number entry for a carton's
// worth. Pieces, or grams for an item sold by weight. Enter in the number entry confirms.
import { useI18n } from '../i18n';

export interface QuantityStepperProps {
  value: number;
  onChange(value: number): void;
  /** The number entry has the keyboard (the code entry lets it go meanwhile). */
  onEditing(editing: boolean): void;
  onEnter(): void;
  unit: 'each' | 'kg';
}

const MAX = 1_000_000;

export function QuantityStepper({ value, onChange, onEditing, onEnter, unit }: QuantityStepperProps) {
  const { t } = useI18n();
  const words = t.stock;
  const set = (n: number) => onChange(Math.min(MAX, Math.max(1, n)));
  return (
    <div className="stock-quantity" role="group" aria-label={words.quantity}>
      <button
        type="button"
        className="stock-step"
        aria-label={words.less}
        data-testid="stock-less"
        disabled={value <= 1}
        onClick={() => set(value - 1)}
      >
        −
      </button>
      <label className="stock-quantity-field">
        <span className="stock-quantity-label">
          {words.quantity}
          {unit === 'kg' ? ' (g)' : ''}
        </span>
        <input
          data-testid="stock-quantity"
          inputMode="numeric"
          autoComplete="off"
          value={String(value)}
          onFocus={(e) => {
            onEditing(true);
            e.target.select();
          }}
          onBlur={() => onEditing(false)}
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, '');
            set(digits === '' ? 1 : Number(digits));
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            e.currentTarget.blur();
            onEnter();
          }}
        />
      </label>
      <button
        type="button"
        className="stock-step"
        aria-label={words.more}
        data-testid="stock-more"
        onClick={() => set(value + 1)}
      >
        +
      </button>
    </div>
  );
}

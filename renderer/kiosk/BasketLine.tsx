// One basket line. Memoised on its visible fields: a scan re-renders only the line it changed.
import { memo, useEffect, useRef } from 'react';
import type { BasketLineView } from '../../services/api/contract';
import { money, quantityText } from '../format';
import { useI18n } from '../i18n';
import { MinusIcon, PlusIcon, TrashIcon } from './icons';

export interface BasketLineProps {
  line: BasketLineView;
  currency: string;
  highlight: boolean;
  /** Changes on every basket update, so a re-scanned line flashes again. */
  revision: number;
  onQuantity(lineId: string, quantity: number): void;
  onRemove(lineId: string): void;
}

function BasketLineRow({ line, currency, highlight, revision, onQuantity, onRemove }: BasketLineProps) {
  const { t, language } = useI18n();
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!highlight || !el) return;
    const calm = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    el.scrollIntoView({ block: 'nearest', behavior: calm ? 'auto' : 'smooth' });
    if (calm) return;
    const flash = el.animate?.(
      [
        { transform: 'scale(1.015)', backgroundColor: 'var(--accent-flash)' },
        { transform: 'scale(1)', backgroundColor: 'var(--accent-soft)' },
      ],
      { duration: 450, easing: 'cubic-bezier(.2,.8,.2,1)' },
    );
    // A newer scan moves the highlight on: this line must stop flashing at once.
    return () => flash?.cancel();
  }, [highlight, revision]);
  const weighed = line.unit === 'kg';
  const unitPrice = money(line.unitPrice, currency, language);
  return (
    <li
      ref={ref}
      className={highlight ? 'line highlight' : 'line'}
      data-testid="basket-line"
      data-line-id={line.id}
      data-highlight={highlight ? 'true' : undefined}
    >
      <div className="line-main">
        <div className="line-name" data-testid="line-name">
          {line.name}
        </div>
        <div className="line-unit">{weighed ? `${unitPrice} ${t.perKg}` : `${unitPrice} ${t.each}`}</div>
      </div>
      <div className="line-qty-controls">
        {weighed ? null : (
          <button
            type="button"
            className="round"
            data-testid="line-minus"
            aria-label={t.decrease}
            disabled={line.quantity <= 1}
            onClick={() => onQuantity(line.id, line.quantity - 1)}
          >
            <MinusIcon />
          </button>
        )}
        <span className={weighed ? 'line-qty weight' : 'line-qty'} data-testid="line-qty">
          {quantityText(line.unit, line.quantity)}
        </span>
        {weighed ? null : (
          <button
            type="button"
            className="round"
            data-testid="line-plus"
            aria-label={t.increase}
            onClick={() => onQuantity(line.id, line.quantity + 1)}
          >
            <PlusIcon />
          </button>
        )}
      </div>
      <div className="line-total" data-testid="line-total">
        {money(line.lineTotal, currency, language)}
      </div>
      <button
        type="button"
        className="line-remove"
        data-testid="line-remove"
        aria-label={`${t.remove} ${line.name}`}
        onClick={() => onRemove(line.id)}
      >
        <TrashIcon size={28} />
      </button>
    </li>
  );
}

const sameLine = (a: BasketLineView, b: BasketLineView) =>
  a.id === b.id &&
  a.name === b.name &&
  a.unit === b.unit &&
  a.unitPrice === b.unitPrice &&
  a.quantity === b.quantity &&
  a.lineTotal === b.lineTotal;

export const BasketLine = memo(
  BasketLineRow,
  (prev, next) =>
    sameLine(prev.line, next.line) &&
    prev.currency === next.currency &&
    prev.highlight === next.highlight &&
    (!next.highlight || prev.revision === next.revision) &&
    prev.onQuantity === next.onQuantity &&
    prev.onRemove === next.onRemove,
);

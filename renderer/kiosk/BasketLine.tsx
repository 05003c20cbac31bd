// One basket line. Memoised on its visible fields: a scan re-renders only the line it changed.
import { memo, useEffect, useRef } from 'react';
import { localizedName } from '../../core/catalog/language-tag';
import type { Language } from '../../core/types';
import type { BasketLineView } from '../../services/api/contract';
import { calendarDate, money, quantityText } from '../format';
import { useI18n, type Messages } from '../i18n';
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
  // One unique piece (its own serial) is always a quantity of one: there is nothing to step.
  const fixed = weighed || line.serial !== null;
  const unitPrice = money(line.unitPrice, currency, language);
  const details = packDetails(line, t, language);
  return (
    <li
      ref={ref}
      className={`line${highlight ? ' highlight' : ''}${line.recall ? ' recalled' : ''}`}
      data-testid="basket-line"
      data-line-id={line.id}
      data-recalled={line.recall ? line.recall.match : undefined}
      data-highlight={highlight ? 'true' : undefined}
    >
      <div className="line-main">
        <div className="line-name" data-testid="line-name">
          {localizedName(line.name, line.names, language)}
        </div>
        {details.length > 0 ? (
          <div className="line-pack" data-testid="line-pack">
            <div className="line-pack-items">
              {details.map(({ text, past }) => (
                <span key={text} className={past ? 'past' : undefined} data-past={past || undefined}>
                  {text}
                </span>
              ))}
            </div>
          </div>
        ) : null}
        {line.recall ? (
          <div className="line-recalled" data-testid="line-recalled">
            {t.recalls.lineRecalled}
          </div>
        ) : null}
        <div className="line-unit">{weighed ? `${unitPrice} ${t.perKg}` : `${unitPrice} ${t.each}`}</div>
      </div>
      <div className="line-qty-controls">
        {fixed ? null : (
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
        <span
          className={weighed ? 'line-qty weight' : fixed ? 'line-qty single' : 'line-qty'}
          data-testid="line-qty"
        >
          {quantityText(line.unit, line.quantity)}
        </span>
        {fixed ? null : (
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
        aria-label={`${t.remove} ${localizedName(line.name, line.names, language)}`}
        onClick={() => onRemove(line.id)}
      >
        <TrashIcon size={28} />
      </button>
    </li>
  );
}

/** What the pack's GS1 code said: which piece (lot, serial), then its date. */
export function packDetails(line: BasketLineView, t: Messages, language: Language) {
  const details: { text: string; past: boolean }[] = [];
  if (line.lot) details.push({ text: t.lot(line.lot), past: false });
  if (line.serial) details.push({ text: t.serial(line.serial), past: false });
  if (line.expiry) {
    // Only a store that warns rather than blocks sells such a piece; the attendant should see it.
    const past = line.expiry < localToday();
    details.push({ text: t.useBy(calendarDate(line.expiry, language)), past });
  }
  return details;
}

/** Today on this kiosk's calendar as YYYY-MM-DD, compared as text with a pack's date. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const sameLine = (a: BasketLineView, b: BasketLineView) =>
  a.id === b.id &&
  a.lot === b.lot &&
  a.serial === b.serial &&
  a.expiry === b.expiry &&
  a.recall?.match === b.recall?.match &&
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

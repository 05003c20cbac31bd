// The sale as a table: one row per line, the selected one highlighted and kept in view. A click
// selects a row too; the keyboard does everything else.
import { memo, useEffect, useRef } from 'react';
import type { BasketLineView } from '../../services/api/contract';
import { money, quantityText } from '../format';
import { useI18n } from '../i18n';
import { packDetails } from '../kiosk/BasketLine';
import { LineDiscount, PriceWas } from './price/PriceMarks';

export interface BasketTableProps {
  lines: BasketLineView[];
  currency: string;
  selectedId: string | null;
  onSelect(lineId: string): void;
}

export function BasketTable({ lines, currency, selectedId, onSelect }: BasketTableProps) {
  const { t } = useI18n();
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.querySelector('[data-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, lines.length]);
  return (
    <div className="counter-table-scroll">
      <table className="counter-table" data-testid="basket-table">
        <thead>
          <tr>
            <th className="col-no">#</th>
            <th className="col-item">{t.counter.colItem}</th>
            <th className="col-num">{t.counter.colQty}</th>
            <th className="col-num">{t.counter.colUnitPrice}</th>
            <th className="col-num">{t.counter.colAmount}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {lines.map((line, i) => (
            <Row
              key={line.id}
              line={line}
              index={i}
              currency={currency}
              selected={line.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Row = memo(function Row(props: {
  line: BasketLineView;
  index: number;
  currency: string;
  selected: boolean;
  onSelect(lineId: string): void;
}) {
  const { line, index, currency, selected, onSelect } = props;
  const { t, language } = useI18n();
  const details = packDetails(line, t, language);
  const unitPrice = money(line.unitPrice, currency, language);
  return (
    <tr
      className={[selected ? 'selected' : '', line.recall ? 'recalled' : ''].join(' ').trim() || undefined}
      data-testid="basket-line"
      data-line-id={line.id}
      data-recalled={line.recall ? line.recall.match : undefined}
      data-selected={selected ? 'true' : undefined}
      aria-selected={selected}
      onClick={() => onSelect(line.id)}
    >
      <td className="col-no">{index + 1}</td>
      <td className="col-item">
        <div className="counter-line-name" data-testid="line-name">
          {line.name}
        </div>
        <div className="counter-line-sub">
          <span className="counter-line-code">{line.barcode}</span>
          {details.length > 0 ? (
            <span className="counter-line-pack" data-testid="line-pack">
              {details.map(({ text, past }) => (
                <span key={text} className={past ? 'past' : undefined} data-past={past || undefined}>
                  {text}
                </span>
              ))}
            </span>
          ) : null}
        </div>
        {line.recall ? (
          <div className="counter-line-recalled" data-testid="line-recalled">
            {t.recalls.cashierLine(line.recall.reason)}
          </div>
        ) : null}
      </td>
      <td className="col-num counter-qty" data-testid="line-qty">
        {quantityText(line.unit, line.quantity)}
      </td>
      <td className="col-num counter-muted">
        {line.unit === 'kg' ? `${unitPrice} ${t.perKg}` : unitPrice}
        <PriceWas line={line} currency={currency} />
      </td>
      <td className="col-num counter-amount" data-testid="line-total">
        {money(line.lineTotal, currency, language)}
        <LineDiscount line={line} currency={currency} />
      </td>
    </tr>
  );
});

// The sale's lines as a return sees them: what was sold, what is back already, what may still come
// back, and what this return takes (quantity, reason, restock or write off, and its money once quoted).
// The chosen row is the one the keys act on; a click chooses it too.
import type { RefundQuoteView, RefundSaleView } from '../../../services/api/contract';
import { money, quantityText } from '../../format';
import { useI18n } from '../../i18n';
import { pickOf, type Picks } from './refund-picks';
import { LinesHead, ReasonCell, soldLineName } from './refund-words';

export interface RefundLinesProps {
  sale: RefundSaleView;
  picks: Picks;
  quote: RefundQuoteView | null;
  selected: number;
  onSelect(index: number): void;
}

export function RefundLines({ sale, picks, quote, selected, onSelect }: RefundLinesProps) {
  const { t, language } = useI18n();
  const cash = (minor: number) => money(minor, sale.currency, language);
  return (
    <div className="refund-lines-scroll">
      <table className="counter-table refund-lines" data-testid="refund-lines">
        <LinesHead
          columns={[
            [t.refund.colItem, false],
            [t.refund.colSold, true],
            [t.refund.colRefunded, true],
            [t.refund.colRefundable, true],
            [t.refund.colReturn, true],
            [t.refund.colReason, false],
            [t.refund.colAmount, true],
          ]}
        />
        <tbody>
          {sale.lines.map((line, i) => {
            const pick = pickOf(picks, line.line);
            const back = pick.quantity > 0;
            const amount = quote?.lines.find((l) => l.line === line.line)?.amount;
            const none = line.refundableQuantity <= 0;
            return (
              <tr
                key={line.line}
                data-testid="refund-line"
                data-line={line.line}
                data-selected={i === selected}
                aria-selected={i === selected}
                className={`refund-line${i === selected ? ' selected' : ''}${back ? ' back' : ''}${none ? ' none' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  onSelect(i);
                }}
              >
                <td className="refund-line-name">
                  {soldLineName(sale, line.line, line.name, language)}
                  {none ? <span className="refund-line-note">{t.refund.nothingLeft}</span> : null}
                </td>
                <td className="num">{quantityText(line.unit, line.sold)}</td>
                <td className="num">
                  {line.refundedQuantity > 0 ? quantityText(line.unit, line.refundedQuantity) : '—'}
                </td>
                <td className="num">{quantityText(line.unit, line.refundableQuantity)}</td>
                <td className="num refund-line-qty" data-testid="refund-line-qty">
                  {back ? quantityText(line.unit, pick.quantity) : '—'}
                </td>
                {back ? <ReasonCell reason={pick.reason} disposition={pick.disposition} /> : <td />}
                <td className="num">{back && amount !== undefined ? cash(amount) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// A receiving's lines: expected, received, damaged, and the difference in words — short, over,
// damaged — so a line that differs reads as such without the colour too.
import type { ReceivingView } from '../../services/api/contract';
import { quantityText } from '../format';
import { useI18n } from '../i18n';

export interface ReceivingLinesProps {
  view: ReceivingView;
  /** The item's name in the screen's language, when the screen knows it. */
  nameOf(gtin: string, fallback: string): string;
}

export function ReceivingLines({ view, nameOf }: ReceivingLinesProps) {
  const { t } = useI18n();
  const differences = new Map(view.differences.map((d) => [d.gtin, d]));
  return (
    <table className="stock-table" data-testid="stock-receiving-lines">
      <thead>
        <tr>
          <th scope="col">{t.stock.colItem}</th>
          <th scope="col" className="stock-number">
            {t.stock.colExpected}
          </th>
          <th scope="col" className="stock-number">
            {t.stock.colReceived}
          </th>
          <th scope="col" className="stock-number">
            {t.stock.colDamaged}
          </th>
        </tr>
      </thead>
      <tbody>
        {view.lines.map((line) => {
          const q = (n: number) => quantityText(line.unit, n);
          const d = differences.get(line.gtin);
          // A free delivery expected nothing: only what came damaged is worth marking there.
          const free = view.delivery === null;
          const marks = d
            ? [
                !free && d.short !== 0 ? t.stock.short(q(Math.abs(d.short))) : null,
                !free && d.over !== 0 ? t.stock.over(q(Math.abs(d.over))) : null,
                d.damaged > 0 ? t.stock.damaged(q(d.damaged)) : null,
              ].filter((m): m is string => m !== null)
            : [];
          const state = marks.length ? 'differs' : 'ok';
          return (
            <tr key={line.gtin} data-testid="stock-receiving-line" data-gtin={line.gtin} data-state={state}>
              <td>
                {nameOf(line.gtin, line.name)}
                <span className="stock-marks" data-testid="stock-line-marks">
                  {marks.length ? marks.join(' · ') : line.received > 0 && !free ? t.stock.asExpected : ''}
                </span>
              </td>
              <td className="stock-number">{q(line.expected)}</td>
              <td className="stock-number" data-testid="stock-received">
                {q(line.received)}
              </td>
              <td className="stock-number">{q(line.damaged)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// A purchase order's lines as a form: a GTIN and a quantity per line, lines added and removed. Shared by
// making a PO and by changing a draft's lines; HQ checks the lines whole and says which one is wrong.
import { fill, useTexts } from '../../i18n';
import { Field, NumberField } from '../../ui/Field';
import { poTexts } from './texts';

export interface Line {
  key: number;
  gtin: string;
  quantity: string;
}

let nextKey = 1;
export const blankLine = (gtin = '', quantity = ''): Line => ({ key: nextKey++, gtin, quantity });

/** The lines as HQ takes them: blank lines left out, quantities as numbers. */
export function linesBody(lines: readonly Line[]): { gtin: string; quantity: number }[] {
  return lines
    .filter((l) => l.gtin.trim() !== '' || l.quantity.trim() !== '')
    .map((l) => ({ gtin: l.gtin.trim(), quantity: Number(l.quantity) }));
}

export function LinesEditor({ lines, onChange }: { lines: Line[]; onChange(lines: Line[]): void }) {
  const t = useTexts(poTexts);
  const change = (key: number, part: Partial<Line>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...part } : l)));
  // The visible label is the column's; a screen reader hears which line it is.
  const label = (visible: string, spoken: string) => (
    <>
      <span className="visually-hidden">{spoken}</span>
      <span aria-hidden="true">{visible}</span>
    </>
  );
  return (
    <>
      <ol className="po-lines">
        {lines.map((l, i) => (
          <li key={l.key} className="form-row">
            <Field
              id={`line-gtin-${l.key}`}
              label={label(t.gtin, fill(t.lineGtin, { n: i + 1 }))}
              inputMode="numeric"
              value={l.gtin}
              onChange={(gtin) => change(l.key, { gtin })}
              size={16}
            />
            <NumberField
              id={`line-qty-${l.key}`}
              label={label(t.quantity, fill(t.lineQuantity, { n: i + 1 }))}
              min={1}
              value={l.quantity}
              onChange={(quantity) => change(l.key, { quantity })}
            />
            <button
              type="button"
              className="button-quiet"
              disabled={lines.length === 1}
              onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
              aria-label={fill(t.removeLine, { n: i + 1 })}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button-quiet" onClick={() => onChange([...lines, blankLine()])}>
          {t.addLine}
        </button>
      </div>
    </>
  );
}

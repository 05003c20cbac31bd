// Counting a drawer by denomination, by keyboard: a row per note and coin (largest first, as a cashier
// counts), type the count, Tab or Enter to the next; the total adds up live. Enter on the last row (or
// the button) submits. Used for the opening float and the blind count at close.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useFocusOnShow } from '../focus-trap';
import type { Denomination } from '../../../core/cash';
import { money } from '../../format';
import { useI18n } from '../../i18n';

export interface DenominationCountProps {
  title: string;
  hint: string;
  submitLabel: string;
  currency: string;
  denominations: readonly Denomination[];
  busy: boolean;
  error: string | null;
  onSubmit(counts: Record<string, number>): void;
  testId: string;
}

export function DenominationCount(props: DenominationCountProps) {
  const { t, language } = useI18n();
  const rows = [...props.denominations].sort((a, b) => b.value - a.value);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  useFocusOnShow(() => inputs.current[0], []);
  const count = (value: number) => {
    const text = counts[String(value)] ?? '';
    return /^\d+$/.test(text) ? Number(text) : 0;
  };
  const total = rows.reduce((sum, d) => sum + d.value * count(d.value), 0);
  const submit = () => {
    const out: Record<string, number> = {};
    for (const d of rows) if (count(d.value) > 0) out[String(d.value)] = count(d.value);
    props.onSubmit(out);
  };
  const onKey = (i: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (i + 1 < rows.length) inputs.current[i + 1]?.focus();
    else submit();
  };
  const face = (d: Denomination) => money(d.value, props.currency, language);

  return (
    <section className="shift-count" data-testid={props.testId} aria-label={props.title}>
      <h2>{props.title}</h2>
      <p className="shift-hint">{props.hint}</p>
      <table className="shift-count-table">
        <thead>
          <tr>
            <th scope="col">{t.shift.colDenomination}</th>
            <th scope="col">{t.shift.colCount}</th>
            <th scope="col">{t.shift.colAmount}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => (
            <tr key={d.value} data-kind={d.kind}>
              <th scope="row">{face(d)}</th>
              <td>
                <input
                  ref={(el) => void (inputs.current[i] = el)}
                  inputMode="numeric"
                  aria-label={`${t.shift.colCount} ${face(d)}`}
                  data-testid={`count-${d.value}`}
                  value={counts[String(d.value)] ?? ''}
                  onChange={(e) =>
                    setCounts((c) => ({
                      ...c,
                      [String(d.value)]: e.target.value.replace(/\D/g, '').slice(0, 6),
                    }))
                  }
                  onKeyDown={onKey(i)}
                />
              </td>
              <td className="num">
                {count(d.value) > 0 ? money(d.value * count(d.value), props.currency, language) : ''}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.shift.total}</th>
            <td />
            <td className="num" data-testid="count-total">
              {money(total, props.currency, language)}
            </td>
          </tr>
        </tfoot>
      </table>
      {props.error ? (
        <p className="banner error" role="alert" data-testid="shift-error">
          {props.error}
        </p>
      ) : null}
      <button
        type="button"
        className="button primary"
        disabled={props.busy}
        onClick={submit}
        data-testid="count-submit"
      >
        {props.submitLabel}
      </button>
    </section>
  );
}

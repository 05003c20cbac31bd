// Returns, a sale without its receipt number: search recent sales by day, total and the masked wallet
// code (any of them). Enter searches; once the list answers what is typed, ↑ ↓ choose and Enter opens
// the sale. Editing a field makes the next Enter search again.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useFocusOnShow } from '../focus-trap';
import { currencyExponent, parseDecimalToMinor } from '../../../core/money';
import type {
  ApiError,
  RefundSaleView,
  RefundSearchView,
  TerminalClient,
} from '../../../services/api/contract';
import { dateTime, money } from '../../format';
import { useI18n } from '../../i18n';
import { KeyLegend } from '../KeyLegend';
import { ToolRow } from '../tools/ToolRow';
import { RefundNotice } from './refund-words';

export interface SearchStepProps {
  client: TerminalClient;
  currency: string;
  onFound(sale: RefundSaleView): void;
  onBack(): void;
}

/** Today on this terminal's clock, as the search's YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function SearchStep({ client, currency, onFound, onBack }: SearchStepProps) {
  const { t, language } = useI18n();
  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [found, setFound] = useState<RefundSearchView | null>(null);
  const [fresh, setFresh] = useState(false);
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useFocusOnShow(() => first.current, []);
  const edit = (set: (v: string) => void) => (value: string) => {
    set(value);
    setFresh(false);
  };

  const search = async () => {
    const minor =
      amount.trim() === '' ? undefined : parseDecimalToMinor(amount.trim(), currencyExponent(currency));
    const day = date.trim();
    const masked = code.trim();
    if (
      minor === null ||
      (day !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(day)) ||
      (masked !== '' && masked.length < 4)
    )
      return setHint(t.refund.searchBad);
    if (day === '' && minor === undefined && masked === '') return setHint(t.refund.searchBad);
    setHint(null);
    setError(null);
    setBusy(true);
    const result = await client.call('refund.search', {
      ...(day ? { date: day } : {}),
      ...(minor !== undefined ? { amount: minor } : {}),
      ...(masked ? { maskedCode: masked } : {}),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setFound(result.value);
    setFresh(true);
    setIndex(0);
  };
  const open = async (receiptNumber: string) => {
    setBusy(true);
    const result = await client.call('refund.find', { query: receiptNumber });
    setBusy(false);
    if (result.ok) onFound(result.value);
    else setError(result.error);
  };
  const sales = found?.sales ?? [];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && sales.length > 0) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => Math.min(Math.max(i + step, 0), sales.length - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (busy) return;
      const chosen = fresh ? sales[index] : undefined;
      void (chosen ? open(chosen.receiptNumber) : search());
    }
  };

  return (
    <div className="refund-search" data-testid="refund-search" onKeyDown={onKeyDown}>
      <h3 className="refund-subtitle">{t.refund.searchTitle}</h3>
      <div className="refund-search-fields">
        <label className="counter-field">
          <span>{t.refund.searchDate}</span>
          <input
            ref={first}
            data-testid="refund-search-date"
            value={date}
            autoComplete="off"
            onChange={(e) => edit(setDate)(e.target.value)}
          />
        </label>
        <label className="counter-field">
          <span>{t.refund.searchAmount}</span>
          <input
            data-testid="refund-search-amount"
            value={amount}
            inputMode="decimal"
            autoComplete="off"
            onChange={(e) => edit(setAmount)(e.target.value)}
          />
        </label>
        <label className="counter-field">
          <span>{t.refund.searchCode}</span>
          <input
            data-testid="refund-search-code"
            value={code}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => edit(setCode)(e.target.value)}
          />
        </label>
      </div>
      {found?.offline ? <p className="refund-hint refund-offline">{t.refund.searchOffline}</p> : null}
      <ul
        className="tools-list refund-results"
        role="listbox"
        aria-label={t.refund.searchTitle}
        data-testid="refund-results"
      >
        {sales.map((sale, i) => (
          <ToolRow
            key={sale.receiptNumber}
            testId="refund-result"
            selected={fresh && i === index}
            onPick={() => void open(sale.receiptNumber)}
            main={sale.receiptNumber}
            meta={[
              dateTime(sale.soldAt, language),
              t.refund.searchItems(sale.itemCount),
              ...sale.maskedCodes,
            ].join(' · ')}
            amount={money(sale.total, sale.currency, language)}
          />
        ))}
      </ul>
      {found && sales.length === 0 ? (
        <p className="refund-hint" data-testid="refund-results-none">
          {t.refund.searchNone}
        </p>
      ) : null}
      {busy ? <p className="refund-hint">{t.refund.searching}</p> : null}
      <div aria-live="assertive">
        <RefundNotice error={error} text={hint} testId="refund-error" />
      </div>
      <KeyLegend
        items={[
          { keys: 'Enter', label: t.refund.keySearchRun },
          { keys: '↑ ↓', label: t.refund.keyChoose },
          { keys: 'Tab', label: t.refund.keyNextField },
          { keys: 'Esc', label: t.refund.keyBack },
        ]}
      />
    </div>
  );
}

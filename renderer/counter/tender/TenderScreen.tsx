// The counter's Pay: the amount due, big; the tenders taken, with the cash rounding as its own line;
// the cash entry (digits + Enter, Enter alone for the exact amount), quick-cash keys, F8 for a QR of
// the rest, a scanned wallet code for the rest, Del to take the selected tender back, Esc back to the
// sale while nothing stands. Once the tenders cover the total: the change due, big; Enter is the next customer.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { currencyExponent, parseDecimalToMinor } from '../../../core/money';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { QrCode } from '../../QrCode';
import { CodeEntry } from '../CodeEntry';
import { KeyLegend, type LegendKey } from '../KeyLegend';
import { TenderList } from './TenderList';
import { QUICK_KEYS, looksLikeWalletCode, tenderCommandForKey, type TenderCommand } from './tender-keys';
import type { PayTypeAhead } from './type-ahead';
import { hasStandingTenders, type TenderActions, type TenderState } from './useTender';
import './tender.css';

export interface TenderScreenProps {
  tender: TenderState;
  actions: TenderActions;
  header: ReactNode;
  /** Back to selling (nothing stands). */
  onBack(): void;
  /** The sale is complete and the change given: the next customer. */
  onNext(): void;
  /** What the cashier typed after Pay, before this screen was up: its entry starts from it. */
  typeAhead: PayTypeAhead;
}

export function TenderScreen({ tender, actions, header, onBack, onNext, typeAhead }: TenderScreenProps) {
  const { t, language } = useI18n();
  const { view } = tender;
  const [entry, setEntry] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const done = view?.receipt != null;

  // The newest tender is selected as it comes, so Del takes back what was just taken.
  const count = view?.tenders.length ?? 0;
  useEffect(() => setSelected(count > 0 ? count : null), [count]);

  const run = (command: TenderCommand) => {
    if (!view) return;
    if (done) return command.kind === 'enter' ? onNext() : undefined;
    setHint(null);
    switch (command.kind) {
      case 'enter':
        return submit(entry);
      case 'quick': {
        const amount = view.quickCash[command.index];
        return amount ? void actions.cash(amount) : undefined;
      }
      case 'qr':
        return void actions.qr();
      case 'select':
        return setSelected((s) => Math.min(Math.max(1, (s ?? 1) + command.step), Math.max(1, count)));
      case 'remove':
        return selected ? void actions.remove(selected) : undefined;
      case 'back': {
        if (entry) return setEntry('');
        // Only a QR or wallet payment waiting, nothing taken: Esc cancels it, back to the sale.
        const taken = view.tenders.filter((x) => x.state === 'taken' || x.state === 'reversing');
        const waiting = view.tenders.find((x) => x.state === 'pending');
        if (taken.length === 0 && waiting) return void actions.remove(waiting.position).then(onBack);
        if (hasStandingTenders(view)) return setHint(t.tender.errors.backBlocked);
        return onBack();
      }
    }
  };
  const submit = (text: string) => {
    if (!view) return;
    const typed = text.trim();
    setEntry('');
    if (typed === '') return void actions.cash(view.cashDue); // Enter alone: the exact amount
    if (looksLikeWalletCode(typed)) return void actions.walletCode(typed);
    const minor = parseDecimalToMinor(typed, currencyExponent(view.currency));
    if (minor === null || minor <= 0) return setHint(t.tender.badAmount);
    void actions.cash(minor);
  };
  const runRef = useRef(run);
  runRef.current = run;
  const submitRef = useRef(submit);
  submitRef.current = submit;
  // Typed after Pay, before this screen was up (the selling screen kept it): an Enter with it pays it.
  useLayoutEffect(() => {
    const typed = typeAhead.take();
    if (typed.enter) submitRef.current(typed.text);
    else if (typed.text) setEntry(typed.text);
  }, [typeAhead]);
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = tenderCommandForKey(event.key);
      if (!command) return;
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!view) return <main className="counter-screen counter-tender">{header}</main>;
  const cash = (minor: number) => money(minor, view.currency, language);
  const errorText = tender.error ? refusalText(t.tender.errors, tender.error) : hint;
  return (
    <main className="counter-screen counter-tender" data-testid="tender-screen">
      {header}
      <div className="counter-body">
        <section className="counter-card tender-main">
          <div className="tender-totals">
            <span className="counter-muted">{t.tender.total}</span>
            <span data-testid="tender-total">{cash(view.total)}</span>
          </div>
          {done ? (
            <div className="tender-done" data-testid="tender-done">
              <div className="tender-due-label">{t.tender.completed}</div>
              <div className="tender-due-label">{view.change > 0 ? t.tender.change : t.tender.noChange}</div>
              <div className="tender-due tender-change" data-testid="tender-change">
                {cash(view.change)}
              </div>
            </div>
          ) : (
            <div className="tender-due-box">
              <div className="tender-due-label">{t.tender.due}</div>
              <div className="tender-due" data-testid="tender-due">
                {cash(view.due)}
              </div>
              {view.cashDue !== view.due && view.cashDue > 0 ? (
                <div className="counter-muted" data-testid="tender-cash-due">
                  {t.tender.cashDue(cash(view.cashDue))}
                </div>
              ) : null}
            </div>
          )}
          <h2 className="tender-heading">{t.tender.tenders}</h2>
          <TenderList view={view} selected={selected} />
        </section>
        <aside className="counter-side tender-side">
          {view.payment?.qrPayload && !done ? (
            <div className="counter-card tender-qr" data-testid="tender-qr">
              <QrCode
                text={view.payment.qrPayload}
                sizePx={220}
                label={t.tender.scanQr}
                testId="tender-qr-code"
              />
              <div>
                <strong>{cash(view.payment.amount)}</strong>
                <div className="counter-muted">{t.tender.scanQr}</div>
              </div>
            </div>
          ) : null}
          {/* Enter is the screen's key (cash, or the next customer once done), not the field's. */}
          <CodeEntry
            testId="tender-entry"
            value={entry}
            onChange={setEntry}
            keepFocus={!done}
            disabled={done}
            inputMode="decimal"
            words={{
              label: t.tender.entryLabel,
              placeholder: t.tender.entryPlaceholder,
              hint: t.tender.walletHint,
            }}
          />
          {!done && !view.payment && view.quickCash.length > 0 ? (
            <div className="tender-quick" data-testid="tender-quick">
              {view.quickCash.map((amount, i) => (
                <button
                  key={amount}
                  type="button"
                  className="button secondary"
                  tabIndex={-1}
                  onClick={() => void actions.cash(amount)}
                >
                  {cash(amount)}
                  <kbd>{QUICK_KEYS[i]}</kbd>
                </button>
              ))}
            </div>
          ) : null}
          <div className="counter-messages" aria-live="polite">
            {errorText ? (
              <div
                className="banner warn"
                role="status"
                data-testid="tender-error"
                data-code={tender.error?.code}
              >
                <span className="banner-text">{errorText}</span>
              </div>
            ) : null}
          </div>
          <KeyLegend items={legend(t.tender, done)} />
        </aside>
      </div>
    </main>
  );
}

type Words = ReturnType<typeof useI18n>['t']['tender'];

function legend(words: Words, done: boolean): LegendKey[] {
  if (done) return [{ keys: 'Enter', label: words.keyNext }];
  return [
    { keys: 'Enter', label: words.keyCash },
    { keys: QUICK_KEYS.join(' '), label: words.keyQuick },
    { keys: 'F8', label: words.keyQr },
    { keys: '↑ ↓', label: words.keySelect },
    { keys: 'Del', label: words.keyRemove },
    { keys: 'Esc', label: words.keyBack },
  ];
}

/** A refusal in the cashier's words by its code; an unknown one with the backend's message. */
function refusalText(words: Words['errors'], error: { code: string; message: string }): string {
  const known = (words as Record<string, unknown>)[error.code];
  return typeof known === 'string' ? known : words.other(error.message);
}

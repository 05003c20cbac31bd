// The cashier's selling screen: the sale as a table on the left; the total, the code entry, messages,
// Pay and the key legend on the right. Everything is reachable from the keyboard.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { BasketView, ScanSource, TerminalClient } from '../../services/api/contract';
import { money } from '../format';
import { useI18n } from '../i18n';
import { CameraScan } from '../kiosk/CameraScan';
import { InfoIcon } from '../kiosk/icons';
import { MemberBadge, SessionBanners } from '../kiosk/Messages';
import { CounterAgeCheck } from './CounterAgeCheck';
import type { KioskState } from '../common/state';
import type { KioskActions } from '../common/useKiosk';
import { BasketTable } from './BasketTable';
import { CodeEntry } from './CodeEntry';
import { parseEntry } from './entry';
import { KeyLegend, useSellKeys } from './KeyLegend';
import { commandForKey, type CounterCommand } from './keys';
import { followSelection, moveSelection, type BasketShape } from './selection';
import { useTill, type TillHint } from './useTill';
import { SaleDiscountLine } from './price/PriceMarks';
import { usePriceTools } from './price/usePriceTools';
import { LookupDialog } from './tools/LookupDialog';
import { SuspendedDialog } from './tools/SuspendedDialog';
import { ToolBanner } from './tools/ToolBanner';
import { useCounterTools } from './tools/useCounterTools';
import { RefundDialog } from './refund/RefundDialog';
import type { PayTypeAhead } from './tender/type-ahead';

export interface SellScreenProps {
  state: KioskState;
  actions: KioskActions;
  header: ReactNode;
  /** A dialog of the app's (the weight entry) has the keyboard. */
  dialogOpen: boolean;
  /** For the counter's own tools: price override, discounts, void (./price); lookup, suspended sales, kiosk baskets (./tools). */
  client: TerminalClient;
  /** What the cashier types after Pay, before the tender screen is up, goes to it (./tender/type-ahead). */
  typeAhead: PayTypeAhead;
}

const shapeOf = (basket: BasketView | null): BasketShape => ({
  lineIds: basket?.lines.map((l) => l.id) ?? [],
  lastChangedLineId: basket?.lastChangedLineId ?? null,
});

export function SellScreen({ state, actions, header, dialogOpen, client, typeAhead }: SellScreenProps) {
  const { t, language } = useI18n();
  const basket = state.basket;
  const lines = basket?.lines ?? [];
  const [entry, setEntry] = useState('');
  const [hint, setHint] = useState<TillHint | 'finishSale' | null>(null);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const selected = useSelection(basket, state.basketRevision);
  const { startPayment } = actions;
  const legend = useSellKeys();
  const price = usePriceTools(basket, selected.id, client);

  const till = useTill(basket, actions, setHint);
  const tools = useCounterTools(client);
  // F1: Returns (./refund), over the selling screen while the sale is empty.
  const [returns, setReturns] = useState(false);
  const submit = (text: string, source: ScanSource) => {
    // Typed after Pay: the tender's amount (or wallet code), not an item.
    if (typeAhead.waiting) {
      typeAhead.keep(text, true);
      return setEntry('');
    }
    const parsed = parseEntry(text);
    if (parsed.kind === 'empty') return;
    if (parsed.kind === 'invalid') return setHint('badEntry');
    setEntry('');
    setHint(null);
    till.add(parsed.code, parsed.quantity, source);
  };

  const held = basket?.ageCheck?.state === 'needed';
  // A recall reached a line after it was scanned: the cashier voids it before taking payment.
  const recalled = lines.some((line) => line.recall);
  const canPay = lines.length > 0 && basket?.status === 'open' && !starting && !held && !recalled;
  const pay = useCallback(async () => {
    setStarting(true);
    await startPayment();
    setStarting(false);
  }, [startPayment]);

  const run = (command: CounterCommand) => {
    const ids = lines.map((l) => l.id);
    const id = selected.id;
    switch (command) {
      case 'select-up':
      case 'select-down':
        return selected.set(moveSelection(ids, id, command === 'select-up' ? -1 : 1));
      case 'more':
      case 'less':
        return id ? till.step(id, command === 'more' ? 1 : -1) : undefined;
      case 'remove':
        return id ? till.remove(id) : undefined;
      case 'camera':
        return setCameraOpen(true);
      case 'pay':
        // Not `canPay`: the item typed just before may not be on screen yet; the till checks when it is.
        if (starting || typeAhead.waiting) return;
        typeAhead.begin(entryRef.current);
        return till.pay(pay, () => typeAhead.cancel());
      case 'clear':
        setHint(null);
        return setEntry('');
      case 'lookup':
        return tools.openLookup();
      case 'suspend':
        setEntry('');
        return tools.suspendOrList(lines.length > 0, entryRef.current);
      case 'kiosk-basket':
        setEntry('');
        return tools.claim(entryRef.current);
      case 'returns':
        if (lines.length > 0) return setHint('finishSale');
        setHint(null);
        return setReturns(true);
    }
  };
  // One listener for the screen's life; it reads the latest entry and command through refs.
  const runRef = useRef(run);
  runRef.current = run;
  const entryRef = useRef(entry);
  entryRef.current = entry;
  // The tender screen replaces this one: what was typed after Pay goes with it.
  useLayoutEffect(() => () => typeAhead.keep(entryRef.current), [typeAhead]);
  const keyboard = !cameraOpen && !dialogOpen && !price.open && tools.dialog === null && !returns;
  const priceKey = useRef(price.key);
  priceKey.current = price.key;
  useLayoutEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      // F4 F5 F6 F8 (./price); F5 must not reload the page either.
      if (priceKey.current(event.key)) return event.preventDefault();
      const command = commandForKey(event.key, entryRef.current.trim() === '');
      if (!command) return;
      // The key is a command, so it must not also type into the entry (+, −) or open DevTools (F12).
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard]);

  const closeCamera = useCallback(() => setCameraOpen(false), []);
  const { add } = till;
  const onCamera = useCallback((code: string) => add(code, 1, 'camera'), [add]);
  const total = basket ? money(basket.totals.total, basket.currency, language) : null;
  const itemCount = basket?.totals.itemCount ?? 0;

  return (
    <main className="counter-screen counter-sell" data-testid="counter">
      {header}
      <div className="counter-body">
        <section className="counter-sale counter-card">
          <div className="counter-sale-head">
            <h1>{t.counter.sale}</h1>
            {basket?.member ? <MemberBadge memberId={basket.member.memberId} /> : null}
            <span className="counter-muted" data-testid="line-count">
              {t.counter.lineCount(lines.length)}
            </span>
          </div>
          {lines.length > 0 && basket ? (
            <BasketTable
              lines={lines}
              currency={basket.currency}
              selectedId={selected.id}
              onSelect={selected.set}
            />
          ) : (
            <div className="counter-empty" data-testid="counter-empty">
              <p className="counter-empty-title">{t.counter.emptyTitle}</p>
              <p>{t.counter.emptyHint}</p>
            </div>
          )}
        </section>
        <aside className="counter-side">
          <div className="counter-total counter-card">
            <div className="counter-total-label">
              <span>{t.total}</span>
              <span data-testid="item-count">{t.itemCount(itemCount)}</span>
            </div>
            <div className="counter-total-amount" data-testid="basket-total">
              {total ?? money(0, state.settings?.currency ?? 'CNY', language)}
            </div>
            {basket ? <SaleDiscountLine basket={basket} /> : null}
          </div>
          <CodeEntry
            value={entry}
            onChange={setEntry}
            onSubmit={submit}
            keepFocus={keyboard}
            isCommand={(key) => commandForKey(key, entryRef.current.trim() === '') !== null}
          />
          <div className="counter-messages" aria-live="polite">
            {price.notice ? (
              <div className="banner warn" role="status" data-testid="price-notice">
                <InfoIcon />
                <span className="banner-text">{price.notice}</span>
              </div>
            ) : null}
            {hint ? (
              <div className="banner warn" role="status" data-testid="entry-hint" data-hint={hint}>
                <InfoIcon />
                <span className="banner-text">
                  {hint === 'badEntry'
                    ? t.counter.badEntry
                    : hint === 'finishSale'
                      ? t.refund.finishSaleFirst
                      : t.counter.fixedQuantity}
                </span>
              </div>
            ) : null}
            {basket && basket.ageCheck !== null ? (
              <CounterAgeCheck
                basketId={basket.id}
                check={basket.ageCheck}
                onDecide={actions.cashierAgeCheck}
              />
            ) : null}
            {recalled ? (
              <div className="banner warn" role="alert" data-testid="recalled-banner">
                <InfoIcon />
                <span className="banner-text">{t.recalls.cashierBanner}</span>
              </div>
            ) : null}
            <SessionBanners state={state} actions={actions} wording="cashier" />
            {tools.message ? <ToolBanner message={tools.message} onDismiss={tools.clearMessage} /> : null}
          </div>
          <div className="counter-actions">
            <button
              type="button"
              className="button secondary counter-camera"
              data-testid="camera-button"
              tabIndex={-1}
              onClick={() => setCameraOpen(true)}
            >
              {t.counter.camera}
              <kbd>F2</kbd>
            </button>
            <button
              type="button"
              className="button primary counter-pay"
              data-testid="pay-button"
              tabIndex={-1}
              disabled={!canPay}
              onClick={() => till.pay(pay)}
            >
              {starting ? t.preparingPayment : t.counter.pay}
              <kbd>F12</kbd>
            </button>
          </div>
          <KeyLegend items={legend} />
        </aside>
      </div>
      {cameraOpen ? <CameraScan onCode={onCamera} onClose={closeCamera} /> : null}
      {price.dialog}
      {tools.dialog === 'lookup' ? (
        <LookupDialog
          client={client}
          onClose={tools.closeDialog}
          onPick={(code, quantity) => {
            tools.closeDialog();
            till.add(code, quantity, 'keypad');
          }}
        />
      ) : null}
      {returns ? (
        <RefundDialog
          client={client}
          currency={state.settings?.currency ?? 'CNY'}
          onClose={() => setReturns(false)}
        />
      ) : null}
      {tools.dialog === 'suspended' ? (
        <SuspendedDialog
          client={client}
          onResumed={tools.resumed}
          onError={tools.failed}
          onClose={tools.closeDialog}
        />
      ) : null}
    </main>
  );
}

/** The selected line: follows each scan, survives removals (see followSelection). */
function useSelection(basket: BasketView | null, revision: number) {
  const [id, setId] = useState<string | null>(null);
  const shape = useRef<BasketShape>({ lineIds: [], lastChangedLineId: null });
  useEffect(() => {
    const next = shapeOf(basket);
    const before = shape.current;
    shape.current = next;
    setId((current) => followSelection(before, current, next, true));
    // The revision, not the basket object, says "the basket changed".
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);
  return { id, set: setId };
}

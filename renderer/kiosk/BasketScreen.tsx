// The basket: lines on the left (newest highlighted and in view), total, Pay and keypad on the right.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BasketView, TerminalClient } from '../../services/api/contract';
import { money } from '../format';
import { useI18n } from '../i18n';
import { BasketLine } from './BasketLine';
import { CameraScanLauncher } from './CameraScan';
import { Keypad } from './Keypad';
import { AgeCheckBanner, MemberBadge, SessionBanners } from './Messages';
import { LotCheckBanner, RecalledBanner } from './RecallBanners';
import { ProduceFooter } from './ProduceGrid';
import type { KioskActions } from '../common/useKiosk';
import type { KioskState } from '../common/state';
import { ConfirmCancel } from './dialogs';
import { PayAtCounterButton } from './PayAtCounter';

export interface BasketScreenProps {
  basket: BasketView;
  state: KioskState;
  actions: KioskActions;
  header: ReactNode;
  /** For "Pay at the counter" (a kiosk basket handed over); without it the choice is not shown. */
  client?: TerminalClient;
}

export function BasketScreen({ basket, state, actions, header, client }: BasketScreenProps) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const { setQuantity, removeLine, scan, startPayment } = actions;
  const onQuantity = useCallback((id: string, q: number) => void setQuantity(id, q), [setQuantity]);
  const onRemove = useCallback((id: string) => void removeLine(id), [removeLine]);
  const onKeypad = useCallback((code: string) => void scan(code, 'keypad'), [scan]);
  const onCamera = useCallback((code: string) => void scan(code, 'camera'), [scan]);
  const total = money(basket.totals.total, basket.currency, language);
  // Pay waits for the attendant's ID check: the card above the list says why.
  const held = basket.ageCheck?.state === 'needed';
  // A recall reached a line after it was scanned: Pay waits until the shopper removes it.
  const recalled = basket.lines.some((line) => line.recall);
  // A banner appearing above the list shrinks it; keep the newest line in sight when it does.
  const lines = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // A recalled line is what the shopper must find now; otherwise the newest.
    const target =
      lines.current?.querySelector('[data-recalled]') ??
      lines.current?.querySelector('[data-highlight="true"]');
    target?.scrollIntoView({ block: 'nearest' });
  }, [state.scanError, state.scanNotice, state.notice, basket.ageCheck, recalled, basket.lotChecks]);
  const pay = async () => {
    setStarting(true);
    await startPayment();
    setStarting(false);
  };
  return (
    <main className="screen basket" data-testid="basket">
      {header}
      <div className="basket-body">
        <section className="basket-list card">
          <div className="list-head">
            <h1>{t.yourBasket}</h1>
            {basket.member ? <MemberBadge memberId={basket.member.memberId} /> : null}
            <span className="item-count" data-testid="item-count">
              {t.itemCount(basket.totals.itemCount)}
            </span>
          </div>
          <div className="banners">
            {recalled ? <RecalledBanner /> : null}
            {basket.lotChecks ? <LotCheckBanner checks={basket.lotChecks} /> : null}
            {basket.ageCheck !== null ? <AgeCheckBanner check={basket.ageCheck} /> : null}
            <SessionBanners state={state} actions={actions} />
          </div>
          <ul className="lines" ref={lines}>
            {basket.lines.map((line) => (
              <BasketLine
                key={line.id}
                line={line}
                currency={basket.currency}
                highlight={line.id === basket.lastChangedLineId}
                // Only the newest line needs the revision (to flash again); the others stay memoised.
                revision={line.id === basket.lastChangedLineId ? state.basketRevision : 0}
                onQuantity={onQuantity}
                onRemove={onRemove}
              />
            ))}
          </ul>
          <ProduceFooter actions={actions} />
          {client && basket.status === 'open' ? <PayAtCounterButton client={client} /> : null}
        </section>
        <aside className="basket-side">
          <div className="total-card card">
            <div className="total-label">
              <span>{t.total}</span>
              <span className="item-count">{t.itemCount(basket.totals.itemCount)}</span>
            </div>
            <div className="total-amount" data-testid="basket-total">
              {total}
            </div>
          </div>
          <button
            type="button"
            className="button primary pay"
            data-testid="pay-button"
            disabled={starting || held || recalled || basket.lines.length === 0 || basket.status !== 'open'}
            data-held={held || recalled}
            onClick={() => void pay()}
          >
            {recalled
              ? t.recalls.heldPay
              : held
                ? t.restrictions.heldPay
                : starting
                  ? t.preparingPayment
                  : t.pay(total)}
          </button>
          <div className="card keypad-card">
            <h2 className="card-title">{t.keypadTitle}</h2>
            <Keypad onSubmit={onKeypad} />
          </div>
          <div className="side-actions">
            <CameraScanLauncher onCode={onCamera} />
            <button
              type="button"
              className="button quiet cancel-order"
              data-testid="cancel-order"
              onClick={() => setConfirming(true)}
            >
              {t.cancelOrder}
            </button>
          </div>
        </aside>
      </div>
      {confirming ? (
        <ConfirmCancel
          onNo={() => setConfirming(false)}
          onYes={() => {
            setConfirming(false);
            void actions.cancelOrder();
          }}
        />
      ) : null}
    </main>
  );
}

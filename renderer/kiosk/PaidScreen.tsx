// Paid: thanks, the receipt, and one QR code for the e-receipt and rewards. After
// receiptIdleSeconds without a touch (or on Done) the sale is finished and Welcome returns.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiResult, ReceiptView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { QrCode } from '../QrCode';
import { CheckIcon } from './icons';
import { Receipt } from './Receipt';

export interface PaidScreenProps {
  receipt: ReceiptView | null;
  idleSeconds: number;
  header: ReactNode;
  onDone(): void;
  /**
   * Reprints the paper receipt; given only after a staff badge was scanned on this screen, so a
   * shopper cannot print copies at will (README, "Receipts and the journal").
   */
  onReprint?: (() => Promise<ApiResult<unknown>>) | null;
}

/** Seconds left before `onIdle`, restarted by any touch, click or key. */
function useIdleCountdown(seconds: number, onIdle: () => void): number {
  const [left, setLeft] = useState(seconds);
  const lastTouch = useRef(Date.now());
  const fired = useRef(false);
  useEffect(() => {
    const touch = () => {
      lastTouch.current = Date.now();
      fired.current = false;
      setLeft(seconds);
    };
    const tick = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - lastTouch.current) / 1000));
      setLeft(remaining);
      if (remaining === 0 && !fired.current) {
        fired.current = true;
        onIdle();
      }
    }, 250);
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    return () => {
      clearInterval(tick);
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, [seconds, onIdle]);
  return left;
}

export function PaidScreen({ receipt, idleSeconds, header, onDone, onReprint = null }: PaidScreenProps) {
  const { t } = useI18n();
  const left = useIdleCountdown(idleSeconds, onDone);
  return (
    <main className="screen paid" data-testid="paid">
      {header}
      <div className="paid-body">
        <section className="paid-hero">
          <div className="paid-check">
            <CheckIcon size={64} />
          </div>
          <h1>{t.paidTitle}</h1>
          <p className="paid-subtitle">{t.paidSubtitle}</p>
          {receipt ? (
            <div className="ereceipt card">
              <QrCode text={receipt.eReceiptUrl} sizePx={200} label={t.eReceipt} testId="ereceipt-qr" />
              <p>{t.eReceipt}</p>
            </div>
          ) : null}
          <button type="button" className="button primary done" data-testid="done-button" onClick={onDone}>
            {t.done}
          </button>
          <p className="idle-note" data-testid="idle-countdown">
            {t.returningIn(left)}
          </p>
          {onReprint && receipt ? <ReprintControl onReprint={onReprint} /> : null}
        </section>
        <section className="card receipt-card">
          {receipt ? (
            <Receipt receipt={receipt} />
          ) : (
            <div className="receipt-loading">
              <span className="spinner" aria-hidden="true" />
              {t.loadingReceipt}
            </div>
          )}
        </section>
      </div>
    </main>
  );
}

type ReprintState =
  { kind: 'idle' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; message: string };

/** The staff's reprint: one button, and what the printer said. */
function ReprintControl({ onReprint }: { onReprint: () => Promise<ApiResult<unknown>> }) {
  const { t } = useI18n();
  const [state, setState] = useState<ReprintState>({ kind: 'idle' });
  const reprint = () => {
    setState({ kind: 'printing' });
    void onReprint().then((result) =>
      setState(result.ok ? { kind: 'done' } : { kind: 'failed', message: result.error.message }),
    );
  };
  return (
    <div className="reprint" data-testid="reprint">
      <button
        type="button"
        className="button"
        data-testid="reprint-button"
        disabled={state.kind === 'printing'}
        onClick={reprint}
      >
        {t.reprint}
      </button>
      <p className="idle-note" role="status" data-testid="reprint-status">
        {state.kind === 'printing'
          ? t.reprintPrinting
          : state.kind === 'done'
            ? t.reprintDone
            : state.kind === 'failed'
              ? t.reprintFailed(state.message)
              : ''}
      </p>
    </div>
  );
}

// Paid: thanks, the receipt, and one QR code for the e-receipt and rewards. After
// receiptIdleSeconds without a touch (or on Done) the sale is finished and Welcome returns.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ReceiptView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { QrCode } from '../QrCode';
import { CheckIcon } from './icons';
import { Receipt } from './Receipt';

export interface PaidScreenProps {
  receipt: ReceiptView | null;
  idleSeconds: number;
  header: ReactNode;
  onDone(): void;
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

export function PaidScreen({ receipt, idleSeconds, header, onDone }: PaidScreenProps) {
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

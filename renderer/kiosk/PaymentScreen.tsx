// Paying: the amount, a large payment QR code and a countdown. At zero the kiosk gives up and
// cancels, as PaymentView.expiresAt asks; the backend's payment.changed moves the screen on.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PaymentView } from '../../services/api/contract';
import { countdown, money } from '../format';
import { useI18n } from '../i18n';
import { QrCode } from '../QrCode';

export interface PaymentScreenProps {
  payment: PaymentView;
  header: ReactNode;
  onCancel(): void;
  qrSizePx: number;
}

function useSecondsLeft(expiresAt: string): number {
  const deadline = Date.parse(expiresAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return Number.isNaN(deadline) ? 0 : Math.max(0, (deadline - now) / 1000);
}

export function PaymentScreen({ payment, header, onCancel, qrSizePx }: PaymentScreenProps) {
  const { t, language } = useI18n();
  const secondsLeft = useSecondsLeft(payment.expiresAt);
  const gaveUp = useRef(false);
  const checking = payment.status === 'unknown';
  useEffect(() => {
    if (secondsLeft > 0 || checking || gaveUp.current) return;
    gaveUp.current = true;
    onCancel();
  }, [secondsLeft, checking, onCancel]);
  return (
    <main className="screen payment" data-testid="payment" data-status={payment.status}>
      {header}
      <div className="payment-body">
        <section className="card payment-card">
          <div className="qr-panel">
            {payment.qrPayload ? (
              <QrCode text={payment.qrPayload} sizePx={qrSizePx} label={t.scanWithApp} testId="payment-qr" />
            ) : (
              <div className="qr-placeholder" style={{ width: qrSizePx, height: qrSizePx }}>
                <span className="spinner" aria-hidden="true" />
                {t.preparingPayment}
              </div>
            )}
            <p className="qr-caption">{t.scanWithApp}</p>
          </div>
          <div className="payment-info">
            <h1>{t.scanToPay}</h1>
            <div className="amount-label">{t.amountDue}</div>
            <div className="payment-amount" data-testid="payment-amount">
              {money(payment.amount, payment.currency, language)}
            </div>
            {checking ? (
              <div className="checking" role="status" data-testid="payment-checking">
                <span className="spinner" aria-hidden="true" />
                {t.checkingPayment}
              </div>
            ) : (
              <div
                className="countdown"
                data-testid="payment-countdown"
                data-seconds={Math.ceil(secondsLeft)}
              >
                {t.codeValidFor(countdown(secondsLeft))}
              </div>
            )}
            <button
              type="button"
              className="button secondary payment-cancel"
              data-testid="payment-cancel"
              disabled={checking}
              onClick={onCancel}
            >
              {t.cancelPayment}
            </button>
          </div>
        </section>
      </div>
    </main>
  );
}

// Paying, in either direction. The kiosk's own code: the amount, a large payment QR code and a
// countdown; at zero the kiosk gives up and cancels, as PaymentView.expiresAt asks. The shopper's
// code (customer-presented): the amount, the masked code and, while the wallet asks for it, "confirm
// on your phone" — never a QR. The backend's payment.changed moves the screen on.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PaymentView } from '../../services/api/contract';
import { countdown, money } from '../format';
import { useI18n } from '../i18n';
import { QrCode } from '../QrCode';
import { PhoneIcon } from './icons';
import './payment-code.css';

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
  const secondsLeft = useSecondsLeft(payment.expiresAt);
  const gaveUp = useRef(false);
  const checking = payment.status === 'unknown';
  useEffect(() => {
    if (secondsLeft > 0 || checking || gaveUp.current) return;
    gaveUp.current = true;
    onCancel();
  }, [secondsLeft, checking, onCancel]);
  return (
    <main
      className="screen payment"
      data-testid="payment"
      data-status={payment.status}
      data-method={payment.method}
    >
      {header}
      <div className="payment-body">
        {payment.method === 'customer_presented' ? (
          <CodePaymentCard payment={payment} onCancel={onCancel} />
        ) : (
          <QrPaymentCard
            payment={payment}
            onCancel={onCancel}
            qrSizePx={qrSizePx}
            secondsLeft={secondsLeft}
          />
        )}
      </div>
    </main>
  );
}

function Amount({ payment }: { payment: PaymentView }) {
  const { t, language } = useI18n();
  return (
    <>
      <div className="amount-label">{t.amountDue}</div>
      <div className="payment-amount" data-testid="payment-amount">
        {money(payment.amount, payment.currency, language)}
      </div>
    </>
  );
}

function CancelButton({ disabled, onCancel }: { disabled: boolean; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button secondary payment-cancel"
      data-testid="payment-cancel"
      disabled={disabled}
      onClick={onCancel}
    >
      {t.cancelPayment}
    </button>
  );
}

function Checking() {
  const { t } = useI18n();
  return (
    <div className="checking" role="status" data-testid="payment-checking">
      <span className="spinner" aria-hidden="true" />
      {t.checkingPayment}
    </div>
  );
}

function QrPaymentCard(props: {
  payment: PaymentView;
  onCancel(): void;
  qrSizePx: number;
  secondsLeft: number;
}) {
  const { payment, onCancel, qrSizePx, secondsLeft } = props;
  const { t } = useI18n();
  const checking = payment.status === 'unknown';
  return (
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
        <p className="or-scan-code" data-testid="or-scan-code">
          {t.orScanYourCode}
        </p>
      </div>
      <div className="payment-info">
        <h1>{t.scanToPay}</h1>
        <Amount payment={payment} />
        {checking ? (
          <Checking />
        ) : (
          <div className="countdown" data-testid="payment-countdown" data-seconds={Math.ceil(secondsLeft)}>
            {t.codeValidFor(countdown(secondsLeft))}
          </div>
        )}
        <CancelButton disabled={checking} onCancel={onCancel} />
      </div>
    </section>
  );
}

/** The shopper's code is being charged; only a charge waiting on the phone can be cancelled here. */
function CodePaymentCard({ payment, onCancel }: { payment: PaymentView; onCancel(): void }) {
  const { t } = useI18n();
  const waitingForPhone = payment.status === 'pending';
  return (
    <section className="card payment-card" data-testid="code-payment">
      <div className="code-panel">
        <PhoneIcon />
        <div className="code-label">{t.paymentCode}</div>
        <div className="masked-code" data-testid="payment-masked-code">
          {payment.maskedCode}
        </div>
      </div>
      <div className="payment-info">
        <h1>{t.payingByCode}</h1>
        <Amount payment={payment} />
        {payment.status === 'unknown' ? (
          <Checking />
        ) : (
          <div className="confirm-on-phone" role="status" data-testid="payment-code-status">
            <span className="spinner" aria-hidden="true" />
            {waitingForPhone ? t.confirmOnPhone : t.chargingCode}
          </div>
        )}
        <CancelButton disabled={!waitingForPhone} onCancel={onCancel} />
      </div>
    </section>
  );
}

// Paying at the counter is the kiosk's payment screen — the merchant-presented QR with its countdown,
// or the customer's scanned wallet code — with Escape for the cashier's Cancel.
import { useLayoutEffect, type ReactNode } from 'react';
import type { PaymentView } from '../../services/api/contract';
import { useQrSize, type QrFit } from '../common/useQrSize';
import { useI18n } from '../i18n';
import { PaymentScreen } from '../kiosk/PaymentScreen';
import { KeyLegend } from './KeyLegend';

/** Whether the payment may be cancelled now: the same rule as the payment screen's Cancel button. */
export function cancellable(payment: PaymentView): boolean {
  if (payment.method === 'customer_presented') return payment.status === 'pending';
  return payment.status !== 'unknown';
}

/** The QR as large as the space beside the amount allows; a phone reads it from across the counter. */
const counterQrFit: QrFit = (w, h) => Math.max(300, Math.min(560, Math.floor(Math.min(w * 0.4, h - 280))));

export function CounterPayment(props: { payment: PaymentView; header: ReactNode; onCancel(): void }) {
  const { payment, header, onCancel } = props;
  const { t } = useI18n();
  const qrSize = useQrSize(counterQrFit);
  const canCancel = cancellable(payment);
  useLayoutEffect(() => {
    if (!canCancel) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCancel, onCancel]);
  return (
    <div className="counter-screen counter-payment">
      <PaymentScreen payment={payment} header={header} onCancel={onCancel} qrSizePx={qrSize} />
      <footer className="counter-footer">
        <KeyLegend items={[{ keys: 'Esc', label: t.cancelPayment }]} />
      </footer>
    </div>
  );
}

// The calm one-line banners: a refused scan, a payment that did not go through, the ID check.
import { useEffect } from 'react';
import type { ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { IdIcon, InfoIcon } from './icons';
import type { Notice } from './state';

const SCAN_MESSAGE_MS = 10_000;

export function ScanMessage({ error, onDismiss }: { error: ApiError; onDismiss(): void }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(onDismiss, SCAN_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [error, onDismiss]);
  return (
    <div className="banner warn" role="alert" data-testid="scan-message" data-code={error.code}>
      <InfoIcon />
      <span className="banner-text">{t.scanErrors[error.code] ?? error.message}</span>
      <button type="button" className="banner-dismiss" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}

export function PaymentNotice({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const { t } = useI18n();
  const text =
    notice.kind === 'declined'
      ? t.paymentDeclined
      : notice.kind === 'expired'
        ? t.paymentExpired
        : t.paymentFailed(notice.message);
  return (
    <div className="banner warn" role="status" data-testid="payment-notice" data-kind={notice.kind}>
      <InfoIcon />
      <span className="banner-text">{text}</span>
      <button type="button" className="banner-dismiss" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}

export function AgeCheckBanner({ age }: { age: number }) {
  const { t } = useI18n();
  return (
    <div className="banner info" role="status" data-testid="age-check">
      <IdIcon />
      <span className="banner-text">{t.ageCheck(age)}</span>
    </div>
  );
}

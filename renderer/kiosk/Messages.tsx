// The calm one-line banners: a refused scan, a note about a scan that went through, a payment that
// did not go through, the ID check; the session's banners together, as every selling screen shows
// them; and the member badge.
import { useEffect, type ComponentType } from 'react';
import type { AgeCheckView, ApiError, ScanNotice } from '../../services/api/contract';
import { cashierPaymentNotice, cashierRefusal } from '../common/cashier-words';
import { recallText } from '../common/recall-text';
import { restrictionText, type Wording } from '../common/restriction-text';
import { maskedMemberId } from '../format';
import { useI18n } from '../i18n';
import { BadgeIcon, CheckIcon, ClockIcon, IdIcon, InfoIcon, StarIcon } from './icons';
import type { KioskState, Notice } from '../common/state';
import type { KioskActions } from '../common/useKiosk';

const SCAN_MESSAGE_MS = 10_000;
/** A note about a scan that went through asks nothing of the shopper, so it goes sooner. */
const SCAN_NOTICE_MS = 6_000;

export function ScanMessage({
  error,
  onDismiss,
  wording = 'shopper',
}: {
  error: ApiError;
  onDismiss(): void;
  wording?: Wording;
}) {
  const { t } = useI18n();
  const text =
    wording === 'cashier'
      ? cashierRefusal(t, error)
      : (recallText(t, error, wording) ??
        restrictionText(t, error, wording) ??
        t.scanErrors[error.code] ??
        t.scanErrorOther);
  useEffect(() => {
    const timer = setTimeout(onDismiss, SCAN_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [error, onDismiss]);
  return (
    <div className="banner warn" role="alert" data-testid="scan-message" data-code={error.code}>
      <InfoIcon />
      {/* The backend's message is for logs: the shopper reads this screen's own text. */}
      <span className="banner-text">{text}</span>
      <button type="button" className="banner-dismiss" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}

const NOTICE_LOOK: Record<ScanNotice['code'], { tone: string; Icon: ComponentType }> = {
  item_expired_warning: { tone: 'warn', Icon: ClockIcon },
  member_attached: { tone: 'ok', Icon: () => <CheckIcon size={30} /> },
  staff_badge: { tone: 'neutral', Icon: BadgeIcon },
};

export function ScanNoticeBanner({ notice, onDismiss }: { notice: ScanNotice; onDismiss(): void }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(onDismiss, SCAN_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  const { tone, Icon } = NOTICE_LOOK[notice.code] ?? NOTICE_LOOK.staff_badge;
  return (
    <div className={`banner ${tone}`} role="status" data-testid="scan-notice" data-code={notice.code}>
      <Icon />
      <span className="banner-text">{t.scanNotices[notice.code] ?? notice.message}</span>
      <button type="button" className="banner-dismiss" onClick={onDismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}

export function PaymentNotice({
  notice,
  onDismiss,
  wording = 'shopper',
}: {
  notice: Notice;
  onDismiss(): void;
  wording?: Wording;
}) {
  const { t } = useI18n();
  const text =
    wording === 'cashier'
      ? cashierPaymentNotice(t, notice)
      : notice.kind === 'declined'
        ? t.paymentDeclined
        : notice.kind === 'expired'
          ? t.paymentExpired
          : notice.kind === 'notCharged'
            ? t.paymentNotCharged
            : notice.kind === 'ageRefused'
              ? t.restrictions.refused
              : notice.kind === 'ageNeeded'
                ? t.restrictions.needed
                : notice.kind === 'recalled'
                  ? t.recalls.payRecalled
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

export interface SessionBannersProps {
  state: Pick<KioskState, 'notice' | 'scanError' | 'scanNotice'>;
  actions: Pick<KioskActions, 'clearNotice' | 'clearScanError' | 'clearScanNotice'>;
  /** False where no basket is shown (the welcome screen): a payment notice is about a basket. */
  paymentNotice?: boolean;
  /** Whose words a refusal is put in: the shopper's (kiosk) or the cashier's (counter). */
  wording?: Wording;
}

/** The last payment attempt's notice, then the last scan's refusal or note, in the order both roles show them. */
export function SessionBanners({ state, actions, paymentNotice = true, wording }: SessionBannersProps) {
  return (
    <>
      {paymentNotice && state.notice ? (
        <PaymentNotice notice={state.notice} onDismiss={actions.clearNotice} wording={wording} />
      ) : null}
      {state.scanError ? (
        <ScanMessage error={state.scanError} onDismiss={actions.clearScanError} wording={wording} />
      ) : null}
      {state.scanNotice ? (
        <ScanNoticeBanner notice={state.scanNotice} onDismiss={actions.clearScanNotice} />
      ) : null}
    </>
  );
}

/**
 * The age check on the kiosk: while it is needed, a calm card that says what happens next (Pay waits
 * for the attendant); once approved, a quiet line.
 */
export function AgeCheckBanner({ check }: { check: AgeCheckView }) {
  const { t } = useI18n();
  if (check.state === 'approved')
    return (
      <div className="banner ok" role="status" data-testid="age-check" data-state="approved">
        <CheckIcon size={30} />
        <span className="banner-text">{t.restrictions.approved}</span>
      </div>
    );
  return (
    <div className="age-hold" role="status" data-testid="age-check" data-state="needed">
      <IdIcon />
      <div>
        <p className="age-hold-title">{t.restrictions.heldTitle}</p>
        <p className="age-hold-body">{t.restrictions.heldBody(check.ageLimit)}</p>
      </div>
    </div>
  );
}

/** "Member 20****01": the card was taken; the middle of the id stays hidden from onlookers. */
export function MemberBadge({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  return (
    <span className="member-badge" data-testid="member-badge">
      <StarIcon />
      <span>{t.member}</span>
      <span className="member-id">{maskedMemberId(memberId)}</span>
    </span>
  );
}

// Recalls reaching the kiosk's basket: a line recalled after it was scanned (Pay waits until the shopper
// removes it), and a pack held while the attendant the kiosk called reads its lot.
import type { LotCheckView } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { HelpIcon, InfoIcon } from './icons';

export function RecalledBanner() {
  const { t } = useI18n();
  return (
    <div className="age-hold recall-hold" role="alert" data-testid="recalled-banner">
      <InfoIcon />
      <div>
        <p className="age-hold-title">{t.recalls.basketTitle}</p>
        <p className="age-hold-body">{t.recalls.basketBody}</p>
      </div>
    </div>
  );
}

export function LotCheckBanner({ checks }: { checks: LotCheckView[] }) {
  const { t } = useI18n();
  return (
    <div className="age-hold" role="status" data-testid="lot-check-banner">
      <HelpIcon />
      <div>
        <p className="age-hold-title">{t.recalls.lotCheckTitle}</p>
        <p className="age-hold-body">
          {t.recalls.lotCheckBody(checks.map((check) => check.name).join(', '))}
        </p>
      </div>
    </div>
  );
}

// The stock screens' top bar: store and terminal, who is signed in, scanner and HQ status, language,
// and the way out (sign out; on a counter, back to selling).
import type { StaffView } from '../../services/api/contract';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { ScannerStatus } from '../common/ScannerStatus';
import type { SessionHeaderProps } from '../common/useSession';
import { useI18n } from '../i18n';
import { SyncStatus } from '../kiosk/SyncStatus';

export interface StockHeaderProps extends SessionHeaderProps {
  terminalId: string;
  staff?: StaffView | null;
  onSignOut?(): void;
  /** A counter doing stock work goes back to selling. */
  onBackToSelling?(): void;
}

export function StockHeader(props: StockHeaderProps) {
  const { storeName, terminalId, scanners, sync, syncProgress, languages, onLanguage, staff = null } = props;
  const { t } = useI18n();
  return (
    <header className="stock-header">
      <div className="stock-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="stock-store">{storeName}</span>
        <span className="stock-muted" data-testid="stock-till">
          {t.stock.role} · {t.counter.till(terminalId)}
        </span>
        {staff ? (
          <span className="stock-staff" data-testid="stock-staff" data-staff-id={staff.id}>
            {staff.name} · {t.counter.staff.roles[staff.role]}
          </span>
        ) : null}
      </div>
      <div className="stock-header-tools">
        <ScannerStatus scanners={scanners} />
        <SyncStatus sync={sync} progress={syncProgress} />
        <LanguageSwitch className="stock-languages" languages={languages} onLanguage={onLanguage} />
        {props.onBackToSelling ? (
          <button
            type="button"
            className="stock-button secondary"
            data-testid="stock-back-to-selling"
            onClick={props.onBackToSelling}
          >
            {t.stock.backToSelling}
          </button>
        ) : null}
        {props.onSignOut ? (
          <button
            type="button"
            className="stock-button secondary"
            data-testid="stock-sign-out"
            onClick={props.onSignOut}
          >
            {t.stock.signOut}
          </button>
        ) : null}
      </div>
    </header>
  );
}

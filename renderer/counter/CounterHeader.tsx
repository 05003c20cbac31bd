// The counter's top bar: one slim line — store, till, scanner and HQ status, language.
import { memo, type ReactNode } from 'react';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { ScannerStatus } from '../common/ScannerStatus';
import type { StaffView } from '../../services/api/contract';
import type { SessionHeaderProps } from '../common/useSession';
import { useI18n } from '../i18n';
import { SyncStatus } from '../kiosk/SyncStatus';

export interface CounterHeaderProps extends SessionHeaderProps {
  terminalId: string;
  /** Who is signed in: every act at this till is theirs (null at the sign-in and lock screens). */
  staff?: StaffView | null;
  /** What this screen is, when it is not the till (stock work shares the header). */
  roleLabel?: string;
  /** More at the end of the bar (stock work's sign-out and back to selling). */
  children?: ReactNode;
}

export const CounterHeader = memo(function CounterHeader(props: CounterHeaderProps) {
  const { storeName, terminalId, scanners, sync, syncProgress, languages, onLanguage, staff = null } = props;
  const { t } = useI18n();
  return (
    <header className="counter-header">
      <div className="counter-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="counter-store">{storeName}</span>
        <span className="counter-till" data-testid="counter-till">
          {props.roleLabel ?? t.counter.role} · {t.counter.till(terminalId)}
        </span>
        {staff ? (
          <span className="counter-till counter-staff" data-testid="counter-staff" data-staff-id={staff.id}>
            <span className="counter-muted">{t.counter.staff.onDuty}</span> {staff.name} ·{' '}
            {t.counter.staff.roles[staff.role]}
          </span>
        ) : null}
      </div>
      <div className="counter-header-tools">
        <ScannerStatus scanners={scanners} />
        <SyncStatus sync={sync} progress={syncProgress} />
        {/* Out of the Tab order: the cashier's keyboard stays with the code entry. */}
        <LanguageSwitch
          className="counter-languages"
          languages={languages}
          onLanguage={onLanguage}
          focusable={false}
        />
        {props.children}
      </div>
    </header>
  );
});

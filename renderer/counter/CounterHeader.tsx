// The counter's top bar: one slim line — store, till, scanner and HQ status, language.
import { memo } from 'react';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { ScannerStatus } from '../common/ScannerStatus';
import type { SessionHeaderProps } from '../common/useSession';
import { useI18n } from '../i18n';
import { SyncStatus } from '../kiosk/SyncStatus';

export interface CounterHeaderProps extends SessionHeaderProps {
  terminalId: string;
}

export const CounterHeader = memo(function CounterHeader(props: CounterHeaderProps) {
  const { storeName, terminalId, scanners, sync, syncProgress, languages, onLanguage } = props;
  const { t } = useI18n();
  return (
    <header className="counter-header">
      <div className="counter-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="counter-store">{storeName}</span>
        <span className="counter-till" data-testid="counter-till">
          {t.counter.role} · {t.counter.till(terminalId)}
        </span>
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
      </div>
    </header>
  );
});

// The top bar on every screen: store name, a quiet scanner and HQ status, language and Help.
import { memo } from 'react';
import { LanguageSwitch } from '../common/LanguageSwitch';
import { ScannerStatus } from '../common/ScannerStatus';
import type { SessionHeaderProps } from '../common/useSession';
import { useI18n } from '../i18n';
import { HelpIcon } from './icons';
import { SyncStatus } from './SyncStatus';

export interface HeaderProps extends SessionHeaderProps {
  onHelp(): void;
}

export const Header = memo(function Header(props: HeaderProps) {
  const { storeName, scanners, sync, syncProgress, languages, onLanguage, onHelp } = props;
  const { t } = useI18n();
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{storeName}</span>
      </div>
      <div className="header-tools">
        <div className="status-lines">
          <ScannerStatus scanners={scanners} />
          <SyncStatus sync={sync} progress={syncProgress} />
        </div>
        <LanguageSwitch className="language-switch" languages={languages} onLanguage={onLanguage} />
        <button type="button" className="help-button" data-testid="help-button" onClick={onHelp}>
          <HelpIcon />
          {t.help}
        </button>
      </div>
    </header>
  );
});

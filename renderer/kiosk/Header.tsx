// The top bar on every screen: store name, a quiet scanner and HQ status, language and Help.
import { memo } from 'react';
import type { Language } from '../../core/types';
import type { ScannerStatus, SyncProgressView, SyncView } from '../../services/api/contract';
import { messagesFor, useI18n } from '../i18n';
import { HelpIcon } from './icons';
import { SyncStatus } from './SyncStatus';

export interface HeaderProps {
  storeName: string;
  scanners: ScannerStatus[];
  sync?: SyncView | null;
  syncProgress?: SyncProgressView | null;
  languages: Language[];
  onLanguage(language: Language): void;
  onHelp(): void;
}

const LANGUAGE_TESTID: Record<Language, string> = { en: 'language-en', 'zh-CN': 'language-zh' };

export const Header = memo(function Header({
  storeName,
  scanners,
  sync = null,
  syncProgress = null,
  languages,
  onLanguage,
  onHelp,
}: HeaderProps) {
  const { t, language } = useI18n();
  const connected = scanners.length > 0 && scanners.every((s) => s.connected);
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{storeName}</span>
      </div>
      <div className="header-tools">
        <div className="status-lines">
          {/* Only serial scanners report a status; a wedge scanner or the keypad has nothing to show. */}
          {scanners.length > 0 ? (
            <span className={`scanner-status ${connected ? 'ok' : 'off'}`} data-testid="scanner-status">
              <span className="dot" aria-hidden="true" />
              {connected ? t.scannerReady : t.scannerOffline}
            </span>
          ) : null}
          <SyncStatus sync={sync} progress={syncProgress} />
        </div>
        <div className="language-switch" role="group">
          {languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              data-testid={LANGUAGE_TESTID[lang]}
              aria-pressed={lang === language}
              className={lang === language ? 'selected' : ''}
              onClick={() => onLanguage(lang)}
            >
              {messagesFor(lang).languageName}
            </button>
          ))}
        </div>
        <button type="button" className="help-button" data-testid="help-button" onClick={onHelp}>
          <HelpIcon />
          {t.help}
        </button>
      </div>
    </header>
  );
});

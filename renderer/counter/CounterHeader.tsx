// The counter's top bar: one slim line — store, till, scanner and HQ status, language.
import { memo } from 'react';
import type { Language } from '../../core/types';
import type { ScannerStatus, SyncProgressView, SyncView } from '../../services/api/contract';
import { messagesFor, useI18n } from '../i18n';
import { SyncStatus } from '../kiosk/SyncStatus';

export interface CounterHeaderProps {
  storeName: string;
  terminalId: string;
  scanners: ScannerStatus[];
  sync: SyncView | null;
  syncProgress: SyncProgressView | null;
  languages: Language[];
  onLanguage(language: Language): void;
}

const LANGUAGE_TESTID: Record<Language, string> = { en: 'language-en', 'zh-CN': 'language-zh' };

export const CounterHeader = memo(function CounterHeader(props: CounterHeaderProps) {
  const { storeName, terminalId, scanners, sync, syncProgress, languages, onLanguage } = props;
  const { t, language } = useI18n();
  const connected = scanners.length > 0 && scanners.every((s) => s.connected);
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
        {scanners.length > 0 ? (
          <span className={`scanner-status ${connected ? 'ok' : 'off'}`} data-testid="scanner-status">
            <span className="dot" aria-hidden="true" />
            {connected ? t.scannerReady : t.scannerOffline}
          </span>
        ) : null}
        <SyncStatus sync={sync} progress={syncProgress} />
        <div className="counter-languages" role="group">
          {languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              tabIndex={-1}
              data-testid={LANGUAGE_TESTID[lang]}
              aria-pressed={lang === language}
              className={lang === language ? 'selected' : ''}
              onClick={() => onLanguage(lang)}
            >
              {messagesFor(lang).languageName}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
});

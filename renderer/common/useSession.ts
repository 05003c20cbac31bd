// What both roles do with the one session, whatever their screens look like: the state and actions
// (one backend, one reducer), the screen, the language (its text and the page's lang), the weight
// entry for a weighed item, and what every header shows.
import { useCallback, useEffect, useMemo } from 'react';
import type { Language } from '../../core/types';
import type { ScannerStatus, SyncProgressView, SyncView, TerminalClient } from '../../services/api/contract';
import { messagesFor, type I18n } from '../i18n';
import { screenOf, type KioskState, type Screen } from './state';
import { useKiosk, type KioskActions } from './useKiosk';

/** What each role's header shows from the session; the role adds its own (Help, the till number). */
export interface SessionHeaderProps {
  storeName: string;
  scanners: ScannerStatus[];
  sync: SyncView | null;
  syncProgress: SyncProgressView | null;
  languages: Language[];
  onLanguage(language: Language): void;
}

export interface Session {
  state: KioskState;
  actions: KioskActions;
  screen: Screen;
  /** For the I18nContext; the same object until the language changes, so the tree is not re-rendered. */
  i18n: I18n;
  /** Null until the settings arrive: until then the role shows the loading screen. */
  header: SessionHeaderProps | null;
  /** The weight entry is up: a weighed item was scanned while selling. */
  weighing: boolean;
  /** The weight entered: the weighed item is scanned again with it, and the entry closes. */
  onWeight(grams: number): void;
  onCancelPayment(): void;
  onFinishSale(): void;
}

/** Settings that name no languages offer every language the UI has text for. */
const DEFAULT_LANGUAGES: Language[] = ['en', 'zh-CN'];

export function useSession(client: TerminalClient): Session {
  const { state, actions } = useKiosk(client);
  const screen = screenOf(state);
  const { language, settings, weightFor } = state;
  const i18n = useMemo(() => ({ language, t: messagesFor(language) }), [language]);
  const { setLanguage, scan, clearWeight, cancelPayment, finishSale } = actions;

  // Screen readers and the browser's hyphenation and font choice (CJK) follow the page's lang.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // Handlers return nothing: the actions' promises settle into the state, not into the caller.
  const onCancelPayment = useCallback(() => void cancelPayment(), [cancelPayment]);
  const onFinishSale = useCallback(() => void finishSale(), [finishSale]);
  const onWeight = useCallback(
    (grams: number) => {
      if (weightFor) void scan(weightFor.code, weightFor.source, grams);
      clearWeight();
    },
    [weightFor, scan, clearWeight],
  );

  const header: SessionHeaderProps | null = settings
    ? {
        storeName: settings.storeName,
        scanners: state.scanners,
        sync: state.sync,
        syncProgress: state.syncProgress,
        languages: settings.languages.length ? settings.languages : DEFAULT_LANGUAGES,
        onLanguage: setLanguage,
      }
    : null;
  const weighing = weightFor !== null && (screen === 'welcome' || screen === 'basket');

  return { state, actions, screen, i18n, header, weighing, onWeight, onCancelPayment, onFinishSale };
}

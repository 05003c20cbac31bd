// The display's session: the same reducer as the till's screens, fed only by reads (session.get) and
// the sale's events. It holds no actions: a customer display never changes the sale.
import { useEffect, useMemo, useReducer } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import { initialState, kioskReducer, type KioskState } from '../common/state';
import { useSessionFeed } from '../common/useKiosk';
import { messagesFor, type I18n } from '../i18n';

export function useDisplay(client: TerminalClient): { state: KioskState; i18n: I18n } {
  const [state, dispatch] = useReducer(kioskReducer, initialState);
  useSessionFeed(client, dispatch);

  const { language } = state;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const i18n = useMemo(() => ({ language, t: messagesFor(language) }), [language]);
  return { state, i18n };
}

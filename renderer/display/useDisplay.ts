// The display's session: the same reducer as the till's screens, fed only by reads (session.get) and
// the sale's events. It holds no actions: a customer display never changes the sale.
import { useEffect, useMemo, useReducer } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import { initialState, kioskReducer, type KioskState } from '../common/state';
import { messagesFor, type I18n } from '../i18n';

const RETRY_MS = 2000;

export function useDisplay(client: TerminalClient): { state: KioskState; i18n: I18n } {
  const [state, dispatch] = useReducer(kioskReducer, initialState);
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = client.subscribe((event) => dispatch({ type: 'event', event }));
    const load = async () => {
      const result = await client.call('session.get', {});
      if (!live) return;
      if (result.ok) dispatch({ type: 'session', session: result.value });
      // The terminal may still be starting: try again, calmly.
      else retry = setTimeout(() => void load(), RETRY_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(retry);
      unsubscribe();
    };
  }, [client]);

  const { language } = state;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const i18n = useMemo(() => ({ language, t: messagesFor(language) }), [language]);
  return { state, i18n };
}

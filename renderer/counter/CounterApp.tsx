// The counter role: a cashier's till. The same session state and actions as the kiosk (one
// backend, one reducer); its own dense, keyboard-first screens.
import { useCallback, useEffect, useMemo } from 'react';
import type { Language } from '../../core/types';
import type { TerminalClient } from '../../services/api/contract';
import { I18nContext, messagesFor } from '../i18n';
import { WeightDialog } from '../kiosk/dialogs';
import { screenOf } from '../kiosk/state';
import { useKiosk } from '../kiosk/useKiosk';
import { CounterHeader } from './CounterHeader';
import { CounterPaid } from './CounterPaid';
import { CounterPayment } from './CounterPayment';
import { SellScreen } from './SellScreen';
import './counter.css';

export function CounterApp({ client }: { client: TerminalClient }) {
  const { state, actions } = useKiosk(client);
  const screen = screenOf(state);
  const i18n = useMemo(
    () => ({ language: state.language, t: messagesFor(state.language) }),
    [state.language],
  );
  const { setLanguage, scan, clearWeight, cancelPayment, finishSale } = actions;

  useEffect(() => {
    document.documentElement.lang = state.language;
  }, [state.language]);

  const onLanguage = useCallback((l: Language) => setLanguage(l), [setLanguage]);
  const onCancelPayment = useCallback(() => void cancelPayment(), [cancelPayment]);
  const onNext = useCallback(() => void finishSale(), [finishSale]);
  const weightFor = state.weightFor;
  const onWeight = useCallback(
    (grams: number) => {
      if (weightFor) void scan(weightFor.code, weightFor.source, grams);
      clearWeight();
    },
    [weightFor, scan, clearWeight],
  );

  const settings = state.settings;
  if (!settings) {
    return (
      <main className="screen loading" data-testid="loading">
        <span className="spinner" aria-hidden="true" />
        <p>{i18n.t.connecting}</p>
      </main>
    );
  }
  const header = (
    <CounterHeader
      storeName={settings.storeName}
      terminalId={settings.terminalId}
      scanners={state.scanners}
      sync={state.sync}
      syncProgress={state.syncProgress}
      languages={settings.languages.length ? settings.languages : ['en', 'zh-CN']}
      onLanguage={onLanguage}
    />
  );
  const selling = screen === 'welcome' || screen === 'basket';

  return (
    <I18nContext.Provider value={i18n}>
      <div className="counter" data-role="counter">
        {selling ? (
          <SellScreen state={state} actions={actions} header={header} dialogOpen={weightFor !== null} />
        ) : null}
        {screen === 'payment' && state.payment ? (
          <CounterPayment payment={state.payment} header={header} onCancel={onCancelPayment} />
        ) : null}
        {screen === 'paid' ? <CounterPaid receipt={state.receipt} header={header} onNext={onNext} /> : null}
        {weightFor && selling ? <WeightDialog onWeight={onWeight} onCancel={clearWeight} /> : null}
      </div>
    </I18nContext.Provider>
  );
}

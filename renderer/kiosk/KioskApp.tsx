// The kiosk role: picks the screen from state and layers Help and the weight entry on top.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Language } from '../../core/types';
import type { TerminalClient } from '../../services/api/contract';
import { I18nContext, messagesFor } from '../i18n';
import { BasketScreen } from './BasketScreen';
import { HelpOverlay, WeightDialog } from './dialogs';
import { Header } from './Header';
import { PaidScreen } from './PaidScreen';
import { PaymentScreen } from './PaymentScreen';
import { screenOf } from './state';
import { useKiosk } from './useKiosk';
import { WelcomeScreen } from './WelcomeScreen';

/** The payment code fills the space it has, never smaller than a phone reads from arm's length. */
function useQrSize(): number {
  const measure = () => {
    const { innerWidth: w, innerHeight: h } = window;
    const fit = w < h ? Math.min(w - 240, h * 0.4) : Math.min(w * 0.4, h - 330);
    return Math.max(360, Math.min(620, Math.floor(fit)));
  };
  const [size, setSize] = useState(measure);
  useEffect(() => {
    const onResize = () => setSize(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

export function KioskApp({ client }: { client: TerminalClient }) {
  const { state, actions } = useKiosk(client);
  const [helpOpen, setHelpOpen] = useState(false);
  const qrSize = useQrSize();
  const screen = screenOf(state);
  const i18n = useMemo(
    () => ({ language: state.language, t: messagesFor(state.language) }),
    [state.language],
  );
  const { setLanguage, scan, clearWeight, cancelPayment, finishSale } = actions;

  useEffect(() => {
    document.documentElement.lang = state.language;
  }, [state.language]);

  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const onLanguage = useCallback((l: Language) => setLanguage(l), [setLanguage]);
  const onCancelPayment = useCallback(() => void cancelPayment(), [cancelPayment]);
  const onDone = useCallback(() => void finishSale(), [finishSale]);
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
    <Header
      storeName={settings.storeName}
      scanners={state.scanners}
      sync={state.sync}
      syncProgress={state.syncProgress}
      languages={settings.languages.length ? settings.languages : ['en', 'zh-CN']}
      onLanguage={onLanguage}
      onHelp={openHelp}
    />
  );

  return (
    <I18nContext.Provider value={i18n}>
      {screen === 'welcome' ? <WelcomeScreen state={state} actions={actions} header={header} /> : null}
      {screen === 'basket' && state.basket ? (
        <BasketScreen basket={state.basket} state={state} actions={actions} header={header} />
      ) : null}
      {screen === 'payment' && state.payment ? (
        <PaymentScreen payment={state.payment} header={header} onCancel={onCancelPayment} qrSizePx={qrSize} />
      ) : null}
      {screen === 'paid' ? (
        <PaidScreen
          receipt={state.receipt}
          idleSeconds={settings.receiptIdleSeconds}
          header={header}
          onDone={onDone}
        />
      ) : null}
      {weightFor && (screen === 'welcome' || screen === 'basket') ? (
        <WeightDialog onWeight={onWeight} onCancel={clearWeight} />
      ) : null}
      {helpOpen ? <HelpOverlay onClose={closeHelp} sync={state.sync} /> : null}
    </I18nContext.Provider>
  );
}

// The counter role: a cashier's till. The same session as the kiosk (see common/useSession); its own
// dense, keyboard-first screens.
import type { TerminalClient } from '../../services/api/contract';
import { LoadingScreen } from '../common/LoadingScreen';
import { TrainingFrame } from '../common/TrainingFrame';
import { useSession } from '../common/useSession';
import { I18nContext } from '../i18n';
import { CounterHeader } from './CounterHeader';
import { CounterPaid } from './CounterPaid';
import { CounterPayment } from './CounterPayment';
import { SellScreen } from './SellScreen';
import { ShiftGate } from './shift/ShiftGate';
import { SignInScreen } from './SignInScreen';
import { TenderScreen } from './tender/TenderScreen';
import { useCounterPay } from './tender/useCounterPay';
import { useDuty, useDutyKeys, useIdleLock } from './useDuty';
import { CounterWeigh } from './tools/CounterWeigh';
import { CounterStock } from '../stock/CounterStock';
import { useWorkMode } from '../stock/useWorkMode';
import './counter.css';
import './tools/tools.css';

export function CounterApp({ client }: { client: TerminalClient }) {
  const session = useSession(client);
  const { state, screen } = session;
  const duty = useDuty(client);
  const signedIn = duty.view?.state === 'signed_in';
  useIdleLock(signedIn, duty.view?.idleLockSeconds ?? 300, duty.lock);
  useDutyKeys(signedIn, duty);
  // Pay (F12) opens the counter's tender screen instead of the kiosk's one QR.
  const till = useCounterPay(client, session);
  const { actions } = till;
  // Stock work from the shift menu (renderer/stock): the counter's scanner follows the switch.
  const work = useWorkMode(client, signedIn);

  const settings = state.settings;
  if (!settings || !session.header || !duty.view) return <LoadingScreen language={state.language} />;
  const staff = signedIn ? duty.view.staff : null;
  const header = <CounterHeader {...session.header} terminalId={settings.terminalId} staff={staff} />;
  if (!signedIn)
    return (
      <I18nContext.Provider value={session.i18n}>
        <TrainingFrame training={settings.training === true}>
          <div className="counter" data-role="counter">
            <SignInScreen
              duty={duty.view}
              header={header}
              saleLines={state.basket?.status === 'closed' ? 0 : (state.basket?.lines.length ?? 0)}
              onSignIn={duty.signIn}
              onUnlock={duty.unlock}
              scannedBadge={duty.scannedBadge}
            />
          </div>
        </TrainingFrame>
      </I18nContext.Provider>
    );
  const selling = screen === 'welcome' || screen === 'basket';
  if (work.mode === 'stock')
    return (
      <I18nContext.Provider value={session.i18n}>
        <TrainingFrame training={settings.training === true}>
          <div className="counter" data-role="counter">
            <CounterStock
              client={client}
              header={session.header}
              terminalId={settings.terminalId}
              staff={staff}
              onBackToSelling={() => work.switchTo('sell')}
              onSignOut={duty.signOut}
            />
          </div>
        </TrainingFrame>
      </I18nContext.Provider>
    );

  return (
    <I18nContext.Provider value={session.i18n}>
      <TrainingFrame training={settings.training === true}>
        <div className="counter" data-role="counter">
          {/* The shift: the float before selling, F9 for its menu (renderer/counter/shift). */}
          <ShiftGate
            client={client}
            header={header}
            menuAllowed={selling && !till.open && !session.weighing}
            onStockWork={() => work.switchTo('stock')}
          >
            {(menuOpen) => (
              <>
                {till.open ? (
                  <TenderScreen
                    tender={till.tender}
                    actions={till.tenderActions}
                    header={header}
                    onBack={till.close}
                    onNext={till.next}
                    typeAhead={till.typeAhead}
                  />
                ) : null}
                {selling && !till.open ? (
                  <SellScreen
                    state={state}
                    actions={actions}
                    header={header}
                    dialogOpen={session.weighing || menuOpen}
                    client={client}
                    typeAhead={till.typeAhead}
                  />
                ) : null}
                {screen === 'payment' && state.payment && !till.open ? (
                  <CounterPayment
                    payment={state.payment}
                    header={header}
                    onCancel={session.onCancelPayment}
                  />
                ) : null}
                {screen === 'paid' && !till.open ? (
                  <CounterPaid receipt={state.receipt} header={header} onNext={session.onFinishSale} />
                ) : null}
                {/* The counter weighs from its scale, or types grams (renderer/counter/tools). */}
                {session.weighing && state.weightFor ? (
                  <CounterWeigh
                    client={client}
                    scale={settings.scale !== null}
                    weightFor={state.weightFor}
                    onTyped={session.onWeight}
                    onClose={actions.clearWeight}
                  />
                ) : null}
              </>
            )}
          </ShiftGate>
        </div>
      </TrainingFrame>
    </I18nContext.Provider>
  );
}

// The kiosk role: picks the screen from state and layers Help, the weight entry and the attendant's
// "mark as paid" on top.
import { useCallback, useMemo, useState } from 'react';
import type { TerminalClient } from '../../services/api/contract';
import { LoadingScreen } from '../common/LoadingScreen';
import { TrainingFrame } from '../common/TrainingFrame';
import { useQrSize, type QrFit } from '../common/useQrSize';
import { useSession } from '../common/useSession';
import { I18nContext } from '../i18n';
import { AgeCheckDialog } from './AgeCheckDialog';
import { BasketScreen } from './BasketScreen';
import { HelpOverlay, WeightDialog } from './dialogs';
import { Header } from './Header';
import { LaneClosedScreen } from './LaneClosedScreen';
import { PaidScreen } from './PaidScreen';
import { PaymentScreen } from './PaymentScreen';
import { StaffDialog } from './StaffDialog';
import { WeighScreen } from './WeighScreen';
import { useLane } from './useLane';
import { WelcomeScreen } from './WelcomeScreen';

/** The payment code fills the space it has, never smaller than a phone reads from arm's length. */
const kioskQrFit: QrFit = (w, h) => {
  const fit = w < h ? Math.min(w - 240, h * 0.4) : Math.min(w * 0.4, h - 330);
  return Math.max(360, Math.min(620, Math.floor(fit)));
};

export function KioskApp({ client }: { client: TerminalClient }) {
  const session = useSession(client);
  const { state, actions, screen } = session;
  const [helpOpen, setHelpOpen] = useState(false);
  const qrSize = useQrSize(kioskQrFit);
  const lane = useLane(client);
  const { callHelp } = lane;
  // Help really calls: the attendant console gets the call and the dialog says what became of it.
  const openHelp = useCallback(() => {
    setHelpOpen(true);
    callHelp();
  }, [callHelp]);
  const closeHelp = useCallback(() => setHelpOpen(false), []);

  // Staff only: a staff badge scanned on the paid screen offers the reprint.
  const receiptNumber = state.receipt?.receiptNumber;
  const staffHere = state.scanNotice?.code === 'staff_badge';
  const reprint = useMemo(
    () => (staffHere && receiptNumber ? () => client.call('receipt.print', { receiptNumber }) : null),
    [client, staffHere, receiptNumber],
  );

  const settings = state.settings;
  if (!settings || !session.header) return <LoadingScreen language={state.language} />;
  const header = <Header {...session.header} onHelp={openHelp} />;
  // Paused or closed by the attendant: no new shopping starts; a payment under way still finishes.
  const laneMode = lane.self?.mode ?? 'open';
  const shutMode = laneMode !== 'open' && (screen === 'welcome' || screen === 'basket') ? laneMode : null;
  const laneShut = shutMode !== null;

  return (
    <I18nContext.Provider value={session.i18n}>
      <TrainingFrame training={settings.training === true}>
        {shutMode ? <LaneClosedScreen mode={shutMode} header={header} /> : null}
        {screen === 'welcome' && !laneShut ? (
          <WelcomeScreen state={state} actions={actions} header={header} />
        ) : null}
        {screen === 'basket' && state.basket && !laneShut ? (
          <BasketScreen
            basket={state.basket}
            state={state}
            actions={actions}
            header={header}
            client={client}
          />
        ) : null}
        {screen === 'payment' && state.payment ? (
          <PaymentScreen
            payment={state.payment}
            header={header}
            onCancel={session.onCancelPayment}
            qrSizePx={qrSize}
          />
        ) : null}
        {screen === 'paid' ? (
          <PaidScreen
            receipt={state.receipt}
            idleSeconds={settings.receiptIdleSeconds}
            header={header}
            onDone={session.onFinishSale}
            onReprint={reprint}
          />
        ) : null}
        {/* With a scale the weight is the scale's (the weigh screen); without one it is typed. */}
        {session.weighing && settings.scale && state.weightFor ? (
          <WeighScreen client={client} weightFor={state.weightFor} onClose={actions.clearWeight} />
        ) : null}
        {session.weighing && !settings.scale ? (
          <WeightDialog onWeight={session.onWeight} onCancel={actions.clearWeight} />
        ) : null}
        {screen === 'payment' && state.payment && state.staffOverride ? (
          <StaffDialog
            offer={state.staffOverride}
            payment={state.payment}
            onMarkPaid={actions.markPaid}
            onClose={actions.closeStaffOverride}
          />
        ) : null}
        {screen === 'basket' && state.ageCheckOffer ? (
          <AgeCheckDialog
            offer={state.ageCheckOffer}
            onDecide={actions.decideAgeCheck}
            onClose={actions.closeAgeCheck}
          />
        ) : null}
        {helpOpen ? (
          <HelpOverlay
            onClose={closeHelp}
            sync={state.sync}
            scanners={state.scanners}
            call={lane.self?.help ?? null}
          />
        ) : null}
      </TrainingFrame>
    </I18nContext.Provider>
  );
}

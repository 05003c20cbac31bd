// Pay at the counter: F12 (the selling screen's Pay) opens the tender screen; a sale with tenders
// standing — after a restart too — opens on it; Esc goes back while nothing stands; Enter after the
// sale completed is the next customer.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TerminalClient } from '../../../services/api/contract';
import type { Session } from '../../common/useSession';
import type { KioskActions } from '../../common/useKiosk';
import { PayTypeAhead } from './type-ahead';
import { hasStandingTenders, useTender, type TenderActions, type TenderState } from './useTender';

export interface CounterPay {
  /** The tender screen is up. */
  open: boolean;
  tender: TenderState;
  tenderActions: TenderActions;
  /** The session's actions, with Pay opening the tender screen. */
  actions: KioskActions;
  close(): void;
  next(): void;
  /** The keys typed between Pay and the tender screen (./type-ahead). */
  typeAhead: PayTypeAhead;
}

export function useCounterPay(client: TerminalClient, session: Session): CounterPay {
  const [tender, tenderActions] = useTender(client);
  const [opened, setOpened] = useState(false);
  const [typeAhead] = useState(() => new PayTypeAhead());
  const { refresh } = tenderActions;
  const { finishSale, startPayment: startQrPayment } = session.actions;
  const held = session.state.basket?.ageCheck?.state === 'needed';
  // The selling screen is only there with someone signed in (CounterApp shows the sign-in screen
  // otherwise, and the backend refuses `tender.*` as not_signed_in): Pay is always the tender screen.
  const startPayment = useCallback(async () => {
    // An ID check still to confirm holds every way of paying: the payment's own refusal says so.
    if (held) {
      typeAhead.cancel();
      return startQrPayment();
    }
    await refresh();
    setOpened(true);
  }, [held, refresh, startQrPayment, typeAhead]);
  const actions = useMemo(() => ({ ...session.actions, startPayment }), [session.actions, startPayment]);
  const close = useCallback(() => setOpened(false), []);
  const next = useCallback(() => {
    setOpened(false);
    void finishSale().then(refresh);
  }, [finishSale, refresh]);
  // Once the tenders complete the sale, the Paid screen (receipt, change due) takes over.
  const completed = tender.view?.receipt != null;
  useEffect(() => {
    if (completed) setOpened(false);
  }, [completed]);
  const open = (opened || hasStandingTenders(tender.view)) && !completed;
  return { open, tender, tenderActions, actions, close, next, typeAhead };
}

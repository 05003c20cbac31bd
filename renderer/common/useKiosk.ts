// Binds the session state (both roles') to the backend: events go straight into the reducer, every
// action is one TerminalClient call whose result is applied the same way an event would be.
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, type Dispatch } from 'react';
import { flushSync } from 'react-dom';
import type { Language } from '../../core/types';
import type {
  AgeCheckOffer,
  ApiError,
  BasketView,
  ProduceGridView,
  ScanSource,
  StaffOverrideOffer,
  TerminalClient,
  TerminalEvent,
} from '../../services/api/contract';
import { acceptsScans, initialState, kioskReducer, type KioskAction, type KioskState } from './state';
import { WedgeBuffer } from './wedge';

export interface KioskActions {
  /** Resolves to the basket the scan made, or null when it was refused (the state says why). */
  scan(code: string, source: ScanSource, weightGrams?: number): Promise<BasketView | null>;
  /** Like scan: the basket after the change, or null when it was refused. */
  setQuantity(lineId: string, quantity: number): Promise<BasketView | null>;
  removeLine(lineId: string): Promise<BasketView | null>;
  cancelOrder(): Promise<void>;
  startPayment(): Promise<void>;
  cancelPayment(): Promise<void>;
  finishSale(): Promise<void>;
  /** The attendant's PIN and reason for the offered payment; resolves to why not, or null once paid. */
  markPaid(offer: StaffOverrideOffer, pin: string, reason: string): Promise<ApiError | null>;
  closeStaffOverride(): void;
  /** The attendant's PIN and decision on the offered age check; resolves to why not, or null once decided. */
  decideAgeCheck(
    offer: AgeCheckOffer,
    pin: string,
    decision: 'approve' | 'refuse',
    birthYear?: number,
  ): Promise<ApiError | null>;
  /** The counter's cashier saw the ID themselves. */
  cashierAgeCheck(basketId: string, decision: 'approve' | 'refuse'): Promise<ApiError | null>;
  closeAgeCheck(): void;
  setLanguage(language: Language): void;
  clearScanError(): void;
  clearScanNotice(): void;
  clearWeight(): void;
  clearNotice(): void;
  /** The store's loose produce for the grid, or null when it could not be read. */
  loadProduce(): Promise<ProduceGridView | null>;
}

/** Events that change what the shopper just did are painted synchronously: the scan→paint path. */
const URGENT = new Set<TerminalEvent['type']>(['basket.changed', 'scan.rejected']);
const SESSION_RETRY_MS = 2000;

/** The kiosk's state and actions for one TerminalClient. */
export function useKiosk(client: TerminalClient): { state: KioskState; actions: KioskActions } {
  const [state, dispatch] = useReducer(kioskReducer, initialState);
  useSessionFeed(client, dispatch);

  const paymentId = state.payment?.id ?? null;
  const paymentRef = useRef(paymentId);
  useEffect(() => {
    paymentRef.current = paymentId;
  }, [paymentId]);

  const actions = useMemo<KioskActions>(
    () => ({
      async scan(code, source, weightGrams) {
        const input = weightGrams === undefined ? { code, source } : { code, source, weightGrams };
        const result = await client.call('basket.addScan', input);
        if (result.ok) flushSync(() => dispatch({ type: 'basket', basket: result.value }));
        else dispatch({ type: 'scanFailed', code, source, error: result.error });
        return result.ok ? result.value : null;
      },
      async setQuantity(lineId, quantity) {
        const result = await client.call('basket.setQuantity', { lineId, quantity });
        if (result.ok) dispatch({ type: 'basket', basket: result.value });
        else dispatch({ type: 'scanFailed', code: '', source: 'keypad', error: result.error });
        return result.ok ? result.value : null;
      },
      async removeLine(lineId) {
        const result = await client.call('basket.removeLine', { lineId });
        if (result.ok) dispatch({ type: 'basket', basket: result.value });
        else dispatch({ type: 'scanFailed', code: '', source: 'keypad', error: result.error });
        return result.ok ? result.value : null;
      },
      async cancelOrder() {
        const result = await client.call('basket.cancel', {});
        if (result.ok) dispatch({ type: 'session', session: result.value });
      },
      async startPayment() {
        const result = await client.call('payment.start', {});
        if (result.ok) dispatch({ type: 'payment', payment: result.value });
        else dispatch({ type: 'paymentFailed', error: result.error });
      },
      async cancelPayment() {
        const id = paymentRef.current;
        if (!id) return;
        const result = await client.call('payment.cancel', { paymentId: id });
        if (result.ok) dispatch({ type: 'payment', payment: result.value });
      },
      async finishSale() {
        const result = await client.call('sale.finish', {});
        if (result.ok) dispatch({ type: 'session', session: result.value });
      },
      async markPaid(offer, pin, reason) {
        const { badge, paymentId } = offer;
        const result = await client.call('payment.markPaid', { paymentId, badge, pin, reason });
        if (!result.ok) return result.error;
        dispatch({ type: 'payment', payment: result.value });
        return null;
      },
      closeStaffOverride: () => dispatch({ type: 'closeStaffOverride' }),
      async decideAgeCheck(offer, pin, decision, birthYear) {
        const { badge, basketId } = offer;
        const input = { badge, pin, decision, basketId, ...(birthYear === undefined ? {} : { birthYear }) };
        const result = await client.call('ageCheck.decide', input);
        if (!result.ok) return result.error;
        dispatch({ type: 'basket', basket: result.value });
        dispatch({ type: 'closeAgeCheck', refused: decision === 'refuse' });
        return null;
      },
      async cashierAgeCheck(basketId, decision) {
        const result = await client.call('ageCheck.cashier', { basketId, decision });
        if (!result.ok) return result.error;
        dispatch({ type: 'basket', basket: result.value });
        return null;
      },
      closeAgeCheck: () => dispatch({ type: 'closeAgeCheck' }),
      setLanguage: (language) => {
        // At once on screen; the backend keeps it for this shopper, so a reload shows it again.
        dispatch({ type: 'language', language });
        void client.call('session.setLanguage', { language });
      },
      clearScanError: () => dispatch({ type: 'clearScanError' }),
      clearScanNotice: () => dispatch({ type: 'clearScanNotice' }),
      clearWeight: () => dispatch({ type: 'clearWeight' }),
      clearNotice: () => dispatch({ type: 'clearNotice' }),
      async loadProduce() {
        const result = await client.call('catalog.produceGrid', {});
        return result.ok ? result.value : null;
      },
    }),
    [client],
  );

  useWedgeScanner(acceptsScans(state), actions.scan);
  return { state, actions };
}

const isTyping = (el: Element | null) =>
  !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || (el as HTMLElement).isContentEditable);

/** Listens for keyboard-wedge scans while nothing editable has focus. */
function useWedgeScanner(enabled: boolean, scan: KioskActions['scan']) {
  const onKey = useCallback(
    (buffer: WedgeBuffer, event: KeyboardEvent) => {
      if (isTyping(document.activeElement)) return;
      const code = buffer.key(event.key, event.timeStamp);
      if (code === null) return;
      // The Enter ending a scan must not also press whichever button has focus.
      event.preventDefault();
      event.stopPropagation();
      void scan(code, 'wedge');
    },
    [scan],
  );
  // Listening from the commit, not after the paint, so a scanner's first keys are never typed into nothing.
  useLayoutEffect(() => {
    if (!enabled) return;
    const buffer = new WedgeBuffer();
    const listener = (event: KeyboardEvent) => onKey(buffer, event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [enabled, onKey]);
}

/**
 * Feeds the session into the state: loaded once with session.get (retried while the backend starts), then
 * every event. It only reads, so the customer display uses it too (renderer/display/useDisplay.ts).
 */
export function useSessionFeed(client: TerminalClient, dispatch: Dispatch<KioskAction>): void {
  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const off = client.subscribe((event) => {
      if (URGENT.has(event.type)) flushSync(() => dispatch({ type: 'event', event }));
      else dispatch({ type: 'event', event });
    });
    const load = async () => {
      const result = await client.call('session.get', {});
      if (cancelled) return;
      if (result.ok) dispatch({ type: 'session', session: result.value });
      else retry = setTimeout(() => void load(), SESSION_RETRY_MS);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      off();
    };
  }, [client, dispatch]);
}

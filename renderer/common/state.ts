// The session's whole state, one for both roles (the kiosk's and the counter's screens read it), and
// how events and call results change it. The screen is derived from this state, never stored, so a
// restart that replays `session.get` lands on the right screen.
import type { Language } from '../../core/types';
import type {
  AgeCheckOffer,
  ApiError,
  BasketView,
  PaymentView,
  PublicSettings,
  ReceiptView,
  ScanNotice,
  ScanSource,
  ScannerStatus,
  SessionView,
  StaffOverrideOffer,
  SyncProgressView,
  SyncView,
  TerminalEvent,
} from '../../services/api/contract';

export type Screen = 'loading' | 'welcome' | 'basket' | 'payment' | 'paid';

/** Calm one-line messages about the last payment attempt, shown on the basket screen. */
export type Notice =
  | { kind: 'declined' }
  | { kind: 'expired' }
  /** A charge that never went through was reversed: the shopper must hear that nothing was taken. */
  | { kind: 'notCharged' }
  /** An attendant refused the age-restricted items: they left the basket. */
  | { kind: 'ageRefused' }
  /** Pay while the basket still waits for its age check (another screen raced the hold). */
  | { kind: 'ageNeeded' }
  /** Pay while a line is recalled (the recall reached it after the scan; another screen raced the mark). */
  | { kind: 'recalled' }
  | { kind: 'failed'; message: string };

export interface KioskState {
  settings: PublicSettings | null;
  scanners: ScannerStatus[];
  basket: BasketView | null;
  payment: PaymentView | null;
  receipt: ReceiptView | null;
  language: Language;
  /** The last refused scan, until the next good one. */
  scanError: ApiError | null;
  /** Something to know about a scan that went through (expired but sold, member card, staff badge). */
  scanNotice: ScanNotice | null;
  /**
   * A scan of a weighed item waiting for its weight; `badge`, an attendant's badge scanned meanwhile
   * by any scanner (serial or keyboard wedge): on a kiosk with a scale they may type the weight.
   */
  weightFor: { code: string; source: ScanSource; badge?: string } | null;
  notice: Notice | null;
  /** Bumped whenever the basket changes, so the highlighted line can re-animate. */
  basketRevision: number;
  /** The sync with HQ, for staff; null until the backend says (or where it has none). */
  sync: SyncView | null;
  /** A catalog download from HQ spanning several pages, while it runs; null otherwise. */
  syncProgress: SyncProgressView | null;
  /** An attendant's badge was scanned during a payment the kiosk cannot confirm: "Mark as paid?". */
  staffOverride: StaffOverrideOffer | null;
  /** An attendant's badge was scanned while the basket waits for an age check: the check's dialog. */
  ageCheckOffer: AgeCheckOffer | null;
}

export type KioskAction =
  | { type: 'event'; event: TerminalEvent }
  | { type: 'session'; session: SessionView }
  | { type: 'basket'; basket: BasketView }
  | { type: 'payment'; payment: PaymentView }
  | { type: 'scanFailed'; code: string; source: ScanSource; error: ApiError }
  | { type: 'paymentFailed'; error: ApiError }
  | { type: 'language'; language: Language }
  | { type: 'clearScanError' }
  | { type: 'clearScanNotice' }
  | { type: 'clearWeight' }
  | { type: 'clearNotice' }
  | { type: 'closeStaffOverride' }
  | { type: 'closeAgeCheck'; refused?: boolean };

export const initialState: KioskState = {
  settings: null,
  scanners: [],
  basket: null,
  payment: null,
  receipt: null,
  language: 'en',
  scanError: null,
  scanNotice: null,
  weightFor: null,
  notice: null,
  basketRevision: 0,
  sync: null,
  syncProgress: null,
  staffOverride: null,
  ageCheckOffer: null,
};

const LIVE_PAYMENT = new Set(['created', 'pending', 'unknown', 'paid']);

/** Which screen the state calls for. */
export function screenOf(state: KioskState): Screen {
  if (!state.settings) return 'loading';
  if (state.receipt || state.payment?.status === 'paid') return 'paid';
  if (state.payment && LIVE_PAYMENT.has(state.payment.status)) return 'payment';
  // A pack held for the attendant's lot check is not a line yet, but the shopper must see it is waiting.
  if (state.basket && (state.basket.lines.length > 0 || state.basket.lotChecks?.length)) return 'basket';
  return 'welcome';
}

/**
 * Whether a keyboard-wedge scan means something now: items while the basket is built, and the
 * shopper's payment code while the kiosk's own QR is shown (the shopper may show theirs instead).
 */
export function acceptsScans(state: KioskState): boolean {
  const screen = screenOf(state);
  if (screen === 'welcome' || screen === 'basket') return true;
  return screen === 'payment' && state.payment?.method === 'merchant_presented';
}

/** Applies one action. Pure, so it is unit-tested without a DOM. */
export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  switch (action.type) {
    case 'event':
      return applyEvent(state, action.event);
    case 'session':
      return applySession(state, action.session);
    case 'basket':
      return applyBasket(state, action.basket);
    case 'payment':
      return applyPayment(state, action.payment);
    case 'scanFailed':
      return applyScanFailure(state, action.code, action.source, action.error);
    case 'paymentFailed':
      return {
        ...state,
        payment: null,
        notice:
          action.error.code === 'age_check_needed'
            ? { kind: 'ageNeeded' }
            : action.error.code === 'recalled_in_basket'
              ? { kind: 'recalled' }
              : { kind: 'failed', message: action.error.message },
      };
    case 'language':
      return { ...state, language: action.language };
    case 'clearScanError':
      return { ...state, scanError: null };
    case 'clearScanNotice':
      return { ...state, scanNotice: null };
    case 'clearWeight':
      return { ...state, weightFor: null };
    case 'clearNotice':
      return { ...state, notice: null };
    case 'closeStaffOverride':
      return { ...state, staffOverride: null };
    case 'closeAgeCheck':
      return {
        ...state,
        ageCheckOffer: null,
        notice: action.refused ? { kind: 'ageRefused' } : state.notice,
      };
  }
}

function applyEvent(state: KioskState, event: TerminalEvent): KioskState {
  switch (event.type) {
    case 'basket.changed':
      return applyBasket(state, event.basket);
    case 'scan.rejected':
      return applyScanFailure(state, event.code, event.source, event.error);
    case 'scan.notice':
      // The scan went through, so an earlier refusal no longer applies.
      return { ...state, scanNotice: event.notice, scanError: null };
    case 'staff.override':
      // Only for the payment on screen; an offer about another one is stale.
      return state.payment?.id === event.offer.paymentId
        ? { ...state, staffOverride: event.offer, scanError: null }
        : state;
    case 'staff.ageCheck':
      // Only for the basket on screen, while it still waits.
      return state.basket?.id === event.offer.basketId && state.basket.ageCheck?.state === 'needed'
        ? { ...state, ageCheckOffer: event.offer, scanError: null }
        : state;
    case 'payment.changed':
      return applyPayment(state, event.payment);
    case 'sale.completed':
      return {
        ...state,
        receipt: event.receipt,
        scanError: null,
        scanNotice: null,
        weightFor: null,
        notice: null,
      };
    case 'session.reset':
      return applySession(state, event.session);
    case 'settings.changed':
      return { ...state, settings: event.settings };
    case 'scanner.status': {
      const others = state.scanners.filter((s) => s.id !== event.scanner.id);
      return { ...state, scanners: [...others, event.scanner] };
    }
    case 'sync.status':
      return { ...state, sync: event.status };
    case 'sync.progress':
      // A download done in one page is over before a bar could mean anything: only a long one shows.
      return { ...state, syncProgress: event.progress.done ? null : event.progress };
    case 'receipt.printed':
    case 'receipt.printFailed':
    case 'printer.status':
      // The on-screen receipt is the shopper's copy whatever the printer did; staff see these.
      return state;
    case 'scale.reading':
      // Only the weigh screen shows the scale; it listens for these itself while it is open.
      return state;
    case 'tender.changed':
      // The counter's tender screen follows its tenders itself (renderer/counter/tender/useTender.ts).
      return state;
    case 'lane.self':
    case 'lanes.board':
    case 'staff.duty':
    case 'staff.badge':
      // The kiosk's own lane, the console's board and the counter's sign-in have hooks of their own
      // (renderer/kiosk/useLane.ts, renderer/attendant/useBoard.ts, renderer/counter/useDuty.ts).
      return state;
    case 'shift.changed':
    case 'drawer.status':
      // The counter's shift and drawer have their own hook (renderer/counter/shift/useShift.ts).
      return state;
    case 'refund.changed':
      // The counter's refund screen follows its refund itself (renderer/counter/refund).
      return state;
    case 'stock.scanned':
    case 'stock.workMode':
      // Stock work has its own screens and hooks (renderer/stock).
      return state;
    case 'recall.blocked':
      // The refusal itself reaches the screen as the scan's answer; this one is for the sync loop.
      return state;
  }
}

/** A whole session replaces everything; an ended session puts the default language back. */
function applySession(state: KioskState, session: SessionView): KioskState {
  const ended = !session.basket && !session.payment && !session.receipt;
  const firstLoad = !state.settings;
  const payment = session.payment && LIVE_PAYMENT.has(session.payment.status) ? session.payment : null;
  return {
    ...state,
    settings: session.settings,
    scanners: session.scanners,
    basket: session.basket,
    payment,
    receipt: session.receipt,
    // The shopper's own choice, kept by the backend for their session, survives a reload.
    language: session.language ?? (ended || firstLoad ? session.settings.defaultLanguage : state.language),
    scanError: ended ? null : state.scanError,
    scanNotice: ended ? null : state.scanNotice,
    weightFor: ended ? null : state.weightFor,
    notice: ended ? null : state.notice,
    basketRevision: state.basketRevision + 1,
    // A backend without a sync status leaves the one the screen has.
    sync: session.sync === undefined ? state.sync : session.sync,
    staffOverride: keepOffer(state.staffOverride, payment),
    ageCheckOffer: keepAgeCheck(state.ageCheckOffer, session.basket),
  };
}

/** How far a catalog download has come, 0–1: items received against those still to come. */
export function syncFraction(progress: SyncProgressView): number {
  const left = Math.max(0, progress.targetVersion - progress.version);
  const total = progress.received + left;
  return total === 0 ? 1 : Math.min(1, progress.received / total);
}

function applyBasket(state: KioskState, incoming: BasketView): KioskState {
  // A scan's basket arrives twice, as its handler's answer and as the `basket.changed` event: the
  // second changes nothing, so nothing re-renders (and a refusal shown since is not wiped by a repeat).
  const basket = shareLines(state.basket, incoming);
  if (basket === state.basket) return state;
  // A good scan replaces any earlier complaint; a closed basket means the session moved on.
  return {
    ...state,
    basket,
    scanError: null,
    scanNotice: staleNotice(state.scanNotice, basket) ? null : state.scanNotice,
    basketRevision: state.basketRevision + 1,
    ageCheckOffer: keepAgeCheck(state.ageCheckOffer, basket),
  };
}

/**
 * The incoming basket, keeping the previous basket's line objects where a line is unchanged, so the
 * memoised rows of a long sale do not re-render on every scan; the previous basket itself when nothing
 * changed at all.
 */
function shareLines(previous: BasketView | null, incoming: BasketView): BasketView {
  if (!previous || previous.id !== incoming.id) return incoming;
  const before = new Map(previous.lines.map((line) => [line.id, line]));
  let changed = previous.lines.length !== incoming.lines.length;
  const lines = incoming.lines.map((line, i) => {
    const old = before.get(line.id);
    if (old && sameJson(old, line)) {
      if (previous.lines[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return line;
  });
  const { lines: _a, ...rest } = incoming;
  const { lines: _b, ...restBefore } = previous;
  if (!changed && sameJson(rest, restBefore)) return previous;
  return { ...incoming, lines };
}

/** Views are plain JSON from the terminal, in the same key order each time, so their text compares them. */
function sameJson(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The age check's dialog stays only while its basket still waits (the console may have decided meanwhile). */
function keepAgeCheck(offer: AgeCheckOffer | null, basket: BasketView | null): AgeCheckOffer | null {
  return offer && basket?.id === offer.basketId && basket.ageCheck?.state === 'needed' ? offer : null;
}

/**
 * A notice about one line is over once another line is the newest. The notice and the basket change
 * of the same scan may arrive in either order, so the notice's own line never makes it stale.
 */
function staleNotice(notice: ScanNotice | null, basket: BasketView): boolean {
  const lineId = notice?.lineId;
  if (!lineId) return false;
  if (!basket.lines.some((line) => line.id === lineId)) return true;
  return basket.lastChangedLineId !== null && basket.lastChangedLineId !== lineId;
}

/** The attendant's dialog stays only while its payment is still waiting to be confirmed. */
function keepOffer(offer: StaffOverrideOffer | null, payment: PaymentView | null): StaffOverrideOffer | null {
  const waiting = payment && (payment.status === 'pending' || payment.status === 'unknown');
  return offer && waiting && payment.id === offer.paymentId ? offer : null;
}

function applyScanFailure(state: KioskState, code: string, source: ScanSource, error: ApiError): KioskState {
  // The badge opened the attendant's dialog (a `staff.override` event): nothing went wrong.
  if (error.code === 'staff_override' || error.code === 'staff_age_check')
    return { ...state, scanError: null };
  if (error.code === 'weight_required') return { ...state, weightFor: { code, source }, scanError: null };
  // A staff badge adds nothing, so the backend refuses it, but it was read fine: it is a notice.
  if (error.code === 'staff_badge') {
    const known = state.scanNotice?.code === 'staff_badge';
    return {
      ...state,
      scanError: null,
      weightFor: state.weightFor ? { ...state.weightFor, badge: code } : null,
      scanNotice: known ? state.scanNotice : { code: 'staff_badge', message: error.message },
    };
  }
  // The newest scan speaks: a refusal replaces a notice about an earlier one.
  return { ...state, scanError: error, scanNotice: null, weightFor: null };
}

/** Live payments show; a declined, cancelled or expired one returns to the basket with a note. */
function applyPayment(state: KioskState, payment: PaymentView): KioskState {
  // A late update about a payment we already left behind must not touch the current one.
  const stale = state.payment !== null && state.payment.id !== payment.id;
  if (stale && !LIVE_PAYMENT.has(payment.status)) return state;
  // A scan notice is about the basket being built; it must not come back after the payment screen.
  if (LIVE_PAYMENT.has(payment.status))
    return {
      ...state,
      payment,
      notice: null,
      scanNotice: null,
      staffOverride: keepOffer(state.staffOverride, payment),
    };
  let notice: Notice | null = null;
  if (payment.status === 'declined') notice = { kind: 'declined' };
  else if (/expir/i.test(payment.failureReason ?? '') || Date.parse(payment.expiresAt) <= Date.now()) {
    notice = { kind: 'expired' };
  } else if (/could not be charged/i.test(payment.failureReason ?? '')) {
    notice = { kind: 'notCharged' };
  }
  return { ...state, payment: null, notice, staffOverride: null };
}

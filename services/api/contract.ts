/**
 * The TerminalApi contract: every handler's input and output, and the event stream.
 * The renderer imports this file with `import type` only; schemas live in ./schemas.ts.
 */
import type {
  BasketStatus,
  Language,
  PaymentMethod,
  PaymentStatus,
  TaxMode,
  Totals,
  Unit,
} from '../../core/types';

import type { LocalizedNames } from '../../core/catalog/language-tag';
import type { GridProduct } from '../../core/catalog/produce-columns';
import type { ErrorInfo, Result } from '../../core/result';
import type { LaneBoardView, LaneMode, LaneSelfView } from './lanes-contract';
import type { StaffRole } from '../../core/staff/roles';
import type {
  DrawerStatusView,
  ShiftApproval,
  ShiftStateView,
  ShiftView,
  XReportView,
  ZReportView,
} from './shift-contract';

export type { BasketStatus, PaymentMethod };
export type * from './shift-contract';

/** What went wrong: core/result's one failure shape; the renderer shows its own text by code. */
export type ApiError = ErrorInfo;

export type ApiResult<T> = Result<T>;

export interface BasketLineView {
  id: string;
  gtin: string;
  barcode: string;
  name: string;
  unit: Unit;
  /** Per piece, or per kilogram for `kg`. */
  unitPrice: number;
  /** Count for `each`, grams for `kg`. */
  quantity: number;
  lineTotal: number;
  taxRateBp: number;
  ageLimit: number | null;
  /** What the item's GS1 code said: batch/lot, its own serial (one unique piece), expiry (YYYY-MM-DD). */
  lot: string | null;
  serial: string | null;
  expiry: string | null;
  /** The item's names in other languages (BCP 47 tag → name); the screen falls back to `name`. */
  names?: LocalizedNames | null;
  /**
   * What the counter changed on the line (services/counter-price), absent when nothing: then
   * `unitPrice` is the override price and `lineTotal` is after the line discount.
   */
  adjustment?: LineAdjustmentView;
  /** A recall that reached the line after it was scanned: it cannot be paid until removed (or voided). */
  recall?: LineRecallView;
}

/** Why a basket line is recalled: the whole product, its lot or serial, or a lot its code did not name. */
export interface LineRecallView {
  match: 'gtin' | 'lot' | 'serial' | 'unknown';
  reason: string;
}

/** A pack held at a kiosk for an attendant to read its lot (a plain EAN of a product with a lot recall). */
export interface LotCheckView {
  checkId: string;
  name: string;
  raisedAt: string;
}

/** A line's price override and discount as the counter shows them; money in minor units. */
export interface LineAdjustmentView {
  /** The catalog's unit price, when the price was overridden; else null. */
  originalUnitPrice: number | null;
  overrideReason: string | null;
  /** The line at its catalog price. */
  originalTotal: number;
  /** `value`: minor units, or basis points for percent; `amount`: what it takes off now. */
  discount: { kind: 'amount' | 'percent'; value: number; amount: number; reason: string } | null;
  /** Approved by a supervisor (their staff id), when above the giver's limit. */
  approverId: string | null;
}

/** The whole-sale discount of a counter sale. */
export interface SaleDiscountView {
  kind: 'amount' | 'percent';
  /** Minor units, or basis points for percent. */
  value: number;
  /** Minor units it takes off the subtotal now (totals.saleDiscount). */
  amount: number;
  reason: string;
  approverId: string | null;
}

/** A supervisor's badge (as scanned or typed) and PIN, approving an act above the signed-in role's limit. */
export interface ApprovalInput {
  badge: string;
  pin: string;
}

/** Why a counter voids a whole sale; `other` needs the words (`note`). */
export type SaleVoidReason = 'customer_left' | 'changed_mind' | 'price_dispute' | 'wrong_items' | 'other';

export interface BasketView {
  id: string;
  status: BasketStatus;
  currency: string;
  lines: BasketLineView[];
  totals: Totals;
  /** The line added or changed last, so the screen can make it stand out. */
  lastChangedLineId: string | null;
  /**
   * The age check of a basket with age-restricted lines, or null without any: `needed` holds Pay
   * (an attendant must check the shopper's ID; `ageLimit` is the highest limit waiting), `approved`
   * once they have (`ageLimit`: the highest in the basket).
   */
  ageCheck: AgeCheckView | null;
  /** Packs held for an attendant's lot check, oldest first (absent when none); they are not lines yet. */
  lotChecks?: LotCheckView[];
  /** The loyalty member whose code was scanned, if any. */
  member: { program: string; memberId: string } | null;
  /** A counter sale being tendered: its tenders (the customer display shows them) and cash rounding. */
  tenders?: {
    kind: TenderLineView['kind'];
    amount: number;
    tendered?: number;
    status: TenderLineView['state'];
  }[];
  cashRounding?: number;
  /** A counter's whole-sale discount, when there is one. */
  saleDiscount?: SaleDiscountView | null;
}

export interface AgeCheckView {
  state: 'needed' | 'approved';
  ageLimit: number;
}

/**
 * An attendant's badge scanned while the basket waits for an age check: the lane offers them the
 * check. Nothing is authorised yet; ageCheck.decide with their PIN does that.
 */
export interface AgeCheckOffer {
  /** The badge as scanned; sent back with the PIN. */
  badge: string;
  attendantName: string;
  basketId: string;
  ageLimit: number;
  /** The restricted lines waiting. */
  lines: { lineId: string; name: string; ageLimit: number }[];
}

/**
 * Something the shopper should know about a scan that went through: an item past its expiry date in
 * a store that warns rather than blocks (`item_expired_warning`), a member code taken
 * (`member_attached`), a staff badge read (`staff_badge`). Shown calmly, translated by code.
 */
export interface ScanNotice {
  code: 'item_expired_warning' | 'member_attached' | 'staff_badge';
  message: string;
  /** The line it is about, if any. */
  lineId?: string;
}

export interface PaymentView {
  id: string;
  basketId: string;
  /** Our reference, sent to the provider; never charged twice. */
  reference: string;
  provider: string;
  method: PaymentMethod;
  /** The shopper's wallet code as it may be shown (`1345****7788`); null when merchant-presented. */
  maskedCode: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  /** The text the on-screen QR encodes (for the simulator: the URL of its pay page); never for a scanned code. */
  qrPayload: string | null;
  /** ISO time after which the kiosk gives up and cancels. */
  expiresAt: string;
  /** Why the payment failed, when declined/cancelled/unknown. */
  failureReason: string | null;
}

/** The receipt model lives in core (it is also printed and uploaded); the screen sees it as is. */
export type { Receipt as ReceiptView, ReceiptLine } from '../../core/receipt';
import type { Receipt as ReceiptView } from '../../core/receipt';

/** Which UI a terminal shows (DESIGN.md's roles). */
export type TerminalRole = 'kiosk' | 'counter' | 'attendant' | 'stock';

export interface PublicSettings {
  storeName: string;
  storeId: string;
  terminalId: string;
  currency: string;
  taxMode: TaxMode;
  defaultLanguage: Language;
  /** The kiosk's self-checkout screens, or the cashier's counter; absent means kiosk. */
  role?: TerminalRole;
  languages: Language[];
  /** Seconds the receipt stays before the kiosk returns to welcome. */
  receiptIdleSeconds: number;
  /** Seconds a payment code stays valid. */
  paymentTimeoutSeconds: number;
  /**
   * Training mode: payments go to the payment simulator, so nothing is really paid. Every screen says
   * so, receipts are marked and HQ keeps these sales out of its totals.
   */
  training: boolean;
  /** A scale is configured: weights come from it, and a shopper cannot type one. Absent or null: none. */
  scale?: { minimumWeightGrams: number } | null;
}

/** The receipt printer as store IT sees it: connected or not, and why not. */
export interface PrinterStatusView {
  path: string;
  connected: boolean;
  error: string | null;
}

export interface ScannerStatus {
  id: string;
  path: string;
  baudRate: number;
  connected: boolean;
  lastError: string | null;
  /** Why it is not connected, in words the Help dialog can translate; absent or null when there is none. */
  problem?: ScannerProblem | null;
}

/** A serial scanner that will not open: the path names nothing, is not a serial port, is locked or barred. */
export type ScannerProblem = 'not_found' | 'not_serial' | 'busy' | 'no_permission' | 'failed';

/**
 * The terminal's sync with HQ as staff see it (services/sync's syncStatus makes it): online or
 * offline, the last sync, sales waiting to go up and the age of the oldest, and the catalog version.
 * A terminal never enrolled has `sync.enrolled: false`: it sells as ever, "not connected to HQ".
 */
export interface SyncView {
  catalog: { products: number; version: number };
  outbox: {
    /** Events waiting to go up (a sale is several: basket, lines, payment, the sale itself). */
    pending: number;
    /** Of those, finished sales (`sale.completed`): what staff read as "sales waiting". */
    pendingSales: number;
    /** Age of the oldest pending event by the terminal's clock, in seconds; null when nothing waits. */
    oldestAgeSeconds: number | null;
    /** The oldest waiting event is old enough to warn about (services/sync STALE_OUTBOX_SECONDS). */
    stale: boolean;
    /** Events HQ rejected (the local dead-letter list). */
    deadLetters: number;
  };
  sync: {
    enrolled: boolean;
    serverUrl: string | null;
    /**
     * Whether the last sync attempt went through (push and pull, with HQ answering). It is what the
     * terminal last saw, not a live probe: false before the first attempt and after any failed one.
     */
    online: boolean;
    /** The last sync that went through completely (terminal clock, ISO 8601), or null. */
    lastSyncAt: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
    /**
     * HQ's code for the last failure, when it gave one. `device_revoked`: HQ removed this terminal and it
     * must be enrolled again with a new code (issue 14). Absent from an older backend.
     */
    lastErrorCode?: string | null;
    /** HQ's clock minus this terminal's at the last push, in ms; shown, never used to decide. */
    clockSkewMs: number | null;
  };
}

/** A catalog download from HQ under way: items received so far, and the versions caught up with. */
export interface SyncProgressView {
  received: number;
  version: number;
  targetVersion: number;
  done: boolean;
}

/** What the kiosk shows after a (re)start: the open basket, a payment in flight, or a finished sale. */
export interface SessionView {
  settings: PublicSettings;
  basket: BasketView | null;
  payment: PaymentView | null;
  receipt: ReceiptView | null;
  scanners: ScannerStatus[];
  /** The sync status, so a restarted screen shows it at once (absent where the backend has none). */
  sync?: SyncView | null;
  /** The language this shopper chose, kept across a reload; null: the store's default. */
  language?: Language | null;
}

/** One tile of the kiosk's "Fruit & vegetables" grid. */
export type ProduceItemView = GridProduct;

export interface ProduceGridView {
  currency: string;
  items: ProduceItemView[];
}

export type ScanSource = 'serial' | 'keypad' | 'wedge' | 'camera';

/**
 * A known attendant's badge scanned while a payment cannot be confirmed: the kiosk offers them "Mark
 * as paid?". Nothing is authorised yet; payment.markPaid with their PIN does that.
 */
export interface StaffOverrideOffer {
  /** The badge as scanned; sent back with the PIN. */
  badge: string;
  attendantName: string;
  paymentId: string;
}

/**
 * What the scale says, as the weigh screen shows it: `stable` is a weight that may be sold; `too-light`
 * is stable but under the store's minimum; `zero-error`: the scale cannot find its zero (needs staff);
 * `not-answering`: plugged in but silent; `disconnected`: its port is gone (unplugged).
 */
export type ScaleState =
  | 'stable'
  | 'too-light'
  | 'motion'
  | 'zero'
  | 'under-zero'
  | 'over-capacity'
  | 'zero-error'
  | 'not-answering'
  | 'disconnected';

export interface ScaleReadingView {
  state: ScaleState;
  /** The stable weight in grams (`stable`, `too-light`); null otherwise. */
  grams: number | null;
}

/** A weighed item on the scale: what it is and costs per kg, and the scale's reading now. */
export interface WeighView {
  code: string;
  source: ScanSource;
  name: string;
  /** The item's names in other languages; the weigh screen falls back to `name`. */
  names?: LocalizedNames | null;
  /** Per kilogram, in minor units. */
  unitPrice: number;
  currency: string;
  taxRateBp: number;
  minimumWeightGrams: number;
  reading: ScaleReadingView;
}

/** An attendant vouching for a typed weight on a kiosk with a scale: their badge as scanned, and PIN. */
export interface AttendantCredentials {
  badge: string;
  pin: string;
}

/** What the attendant console sees of a lane's basket: read-only. */
export interface LaneBasketView {
  laneId: string;
  basket: BasketView | null;
}

/** A staff member as the counter shows them: never their badge or PIN. */
export interface StaffView {
  id: string;
  name: string;
  role: StaffRole;
}

/**
 * Who runs this counter now (services/counter/duty.ts): nobody (`signed_out`: the sign-in screen),
 * `locked` (the person named stepped away or idled; their PIN unlocks, or a supervisor takes over), or
 * `signed_in`. A restart comes back `signed_out`, the open sale kept. `idleLockSeconds`: the screen
 * locks after this long without a key (settings.json counter.idleLockSeconds).
 */
export interface DutyView {
  state: 'signed_out' | 'locked' | 'signed_in';
  staff: StaffView | null;
  idleLockSeconds: number;
}

/** Every handler: name → [input, output]. */
export interface TerminalHandlers extends RefundHandlers, StockHandlers {
  'session.get': [Record<string, never>, SessionView];
  /**
   * A scan. A wallet payment code with items in the basket pays for them (customer-presented): the
   * answer comes once the provider has answered the charge; the payment itself is told by events.
   */
  'basket.addScan': [
    { code: string; source: ScanSource; weightGrams?: number; attendant?: AttendantCredentials },
    BasketView,
  ];
  'basket.setQuantity': [{ lineId: string; quantity: number }, BasketView];
  'basket.removeLine': [{ lineId: string }, BasketView];
  'basket.cancel': [Record<string, never>, SessionView];
  'payment.start': [Record<string, never>, PaymentView];
  'payment.get': [{ paymentId: string }, PaymentView];
  'payment.cancel': [{ paymentId: string }, PaymentView];
  /**
   * An attendant marks a payment paid that the provider cannot confirm (pending or unknown), after
   * seeing the shopper's phone: `badge` is the staff badge as scanned, `pin` their PIN. Refused as
   * `staff_unknown`, `staff_denied` (wrong PIN), `staff_locked` (too many wrong PINs),
   * `staff_not_allowed` (a role that may not, e.g. a cashier: core/staff/roles.ts) or
   * `payment_not_in_flight`, with nothing written; else the sale completes and is journalled.
   */
  'payment.markPaid': [{ paymentId: string; badge: string; pin: string; reason: string }, PaymentView];
  'receipt.get': [{ receiptNumber: string }, ReceiptView];
  /**
   * Prints (again) the paper receipt of a finished sale. Refused as `no_printer` on a terminal
   * without one, `printer_offline` while it is unplugged; the sale itself is never touched.
   */
  'receipt.print': [{ receiptNumber: string }, { receiptNumber: string }];
  'sale.finish': [Record<string, never>, SessionView];
  'settings.get': [Record<string, never>, PublicSettings];
  /** The sync status; answers for a terminal never enrolled too (`sync.enrolled: false`). */
  'sync.status': [Record<string, never>, SyncView];
  /** Asks the background sync to run now; refused as `not_enrolled` on a terminal never enrolled. */
  'sync.now': [Record<string, never>, SyncView];
  /**
   * Opens the weighing of a scanned `kg` item: the scale is asked until `scale.stop` or `scale.add`,
   * its readings come as `scale.reading` events. Refused as `no_scale` without one, `not_weighed` for
   * a code that needs no weighing.
   */
  'scale.weigh': [{ code: string; source: ScanSource }, WeighView];
  /** Stops asking the scale (the weigh screen closed). */
  'scale.stop': [Record<string, never>, ScaleReadingView];
  /**
   * Adds the item at the scale's current stable weight — the weight is the scale's, never the caller's.
   * Refused as `weight_not_ready` (with the state) when there is no stable weight above the minimum.
   */
  'scale.add': [{ code: string; source: ScanSource }, BasketView];
  /** A kiosk's own lane (services/lanes): its mode and its call for help. */
  'lane.self': [Record<string, never>, LaneSelfView];
  /** Help pressed: raises a call for an attendant (one at a time; pressing again keeps the same call). */
  'lane.callHelp': [Record<string, never>, LaneSelfView];
  /** The attendant console: every lane and the interventions queue; the lanes.* commands act on a lane. */
  'lanes.board': [Record<string, never>, LaneBoardView];
  'lanes.acknowledge': [{ laneId: string; callId: string }, LaneBoardView];
  'lanes.handle': [{ laneId: string; callId: string }, LaneBoardView];
  'lanes.setMode': [{ laneId: string; mode: LaneMode }, LaneBoardView];
  /** The lane's basket, read-only. */
  'lanes.basket': [{ laneId: string }, LaneBasketView];
  /** payment.markPaid on the lane, with the attendant's badge and PIN checked there (the same rule). */
  'lanes.markPaid': [
    { laneId: string; paymentId: string; badge: string; pin: string; reason: string },
    LaneBoardView,
  ];
  /** An age check decided from the console, after seeing ID (services/lanes/age-checks.ts). */
  'lanes.ageCheck': [
    { laneId: string; checkId: string; badge: string; pin: string; approve: boolean; age: number | null },
    LaneBoardView,
  ];
  /**
   * A kiosk's lot check decided from the console, after reading the lot on the pack: accept (another
   * lot: the pack is added to the basket) or refuse (put aside). The lane checks the badge and PIN.
   */
  'lanes.lotCheck': [
    { laneId: string; checkId: string; badge: string; pin: string; accept: boolean },
    LaneBoardView,
  ];
  /**
   * An attendant's age check at the lane, after seeing the shopper's ID: their badge and PIN, then
   * approve (optionally with the age or birth year read) or refuse (the restricted lines are voided).
   * Refused as `staff_unknown`, `staff_denied`, `staff_locked`, `staff_not_allowed` (as for markPaid), `no_age_check`
   * or `invalid_age`, with nothing written; else journalled with the decision.
   */
  'ageCheck.decide': [
    {
      badge: string;
      pin: string;
      decision: 'approve' | 'refuse';
      basketId: string;
      age?: number;
      birthYear?: number;
    },
    BasketView,
  ];
  /**
   * The counter's age check: the cashier, who is staff, saw the ID. Only on a counter terminal
   * (`not_counter` elsewhere); journalled as the cashier's.
   */
  'ageCheck.cashier': [
    { decision: 'approve' | 'refuse'; basketId: string; age?: number; birthYear?: number },
    BasketView,
  ];
  /** The shopper picks their language: kept for this shopper's session (their basket), not the next. */
  'session.setLanguage': [{ language: Language }, SessionView];
  /** The store's loose produce for the kiosk's grid (catalog `grid`/`plu` columns). */
  'catalog.produceGrid': [Record<string, never>, ProduceGridView];
  /** Who is on duty at this counter (any terminal answers; only a counter has anyone). */
  'staff.current': [Record<string, never>, DutyView];
  /**
   * Signs in at a counter with a badge (scanned or typed) and PIN; a cashier, supervisor or manager
   * (core/staff/roles.ts `counter_sign_in`). On a counter locked by someone else, a supervisor's sign-in
   * takes the till over. Refused as `not_counter`, `staff_unknown`, `staff_denied`, `staff_locked`,
   * `staff_not_allowed`, `already_signed_in` or `counter_locked`, with nothing written; else journalled.
   */
  'staff.signIn': [{ badge: string; pin: string }, DutyView];
  /** Signs out whoever is signed in (journalled); the open sale stays for the next one. `not_signed_in` if nobody is. */
  'staff.signOut': [Record<string, never>, DutyView];
  /** Locks the counter (F10, or the screen's idle timer): nothing sells until the PIN unlocks it. */
  'staff.lock': [Record<string, never>, DutyView];
  /** The locked-out staff member's PIN unlocks; the sale resumes. `not_locked`, `staff_denied`, `staff_locked`. */
  'staff.unlock': [{ pin: string }, DutyView];
  /** The counter's tenders of the current sale (services/counter/tender): due, taken, change. */
  'tender.state': [Record<string, never>, TenderView];
  /**
   * Cash handed over, in minor units: pays what is due (rounded to the store's increment when it settles
   * the rest; the rest is change), or part of it (a split). The drawer opens. Refused as
   * `not_signed_in`, `not_counter`, `nothing_due`, `invalid_cash`.
   */
  'tender.cash': [{ handed: number }, TenderView];
  /** The merchant QR for the amount still due; `payment_in_progress` while another code tender is in flight. */
  'tender.qr': [Record<string, never>, TenderView];
  /**
   * Takes a tender back before the sale completes: cash is handed back, a code payment in flight is
   * cancelled, a paid one refunded at the provider (`reversal_unavailable` when it cannot refund).
   */
  'tender.remove': [{ position: number }, TenderView];
  /** The counter's shift (services/shift): the open one or null, and the currency's notes and coins. */
  'shift.current': [Record<string, never>, ShiftStateView];
  /**
   * Opens a shift with the float counted by denomination (`{ "10000": 2, "50": 4 }`). Refused as
   * `not_signed_in`, `shift_already_open` or `invalid_shift` (a value that is not a note or coin).
   */
  'shift.open': [{ counts: Record<string, number> }, ShiftView];
  /** Cash put into / taken out of the drawer, with the reason; journalled, the drawer kicked open. */
  'shift.payIn': [{ amount: number; reason: string }, ShiftView];
  'shift.payOut': [{ amount: number; reason: string }, ShiftView];
  /** The drawer opened with no sale, with the reason; journalled. */
  'shift.noSale': [{ reason: string }, ShiftView];
  /** The open shift's figures now, read-only. */
  'shift.xReport': [Record<string, never>, XReportView];
  /**
   * Closes the shift with the blind count; writes, journals, prints and sends its Z report. Refused as
   * `sale_in_progress`, `suspended_sales` (sales put aside still wait; details.count),
   * `approval_required` (details: expected, counted, difference, limit: then again
   * with a supervisor's `approval`), `staff_*` for that approval, or `count_changed`.
   */
  'shift.close': [{ counts: Record<string, number>; approval?: ShiftApproval }, ZReportView];
  /** Z report `number` of this terminal (the latest without one). */
  'shift.zReport': [{ number?: number }, ZReportView];
  /** The cash drawer's state as the printer reports it. */
  'drawer.status': [Record<string, never>, DrawerStatusView];
  /**
   * The counter's price override of a line (a new unit price, minor units, per piece or per kg), with
   * a reason. Within the signed-in role's discount limit (settings counter.limits) it goes through;
   * above it, refused as `over_limit` (details: { limitPercent, percentOff }) unless `approval` is a
   * supervisor's badge and PIN whose own limit covers it. Also `not_counter`, `not_signed_in`,
   * `invalid_discount`, `line_not_found`, the staff gate's codes; journalled as `override`.
   */
  'basket.overridePrice': [
    { lineId: string; unitPrice: number; reason: string; approval?: ApprovalInput },
    BasketView,
  ];
  /** A line discount: `amount` in minor units, or `percent` (0.01–100, two decimals at most). As overridePrice. */
  'basket.discountLine': [
    {
      lineId: string;
      kind: 'amount' | 'percent';
      value: number;
      reason: string;
      approval?: ApprovalInput;
    },
    BasketView,
  ];
  /** The whole-sale discount, spread over the lines (core/pricing/adjustments.ts). As discountLine. */
  'basket.discountSale': [
    { kind: 'amount' | 'percent'; value: number; reason: string; approval?: ApprovalInput },
    BasketView,
  ];
  /**
   * Takes back a line's price override or discount (with `lineId`), or the sale discount (without);
   * needs no approval. Refused as `no_discount` when there is none.
   */
  'basket.removeDiscount': [{ lineId?: string; adjustment: 'price_override' | 'discount' }, BasketView];
  /**
   * The counter's void key: the whole open sale given up, with a reason (`other` needs `note`), by the
   * staff member signed in; journalled as a `void` `sale_voided`. Not the kiosk's basket.cancel.
   */
  'sale.void': [{ reason: SaleVoidReason; note?: string }, SessionView];
  /**
   * The counter's sale put aside (F7): its basket kept as it is, the counter empty. Refused as
   * `payment_in_progress` while money is moving (a payment, or a counter tender standing or in flight),
   * `empty_basket`, `not_counter` off a counter.
   */
  'sale.suspend': [{ label?: string }, SessionView];
  /** The sales waiting to be resumed or voided, oldest first (a shift cannot close while any wait). */
  'sale.suspended': [Record<string, never>, SuspendedListView];
  /** Brings a waiting sale back, lines exactly as they were; `sale_in_progress` while another is rung up. */
  'sale.resume': [{ id: string }, BasketView];
  /** A waiting sale that will not come back: journalled as a void with the reason. */
  'sale.voidSuspended': [{ id: string; reason: string }, SuspendedListView];
  /** Product lookup (F3): by PLU, the beginning of a barcode, or a name in any language of the catalog. */
  'catalog.search': [{ query: string }, CatalogSearchView];
  /** A kiosk's "Pay at the counter": the code for its open basket (the same one while it waits). */
  'handover.offer': [Record<string, never>, HandoverOfferView];
  /** The shopper went back to the kiosk: the code no longer takes the basket. */
  'handover.withdraw': [Record<string, never>, { withdrawn: boolean }];
  /**
   * The counter takes a kiosk's basket by its code (six digits, or the QR's `OLH:<lane>:<code>`) over
   * the lane link: the kiosk closes it as handed over, the counter rings its lines up as a new sale.
   */
  'handover.claim': [{ code: string }, BasketView];
}

/** One tender of the sale in progress, as the counter shows it. */
export interface TenderLineView {
  position: number;
  kind: 'cash' | 'merchant_qr' | 'wallet_code';
  amount: number;
  /** Cash: what was handed over. */
  tendered: number | null;
  /** Cash that settled the rest: its rounding (signed). */
  rounding: number;
  state: 'pending' | 'taken' | 'failed' | 'reversing' | 'reversed';
  /** A wallet code, masked. */
  maskedCode: string | null;
  failureReason: string | null;
}

/** The counter's tender screen: the current sale's total, what is still due, the tenders, the change. */
export interface TenderView {
  basketId: string | null;
  currency: string;
  total: number;
  /** Still to pay, to the minor unit. */
  due: number;
  /** What cash would settle it with: `due` rounded to the store's increment. */
  cashDue: number;
  /** The cash rounding of the tenders taken so far (signed; its own line). */
  rounding: number;
  /** Quick-cash keys for `cashDue`: the next note amounts. */
  quickCash: number[];
  tenders: TenderLineView[];
  /** The code tender in flight (its QR), or null. */
  payment: PaymentView | null;
  /** Cash to give back (once the sale completed, the whole sale's). */
  change: number;
  /** The receipt, once the tenders covered the total and the sale completed. */
  receipt: ReceiptView | null;
}

import type { CatalogSearchView, HandoverOfferView, SuspendedListView } from './counter-tools-contract';
export type * from './counter-tools-contract';
import type { RefundHandlers, RefundView } from './refund-contract';
export type * from './refund-contract';
import type { StockHandlers, WorkMode } from './stock-contract';
export type * from './stock-contract';

export type HandlerName = keyof TerminalHandlers;
export type HandlerInput<N extends HandlerName> = TerminalHandlers[N][0];
export type HandlerOutput<N extends HandlerName> = TerminalHandlers[N][1];

/** The backend as a plain map of async handlers; both transports carry exactly this. */
export type TerminalApi = {
  [N in HandlerName]: (input: HandlerInput<N>) => Promise<ApiResult<HandlerOutput<N>>>;
};

/** Events pushed from the backend to the screen. */
export type TerminalEvent =
  /** `code` is what was scanned; a wallet payment code appears masked (it is a bearer secret). */
  | { type: 'scan.rejected'; code: string; source: ScanSource; error: ApiError }
  | { type: 'scan.notice'; source: ScanSource; notice: ScanNotice }
  | { type: 'staff.override'; offer: StaffOverrideOffer }
  /** An attendant's badge read while the basket waits for an age check: offer them the check. */
  | { type: 'staff.ageCheck'; offer: AgeCheckOffer }
  | { type: 'basket.changed'; basket: BasketView }
  | { type: 'payment.changed'; payment: PaymentView }
  | { type: 'sale.completed'; receipt: ReceiptView }
  /** The paper receipt reached the printer; or it did not, and `error` says why (the sale stands). */
  | { type: 'receipt.printed'; receiptNumber: string }
  | { type: 'receipt.printFailed'; receiptNumber: string; error: ApiError }
  | { type: 'printer.status'; printer: PrinterStatusView }
  | { type: 'session.reset'; session: SessionView }
  /** What the screens know of the terminal changed while it runs (its store's name, from HQ). */
  | { type: 'settings.changed'; settings: PublicSettings }
  | { type: 'scanner.status'; scanner: ScannerStatus }
  | { type: 'sync.status'; status: SyncView }
  | { type: 'sync.progress'; progress: SyncProgressView }
  | { type: 'scale.reading'; reading: ScaleReadingView }
  /** A kiosk's lane changed: paused or closed, its help call answered. */
  | { type: 'lane.self'; lane: LaneSelfView }
  /** The attendant console's board changed. */
  | { type: 'lanes.board'; board: LaneBoardView }
  /** Someone signed in or out of this counter, or it locked or unlocked. */
  | { type: 'staff.duty'; duty: DutyView }
  /** A staff badge read by a serial scanner while nobody is signed in at this counter: the sign-in takes it. */
  | { type: 'staff.badge'; badge: string }
  /** The counter's tenders of the current sale changed (taken, paid, failed, taken back, completed). */
  | { type: 'tender.changed'; tender: TenderView }
  /** The counter's shift opened (the shift) or closed (null). */
  | { type: 'shift.changed'; shift: ShiftView | null }
  /** The cash drawer kicked, opened, closed, or stayed shut after a kick. */
  | { type: 'drawer.status'; drawer: DrawerStatusView }
  /** A refund's tenders moved (a provider answered): services/refund. */
  | { type: 'refund.changed'; refund: RefundView }
  /** A serial scan at a terminal doing stock work: the stock screen takes it, not the basket. */
  | { type: 'stock.scanned'; code: string; source: ScanSource }
  /** A counter switched to stock work or back to selling (services/stock/work-mode.ts). */
  | { type: 'stock.workMode'; mode: WorkMode }
  /** A recalled item was refused (issue 14): the attempt waits in the outbox, and the loop sends it now. */
  | { type: 'recall.blocked'; gtin: string };

/** The renderer's view of the backend, whichever transport carries it. */
export interface TerminalClient {
  call<N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<ApiResult<HandlerOutput<N>>>;
  subscribe(listener: (event: TerminalEvent) => void): () => void;
}

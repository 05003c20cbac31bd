// What the tamper-evident journal holds: one entry per fact about money — a sale, a payment reaching
// its final status, a void, an attendant's override — each chained to the one before by its hash.
// Entries carry the figures an auditor checks (amounts in integer minor units), never a bearer secret
// (a wallet code appears only masked).
import type { ShiftFigures } from '../shift/figures';
import type { PaymentMethod, PaymentStatus, Unit } from '../types';

/** The kinds of journal entry, in the order the model grew. */
export const JOURNAL_KINDS = ['sale', 'payment', 'void', 'override', 'shift', 'staff', 'refund'] as const;

export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** The version of the entry format; bump it (and teach verify the old one) if the record changes shape. */
export const JOURNAL_FORMAT = 1;

/**
 * The previous hash of entry 1: 64 zeros. A fixed, documented value, so anyone can re-verify a chain
 * from its first entry without knowing anything about the terminal.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** A sale written: what the receipt says and which payments paid it. */
export interface SaleEntry {
  saleId: string;
  basketId: string;
  receiptNumber: string;
  currency: string;
  /** Minor units. */
  total: number;
  taxTotal: number;
  /** Terminal's clock, ISO 8601. */
  soldAt: string;
  paymentIds: string[];
  lineCount: number;
  /** A counter sale: its tenders in the order taken (cash with what was handed), as sale_tenders holds them. */
  tenders?: { kind: string; amount: number; tendered?: number; paymentId?: string }[];
  /** A counter sale: the signed cash rounding, its own line (tenders pay total + cashRounding). */
  cashRounding?: number;
  /** A counter sale: the staff member signed in who rang it up. */
  staffId?: string;
}

/** A payment that reached a final status: the money that moved, or did not. */
export interface PaymentEntry {
  paymentId: string;
  basketId: string;
  /** Our reference sent to the provider. */
  reference: string;
  provider: string;
  method: PaymentMethod;
  status: Extract<PaymentStatus, 'paid' | 'declined' | 'cancelled'>;
  previousStatus: string;
  amount: number;
  currency: string;
  /** The wallet code charged, masked; null when the kiosk showed the QR. */
  maskedCode: string | null;
  providerRef: string | null;
  failureReason: string | null;
  /** The sale it paid for, when the payment turned paid together with its sale. */
  receiptNumber: string | null;
}

/** One line taken out of a basket, wholly or partly. */
export interface VoidedLine {
  lineId: string;
  gtin: string;
  name: string;
  unit: Unit;
  /** Per piece, or per kg. */
  unitPrice: number;
  /** How much was taken out: pieces, or grams for kg. */
  quantity: number;
  /** What the removed quantity was worth on the line, in minor units. */
  amount: number;
}

/** Goods taken off a basket before payment: what loss prevention reviews. */
export interface VoidEntry {
  /** `age_refused`: an attendant refused the sale of the basket's age-restricted items after the ID check. */
  reason:
    | 'line_removed'
    | 'quantity_reduced'
    | 'basket_cancelled'
    | 'age_refused'
    /** The counter's void key: the whole open sale given up (services/counter-price). */
    | 'sale_voided'
    /** A suspended sale that will not be resumed, voided at the counter (db/suspended-sales.ts). */
    | 'suspended_voided';
  basketId: string;
  currency: string;
  lines: VoidedLine[];
  /** Sum of the lines' amounts. */
  amount: number;
  /** `sale_voided` (the counter's void key): the staff member signed in who voided it. */
  staffId?: string;
  /** `sale_voided`: why, as the cashier chose it (services/counter-price/void-reasons.ts) or typed it. */
  note?: string;
}

/**
 * An attendant overriding the machine: marking a basket paid after seeing a payment the terminal
 * could not confirm, deciding an age check (AgeCheckOverride), or typing a weight on a kiosk whose
 * weights come from its scale (WeightEnteredOverride).
 */
export type OverrideEntry =
  MarkPaidOverride | AgeCheckOverride | WeightEnteredOverride | PriceOverrideEntry | DiscountOverride;

/** An attendant marked a basket paid after seeing a payment the terminal could not confirm. */
export interface MarkPaidOverride {
  action: 'mark_paid';
  basketId: string;
  paymentId: string | null;
  /** The staff badge that authorised it. */
  attendantId: string;
  reason: string;
  amount: number;
  currency: string;
}

/**
 * An attendant's age check on a basket, after seeing the shopper's ID: approved (the hold on the lines
 * is lifted) or refused (the lines are voided in the same transaction, a `void` entry `age_refused`).
 */
export interface AgeCheckOverride {
  action: 'age_approved' | 'age_refused';
  basketId: string;
  /** The attendant (settings' id) who decided; at the counter, the cashier. */
  attendantId: string;
  /** At the lane with badge and PIN, from the attendant console, or by the cashier at the counter. */
  via: 'lane' | 'console' | 'counter';
  /** The limit the shopper was checked against: the highest among the lines decided on. */
  ageLimit: number;
  /** What the attendant read on the ID, when they typed it. */
  age: number | null;
  birthYear: number | null;
  /** The restricted lines the decision was about. */
  lines: { lineId: string; gtin: string; name: string; ageLimit: number }[];
}

/**
 * An attendant typed the weight of a line on a kiosk with a scale (with their badge and PIN), instead of
 * the scale weighing it: written in the transaction that adds the line.
 */
export interface WeightEnteredOverride {
  action: 'weight_entered';
  basketId: string;
  lineId: string;
  /** The attendant (settings' id) whose badge and PIN vouched for the weight. */
  attendantId: string;
  gtin: string;
  name: string;
  /** The weight typed, in grams. */
  grams: number;
  /** Per kilogram, minor units. */
  unitPrice: number;
  /** What the line is worth at that weight, in minor units. */
  amount: number;
  /**
   * Why the scale's weight was not used: what the scale said when the weight was typed — its state as
   * the terminal reports it (`not-answering`, `disconnected`, `over-capacity`, `motion`, `stable`…).
   */
  scaleState: string;
}

/**
 * A counter's price override of a line (its new unit price, with a reason): named by the staff member
 * signed in, and by the supervisor who approved it on the spot when it took off more than their limit.
 */
export interface PriceOverrideEntry {
  action: 'price_override';
  basketId: string;
  lineId: string;
  gtin: string;
  name: string;
  staffId: string;
  /** Null when it was within the staff member's own limit. */
  approverId: string | null;
  currency: string;
  /** The catalog's unit price (per piece or per kg) and the new one, minor units. */
  originalUnitPrice: number;
  unitPrice: number;
  /** What the line's amount changed by: new − old at its quantity (negative: cheaper). */
  amount: number;
  /** Of the line's catalog amount, taken off in all (override and line discount), in basis points. */
  percentOffBp: number;
  reason: string;
  /** `given`, or `removed` when the override was taken back. */
  change: 'given' | 'removed';
}

/** A counter's discount on a line (lineId) or the whole sale (lineId null), given or taken back. */
export interface DiscountOverride {
  action: 'discount';
  basketId: string;
  lineId: string | null;
  staffId: string;
  approverId: string | null;
  currency: string;
  /** `amount`: value in minor units; `percent`: value in basis points (1000 = 10 %). */
  kind: 'amount' | 'percent';
  value: number;
  /** Minor units it takes off now (0 when removed). */
  amount: number;
  /** For a line: of its catalog amount, taken off in all; for the sale: of the subtotal it discounts. */
  percentOffBp: number;
  reason: string;
  change: 'given' | 'removed';
}

/**
 * A counter shift's cash facts (services/shift): opened with its float, a pay-in, pay-out or no-sale
 * drawer opening, closed with its Z report. Each names the staff member signed in.
 */
export interface ShiftEntry {
  action: 'opened' | 'pay_in' | 'pay_out' | 'no_sale' | 'closed';
  shiftId: string;
  /** The staff member signed in at the counter who did it. */
  staffId: string;
  /**
   * Minor units: the float counted (opened), the cash moved (pay_in, pay_out), 0 (no_sale), the cash
   * counted (closed). Absent only in entries written before the counter shift existed.
   */
  amount?: number;
  currency?: string;
  /** Why (pay_in, pay_out, no_sale): the cashier's words. */
  reason?: string;
  /** The supervisor or manager whose badge and PIN approved it (a close over the cashier's limit). */
  approverId?: string | null;
  /** closed: the Z report's number and its figures as written (what `journal verify` checks). */
  zNumber?: number;
  figures?: ShiftFigures;
}

/**
 * Staff at the counter: signing in and out (services/counter/duty.ts), and a supervisor's approval given
 * on the spot (services/counter/approval.ts). `staffId` is always whom the entry is about: who signed
 * in or out, or who approved.
 */
export type StaffEntry = StaffSignEntry | StaffApprovalEntry;

/** Why a counter's staff member stopped being on duty. */
export type SignOutReason = 'signed_out' | 'taken_over' | 'restart';

/** A staff member signed in at or out of a counter. */
export interface StaffSignEntry {
  action: 'signed_in' | 'signed_out';
  staffId: string;
  name: string;
  role: string;
  /** signed_out: how (F10 sign-out, a supervisor took the till over, the terminal restarted); else null. */
  reason: SignOutReason | null;
  /** taken_over: the supervisor who took over; else null. */
  byStaffId: string | null;
}

/** A supervisor's badge and PIN approved an act on the spot, above the signed-in cashier's limit. */
export interface StaffApprovalEntry {
  action: 'approved';
  /** The approver. */
  staffId: string;
  name: string;
  role: string;
  /** The act approved (core/staff/roles.ts STAFF_ACTS), e.g. `counter_take_over`. */
  act: string;
  /** The staff member signed in whose act it was; null if nobody was. */
  forStaffId: string | null;
  /** What was approved, as the act's caller describes it (amounts in minor units, ids). */
  details: Record<string, string | number | boolean | null>;
}

/**
 * A paid code tender of a counter sale in progress taken back before the sale completed, refunded at
 * its provider (services/counter/tender). Never cash: cash handed back never left the counter.
 */
export interface TenderRefundEntry {
  action: 'tender_refunded';
  basketId: string;
  /** The tender's position in the sale in progress. */
  position: number;
  kind: 'merchant_qr' | 'wallet_code';
  paymentId: string;
  amount: number;
  currency: string;
  /** Our refund reference at the provider, and the provider's own id for it. */
  refundReference: string;
  refundRef: string | null;
  /** The staff member who took it back. */
  staffId: string;
}

/**
 * A refund made (issue 12, services/refund), written once every tender of it is final: what came back
 * of which sale (null: a return without a receipt), how the money went back, who made and approved it.
 */
export interface RefundedEntry {
  action: 'refunded';
  refundId: string;
  /** The refund's own gap-free number on this terminal, and the sale's receipt number. */
  refundNumber: string;
  receiptNumber: string | null;
  currency: string;
  total: number;
  taxTotal: number;
  cashRounding: number;
  lines: {
    line: number;
    gtin: string | null;
    quantity: number;
    amount: number;
    reason: string;
    disposition: string;
  }[];
  /** In the refund's order (code first, cash last), each as it ended: paid, or declined by the provider. */
  tenders: { kind: string; amount: number; status: string; reference: string | null }[];
  staffId: string;
  approvedBy: string | null;
  shiftId: string | null;
  offline: boolean;
}

/**
 * A provider turned down a refund's QR or wallet part, and the cashier gave that money back in cash
 * instead, with a supervisor's approval: the cash out of the drawer, of which refund, who gave and approved it.
 */
export interface RefundCashInsteadEntry {
  action: 'cash_instead';
  refundId: string;
  refundNumber: string;
  receiptNumber: string | null;
  currency: string;
  /** The cash tender added to the refund: paid at once. */
  tenders: { kind: 'cash'; amount: number; status: 'paid'; reference: null }[];
  staffId: string;
  approvedBy: string;
  shiftId: string | null;
}

/** What a change asks the journal to record. */
export type JournalEntry =
  | { kind: 'sale'; data: SaleEntry }
  | { kind: 'payment'; data: PaymentEntry }
  | { kind: 'void'; data: VoidEntry }
  | { kind: 'override'; data: OverrideEntry }
  | { kind: 'shift'; data: ShiftEntry }
  | { kind: 'staff'; data: StaffEntry }
  | { kind: 'refund'; data: TenderRefundEntry | RefundedEntry | RefundCashInsteadEntry };

/** An entry as written: its canonical JSON is what the chain hashes. */
export type JournalRecord = JournalEntry & {
  v: typeof JOURNAL_FORMAT;
  /** Gap-free from 1 on this terminal's store. */
  seq: number;
  /** The store and terminal as the terminal knew itself when writing; null before it was told. */
  storeId: string | null;
  terminalId: string | null;
  /** Terminal's clock, ISO 8601. */
  writtenAt: string;
};

/**
 * The text whose SHA-256 (hex, lower case) is an entry's hash: the previous entry's hash (64 hex
 * characters, GENESIS_HASH for entry 1) followed directly by the entry's canonical JSON, as UTF-8.
 */
export function chainInput(prevHash: string, canonicalEntry: string): string {
  return prevHash + canonicalEntry;
}

/** Whether a text is a journal hash: 64 lower-case hex digits. */
export function isJournalHash(text: unknown): text is string {
  return typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);
}

/** Whether a value names a journal kind. */
export function isJournalKind(value: unknown): value is JournalKind {
  return typeof value === 'string' && (JOURNAL_KINDS as readonly string[]).includes(value);
}

/** The receipt number an entry concerns, if it names one (sales, payments that paid a sale). */
export function entryReceiptNumber(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const receipt = (data as { receiptNumber?: unknown }).receiptNumber;
  return typeof receipt === 'string' ? receipt : null;
}

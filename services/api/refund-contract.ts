// Returns and refunds at the counter (issue 12) as the TerminalApi shows them (services/refund). Types
// only: the renderer imports them with `import type`.
import type { RefundDisposition, RefundReason, RefundableLine, SaleSummary } from '../../core/sync';
import type { PaymentStatus, TenderKind, Unit } from '../../core/types';

export type { RefundDisposition, RefundReason, RefundableLine };

/** A supervisor's badge and PIN (the same shape as contract.ts's ApprovalInput, kept here so the files do not import each other). */
interface SupervisorApproval {
  badge: string;
  pin: string;
}

/** A sale found for a refund, and how much of each line may still come back. */
export interface RefundSaleView {
  receiptNumber: string;
  terminalId: string;
  soldAt: string;
  currency: string;
  total: number;
  /** The receipt as sold (names per language, discounts), to show the cashier what the shopper got. */
  receipt: object;
  lines: (RefundableLine & {
    /** What may still come back: sold − refunded (pieces or grams), and the money for all of it. */
    refundableQuantity: number;
    refundableAmount: number;
  })[];
  tenders: { kind: TenderKind; amount: number; refunded: number; maskedCode: string | null }[];
  /** Where the refunded quantities come from: HQ (every terminal of the store) or this terminal alone. */
  source: 'hq' | 'local';
  /** HQ could not be asked: a refund now needs a supervisor's approval, and HQ checks it later. */
  offline: boolean;
  training: boolean;
}

/** `refund.find` by what was scanned or typed: the receipt's QR (its e-receipt link) or the receipt number. */
export interface RefundFindInput {
  query: string;
}

export interface RefundSearchView {
  /** As HQ lists them (core/sync SaleSummary), this terminal's own sales merged in. */
  sales: SaleSummary[];
  offline: boolean;
}

/** A line asked back: pieces (or grams of a weighed line), why, and whether it goes back on the shelf. */
export interface RefundLineInput {
  line: number;
  quantity: number;
  reason: RefundReason;
  disposition: RefundDisposition;
}

/** A return without a receipt: the item by its code, to cash only, with a supervisor. */
export interface NoReceiptLineInput {
  code: string;
  quantity: number;
  reason: RefundReason;
  disposition: RefundDisposition;
}

/** What a refund would give back, before it is made. */
export interface RefundQuoteView {
  currency: string;
  total: number;
  taxTotal: number;
  byRate: { rateBp: number; tax: number }[];
  lines: { line: number; quantity: number; amount: number }[];
  /** How the money would go back, in the fixed order (code tenders first, cash last). */
  tenders: { kind: TenderKind; amount: number; maskedCode: string | null }[];
  /** The cash part rounded to the store's increment (signed). */
  cashRounding: number;
  /** Why a supervisor must approve, or null: `offline`, `no_receipt`, `over_limit`. */
  approvalNeeded: 'offline' | 'no_receipt' | 'over_limit' | null;
}

/** A refund being made or made: one state per tender, as each provider answers. */
export interface RefundView {
  id: string;
  refundNumber: string;
  receiptNumber: string | null;
  currency: string;
  total: number;
  cashRounding: number;
  state: 'in_progress' | 'done' | 'needs_attention';
  tenders: {
    kind: TenderKind;
    amount: number;
    status: PaymentStatus;
    maskedCode: string | null;
    failureReason: string | null;
  }[];
  lines: { line: number; name: string; unit: Unit; quantity: number; amount: number; reason: RefundReason }[];
  staffId: string;
  approvedBy: string | null;
  refundedAt: string;
  /** The paper slip: printed, or not (no printer…). */
  printed: boolean;
}

export interface RefundHandlers {
  /** Find a sale by its receipt QR or number: this terminal's own, or HQ's for another terminal's. */
  'refund.find': [RefundFindInput, RefundSaleView];
  /** Recent sales by date, amount and masked wallet code. */
  'refund.search': [{ date?: string; amount?: number; maskedCode?: string }, RefundSearchView];
  'refund.quote': [{ receiptNumber: string; lines: RefundLineInput[] }, RefundQuoteView];
  /** Make the refund: stored before any provider is asked, then each tender refunded. */
  'refund.start': [
    { receiptNumber: string; lines: RefundLineInput[]; approval?: SupervisorApproval },
    RefundView,
  ];
  'refund.noReceipt': [{ lines: NoReceiptLineInput[]; approval: SupervisorApproval }, RefundView];
  'refund.get': [{ refundId: string }, RefundView];
  /** Ask the provider again about a refund whose answer was lost. */
  'refund.retry': [{ refundId: string }, RefundView];
  'refund.print': [{ refundId: string }, { printed: boolean }];
  /**
   * A refund's QR or wallet part a provider declined, given back in cash instead: a supervisor approves
   * (`approval_needed` with `approvalNeeded: 'cash_instead'` without one); the drawer opens.
   */
  'refund.cashInstead': [{ refundId: string; approval?: SupervisorApproval }, RefundView];
}

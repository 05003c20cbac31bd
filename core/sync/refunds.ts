// Refunds between a terminal and HQ (issue 12): what a terminal asks HQ about a sale it may refund, the
// claim that keeps two online terminals from refunding the same line twice, and the `refund.completed`
// event every refund sends up. Types only; each side checks what it receives with its own zod schema.
//
// The routes (device token, the device's own store only):
//   GET  /v1/sales/{receiptNumber}        → HqSaleView, or 404 `sale_not_found`
//   GET  /v1/sales?date=YYYY-MM-DD&amount=N&maskedCode=…   → { sales: SaleSummary[] } (at most 20)
//   POST /v1/refund-claims  RefundClaim   → ClaimAnswer (idempotent on refundId)
import type { TenderKind, Unit } from '../types';

/** Why a line comes back, chosen by the cashier. */
export const REFUND_REASONS = [
  'changed_mind',
  'damaged',
  'faulty',
  'wrong_item',
  'expired',
  'other',
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** What becomes of the returned goods: back on the shelf (a stock movement), or written off (none). */
export type RefundDisposition = 'restock' | 'write_off';

/** A sale line as a refund sees it: what was sold, what it cost the shopper, what is already back. */
export interface RefundableLine {
  /** The line's index in the sale's receipt (0-based): how refunds name a line. */
  line: number;
  gtin: string | null;
  name: string;
  unit: Unit;
  /** Pieces, or grams for a weighed line. */
  sold: number;
  /** What the shopper paid for the whole line: after its discounts and its share of a sale discount, with tax. */
  paid: number;
  /** Already refunded, across every terminal HQ knows of (or this terminal's own when offline). */
  refundedQuantity: number;
  refundedAmount: number;
}

/** A sale that HQ (or the terminal itself) knows, with what has been refunded of it. */
export interface HqSaleView {
  receiptNumber: string;
  storeId: string;
  terminalId: string;
  soldAt: string;
  currency: string;
  total: number;
  /** The receipt as stored by the terminal that sold it (core/receipt's model). */
  receipt: object;
  /** How it was paid, in the order taken; a code tender names its payment and provider. */
  tenders: {
    kind: TenderKind;
    amount: number;
    paymentId: string | null;
    provider: string | null;
    reference: string | null;
    maskedCode: string | null;
    /** Already refunded of this tender. */
    refunded: number;
  }[];
  lines: RefundableLine[];
  training: boolean;
}

export interface SaleSummary {
  receiptNumber: string;
  terminalId: string;
  soldAt: string;
  currency: string;
  total: number;
  /** The masked wallet codes that paid it, if any (`1345****7788`). */
  maskedCodes: string[];
  itemCount: number;
}

/** Find sales by the day (the store's local date), the total and the masked wallet code; any of them. */
export interface SaleSearch {
  date?: string;
  amount?: number;
  maskedCode?: string;
}

/** A terminal online asks HQ before it refunds: "may these quantities of these lines come back?" */
export interface RefundClaim {
  /** The refund's id on the terminal (UUIDv7): asking twice with the same id is one claim. */
  refundId: string;
  receiptNumber: string;
  terminalId: string;
  staffId: string;
  lines: { line: number; quantity: number }[];
}

/** HQ's answer: granted (and recorded, so the next terminal sees it), or refused line by line. */
export type ClaimAnswer =
  | { granted: true }
  | {
      granted: false;
      code: 'refund_exceeds_sale' | 'sale_not_found';
      lines: { line: number; sold: number; refunded: number; asked: number }[];
    };

/** A returned line as the refund event carries it. */
export interface RefundedLine {
  line: number;
  gtin: string | null;
  unit: Unit;
  /** Pieces, or grams. */
  quantity: number;
  /** Minor units given back for it, tax included. */
  amount: number;
  reason: RefundReason;
  disposition: RefundDisposition;
}

/** How the money went back, in the refund's fixed order (code tenders first, cash last). */
export interface RefundedTender {
  kind: TenderKind;
  amount: number;
  /** The original payment a provider refunded; null for cash. */
  paymentId: string | null;
  /** Our refund reference at the provider (`RF…`); null for cash. */
  reference: string | null;
  /**
   * Present only when the provider turned this tender's refund down for good: that money did not go
   * back (the refund's lines are still taken back; the counter sees it as needing attention).
   */
  status?: 'declined';
}

/**
 * The `refund.completed` payload: written once, when every tender of the refund is settled (paid back,
 * or definitely not). HQ books restocked lines into its stock ledger, counts the refund against the
 * sale's lines and flags a refund that takes back more than was sold.
 */
export interface RefundPayload {
  id: string;
  /** The refund's own gap-free number on this terminal (printed on its slip). */
  refundNumber: string;
  /** The sale refunded; null for a return without a receipt. */
  receiptNumber: string | null;
  storeId: string;
  terminalId: string;
  staffId: string;
  /** The supervisor who approved (offline, no receipt, over a limit), or null. */
  approvedBy: string | null;
  shiftId: string | null;
  currency: string;
  /** Minor units given back in all, and the tax in it. */
  total: number;
  taxTotal: number;
  /** A cash part's rounding to the store's increment (signed): the tenders pay back total + cashRounding. */
  cashRounding: number;
  lines: RefundedLine[];
  tenders: RefundedTender[];
  refundedAt: string;
  /** Made while HQ could not be asked: HQ checks it against the sale when it arrives, and flags an excess. */
  offline: boolean;
  training?: boolean;
}

/**
 * A `refund.cash_instead` payload: a provider declined a refund's QR or wallet part (its
 * `refund.completed` said so), and the cashier then gave that money back in cash, approved by a
 * supervisor. HQ keeps it in its event log; the lines were already counted with the refund.
 */
export interface RefundCashInsteadPayload {
  refundId: string;
  refundNumber: string;
  receiptNumber: string | null;
  storeId: string;
  terminalId: string;
  currency: string;
  amount: number;
  staffId: string;
  approvedBy: string;
  shiftId: string | null;
  paidAt: string;
}

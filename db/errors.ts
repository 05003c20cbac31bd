// The one error type of the store: a refused change, with a stable code the services map to results.

export type StoreErrorCode =
  | 'basket_not_found'
  | 'basket_not_open'
  | 'line_not_found'
  | 'invalid_item'
  | 'invalid_currency'
  | 'invalid_quantity'
  | 'duplicate_serial'
  | 'invalid_member'
  | 'illegal_transition'
  | 'invalid_payment'
  | 'payment_not_found'
  | 'payment_mismatch'
  | 'amount_mismatch'
  | 'sale_not_found'
  | 'invalid_tenders'
  | 'invalid_refund'
  | 'refund_not_found'
  | 'age_check_needed'
  // Recalls reaching a basket (services/checkout/basket-recalls.ts, lot-checks.ts).
  | 'recalled_in_basket'
  | 'no_lot_check'
  | 'shift_already_open'
  | 'shift_not_open'
  | 'invalid_shift'
  | 'tender_not_found'
  | 'tender_not_reversible'
  | 'tenders_not_settled'
  | 'basket_empty'
  // Suspended sales and kiosk handovers (db/suspended-sales.ts, db/handovers.ts).
  | 'payment_in_progress'
  | 'empty_basket'
  | 'invalid_label'
  | 'invalid_reason'
  | 'sale_in_progress'
  | 'suspended_not_found'
  | 'suspended_not_waiting'
  | 'handover_not_found'
  | 'handover_already_received'
  // Refunds (db/refunds.ts): beyond what the sale sold or a tender took; a refund still with a provider.
  | 'refund_exceeds_sale'
  | 'refund_in_progress'
  | 'nothing_declined'
  | 'shift_closed';

/** A refused change; nothing was written. `code` is stable, `message` says exactly what was wrong. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

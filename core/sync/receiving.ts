// Receiving deliveries and transfers between stores (issue 13), as terminal and HQ speak of them: the
// delivery-once rule's normalised reference, the claim a terminal makes before it receives, the expected
// deliveries HQ sends down, and the transfer number a store gives a transfer out.

/** The key a delivery reference is received once under, per store: trimmed, case-insensitive. */
export function deliveryReferenceKey(reference: string): string {
  return reference.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A transfer out's number: the sending store, its terminal and a gap-free sequence there. */
export function transferNumber(storeId: string, terminalId: string, sequence: number): string {
  return `${storeId}-${terminalId}-T${String(sequence).padStart(6, '0')}`;
}

/** POST /v1/delivery-claims: this terminal starts receiving the delivery note `reference`. */
export interface DeliveryClaim {
  /** The receiving's id (a UUID): asking again with it is the same claim. */
  receivingId: string;
  reference: string;
  terminalId: string;
  staffId: string;
}

/** Who took a reference first, as HQ names them when it refuses a claim. */
export interface DeliveryHolder {
  receivingId: string;
  terminalId: string;
  staffId: string;
  /** When HQ granted that claim, or recorded that receiving (ISO). */
  at: string;
}

/** HQ's answer to a claim: granted, or taken already by `holder`. */
export type DeliveryClaimAnswer = { granted: true } | { granted: false; holder: DeliveryHolder };

/** One line of an expected delivery, with what the store has already received of it. */
export interface ExpectedDeliveryLine {
  gtin: string;
  expected: number;
  received: number;
  damaged: number;
}

/** GET /v1/deliveries: a purchase order or incoming transfer this store has not finished receiving. */
export interface ExpectedDelivery {
  id: string;
  kind: 'purchase_order' | 'transfer';
  /** The PO number, or the sending store's transfer number. */
  number: string;
  /** The supplier, or the sending store's code. */
  from: string;
  /** YYYY-MM-DD, or null. */
  expectedOn: string | null;
  lines: ExpectedDeliveryLine[];
}

/** A damaged line of a `stock.received`: pieces delivered broken, not booked into stock. */
export interface DamagedLine {
  gtin: string;
  quantity: number;
}

// What goes up: a terminal's outbox events as they travel to HQ (POST /v1/events), and the payloads HQ
// reads. The terminal writes them (db/sales.ts, services/stock-files.ts), HQ checks and applies them
// (server/events); both name these types, and tests build events with the builders below.
import type { Tender } from '../payment/tenders';
import type { Unit } from '../types';
import { uuidv7 } from '../uuid7';

/** HQ takes at most this many events in one batch. */
export const MAX_BATCH_EVENTS = 1000;
/** HQ takes at most this many lines in one sale or stock event; a bigger stock file becomes several. */
export const MAX_EVENT_LINES = 10_000;

/** One outbox event as it travels: made on the terminal, ingested by HQ idempotently on its id. */
export interface WireEvent<Type extends string = string, Payload = unknown> {
  /** UUIDv7 made on the terminal. */
  id: string;
  /** `family.what_happened`, e.g. `sale.completed`. */
  type: Type;
  payload: Payload;
  /** The terminal's clock, ISO 8601. */
  occurredAt: string;
}

/** The body of POST /v1/events. */
export interface EventBatch {
  /** The terminal's clock when it sent the batch: how HQ measures its clock skew. */
  sentAt?: string;
  events: readonly WireEvent[];
}

/** A sold line as HQ's stock ledger needs it: which product and how many (grams for kg). */
export interface StockLine {
  gtin: string;
  /** Pieces, or grams for items sold by weight; signed only in an adjustment. */
  quantity: number;
}

/** A sold line as the terminal sends it: the stock line, and what traceability needs. */
export interface SoldLine extends StockLine {
  unit?: Unit;
  unitPrice?: number;
  /** GS1 AI 10 and AI 21, when the code carried them. */
  lot?: string;
  serial?: string;
  /** What the shopper paid for the line (its receipt line's `paid`, core/refund/paid.ts); absent before issue 12. */
  paid?: number;
}

/** What HQ reads of a `sale.completed` payload; it keeps everything else as sent. */
export interface SaleFacts {
  id: string;
  receiptNumber: string;
  terminalId: string;
  /** When present, must be the store the device is enrolled in. */
  storeId?: string;
  /** ISO 4217, e.g. CNY. */
  currency: string;
  /** Minor units. */
  total: number;
  taxTotal: number;
  soldAt: string;
  /** The receipt as printed; its lines carry their gtin when `lines` is absent. */
  receipt: { lines?: unknown[] };
  /** The stock lines; when absent, the receipt's lines must carry their GTIN. */
  lines?: StockLine[];
  /** A training sale (the terminal's payments were simulated): HQ keeps it out of every total and the stock. */
  training?: boolean;
}

/** The payment that paid a sale, as the sale event carries it. */
export interface SalePayment {
  id: string;
  reference: string;
  provider: string;
  providerRef: string | null;
  amount: number;
}

/** A `sale.completed` payload as the terminal writes it (db/sales.ts). */
export interface SalePayload extends SaleFacts {
  basketId: string;
  paymentId: string;
  /** The terminal's gap-free receipt sequence. */
  sequence: number;
  storeId: string;
  /** The receipt exactly as stored on the terminal (core/receipt's model). */
  receipt: { lines?: unknown[] } & object;
  lines: SoldLine[];
  payment: SalePayment;
  /** How the total was paid, in parts that add up to it (core/payment/tenders). */
  tenders: Tender[];
}

/**
 * A counter sale's `sale.completed` payload (db/tendered-sale.ts): paid by tenders, perhaps several and
 * perhaps no code payment at all, with the cash rounding as its own figure and the cashier who rang it.
 */
export interface CounterSalePayload extends SaleFacts {
  basketId: string;
  /** A counter sale has no one payment; its code payments are in `tenders`. */
  paymentId: null;
  sequence: number;
  storeId: string;
  receipt: { lines?: unknown[] } & object;
  lines: SoldLine[];
  /** How the total (plus the cash rounding) was paid, in the order taken. */
  tenders: Tender[];
  /** Signed minor units: the tenders pay total + cashRounding. */
  cashRounding: number;
  /** Cash given back. */
  change: number;
  staffId: string;
  shiftId: string | null;
}

/** A shelf count: what is on the shelf; HQ turns the difference from its ledger into an adjustment. */
export interface CountedLine {
  gtin: string;
  counted: number;
  /** A count session's line (issue 13): where it was counted; `counted` is then this device's running total there. */
  location?: string;
  /** When this line was counted (the terminal's clock, ISO): HQ takes the count at that moment. */
  countedAt?: string;
  /** The line's id, unique across terminals (UUIDv7). */
  lineId?: string;
  /** What this line added to the running total. */
  added?: number;
}

/** What a count session's `stock.counted` event adds (core/sync/counting.ts); absent in a counted file. */
export interface CountSessionFacts {
  sessionId: string;
  /** The counting device: the terminal, or `terminal:handheld` for a handheld through it. */
  deviceId: string;
  staffId: string;
}

/** The payload of each stock event type. */
export interface StockPayloads {
  /** A delivery: stock comes in. */
  'stock.received': {
    lines: StockLine[];
    reference?: string;
    /** Receiving on the stock screen (issue 13): who delivered, against which expected delivery, by whom. */
    supplier?: string;
    deliveryId?: string;
    receivingId?: string;
    /** Pieces delivered broken: counted apart, never booked into stock. */
    damaged?: { gtin: string; quantity: number }[];
    staffId?: string;
    terminalId?: string;
  };
  /** A signed correction with a reason (breakage, theft found, …). */
  'stock.adjusted': {
    lines: StockLine[];
    reason: string;
    /** From the stock screen (issue 13): the staff member's note, who, and on which device. */
    note?: string;
    staffId?: string;
    deviceId?: string;
  };
  'stock.counted': { lines: CountedLine[] } & Partial<CountSessionFacts>;
  /** Goods moved between stores: out of this one, or into it. */
  'stock.transferred': {
    direction: 'out' | 'in';
    otherStore: string;
    lines: StockLine[];
    /** A transfer out from the stock screen (issue 13): its number, which the other store receives under. */
    number?: string;
    staffId?: string;
    terminalId?: string;
  };
}

export type StockEventType = keyof StockPayloads;

export const STOCK_EVENT_TYPES: readonly StockEventType[] = [
  'stock.received',
  'stock.adjusted',
  'stock.counted',
  'stock.transferred',
];

/**
 * Event families the terminal writes that HQ keeps in its event log without a projection (yet).
 * `shift`: opened, cash_moved and closed (carrying the Z report), from db/shifts.ts.
 * `refund`: every refund event but `refund.completed` (which HQ applies): `refund.cash_instead`.
 * `recall`: `recall.blocked`, a sale a lane refused under a recall; read as the recall's attempts.
 */
export const RECORDED_FAMILIES = ['basket', 'payment', 'journal', 'shift', 'refund', 'recall'] as const;

/** How a movement changed a product's stock in HQ's ledger. */
export type MovementKind =
  | 'sale'
  | 'delivery'
  | 'adjustment'
  | 'transfer_out'
  | 'transfer_in'
  /** A refunded line put back on the shelf (issue 12): +quantity. */
  | 'return';

/** An event of any type with a fresh UUIDv7, as the terminal's outbox would send it. */
export function wireEvent<Type extends string, Payload>(
  type: Type,
  payload: Payload,
  occurredAt: Date = new Date(),
): WireEvent<Type, Payload> {
  return { id: uuidv7(), type, payload, occurredAt: occurredAt.toISOString() };
}

/** A `sale.completed` event. */
export function saleEvent<Payload extends SaleFacts>(
  payload: Payload,
  occurredAt: Date = new Date(),
): WireEvent<'sale.completed', Payload> {
  return wireEvent('sale.completed', payload, occurredAt);
}

/** A stock event (`stock.received`, `stock.counted`, …) with its payload. */
export function stockEvent<Type extends StockEventType>(
  type: Type,
  payload: StockPayloads[Type],
  occurredAt: Date = new Date(),
): WireEvent<Type, StockPayloads[Type]> {
  return wireEvent(type, payload, occurredAt);
}

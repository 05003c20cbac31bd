// Stock work on the shop floor (issue 13) as the TerminalApi shows it to the `stock` role's screens:
// the item a scan names (price, unit price, on hand), receiving a delivery, counting, adjusting,
// transferring out, and shelf labels. Types only: the renderer imports them with `import type`.
//
// Every handler here needs a signed-in staff member (services/staff), as the counter's do; the answer
// `not_signed_in` sends the screen to sign-in. Quantities are pieces, or grams for items sold by
// weight, as everywhere in the ledger; money is in minor units of the store's currency.
import type { Unit } from '../../core/types';

/** Why stock is adjusted by hand; the reason travels up with the movement. */
export const ADJUST_REASONS = ['damaged', 'expired', 'theft', 'sample', 'found'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];

/** A product's price as the shelf shows it, and the change coming (effective-dated, from HQ). */
export interface ShelfPriceView {
  price: number;
  /** Per kg (items sold by weight, or with a net content in g) or per l; null when it means nothing. */
  unitPrice: { amount: number; per: 'kg' | 'l' } | null;
  /** When the price in force took effect (ISO), or null when HQ never dated it. */
  effectiveFrom: string | null;
  /** The next price HQ has sent, not yet in force. */
  next: { price: number; effectiveFrom: string } | null;
}

/** On hand at this store, as this terminal knows it. */
export interface OnHandView {
  /** HQ's level when it last sent it, or null when HQ never has (a terminal not enrolled, or not synced). */
  hq: number | null;
  /** Movements made here that HQ has not acknowledged yet (sales, deliveries, counts, adjustments…), signed. */
  local: number;
  /** hq + local: what the screen shows. */
  total: number;
  /** When HQ's level was read (ISO), or null. */
  asOf: string | null;
}

/** `stock.item`: what a scan names — the scan loop's card and the price check. */
export interface StockItemView {
  gtin: string;
  /** The name in the screen's language when the catalog has it (names per language), else the default name. */
  name: string;
  names: Record<string, string>;
  unit: Unit;
  department: string | null;
  currency: string;
  shelf: ShelfPriceView;
  onHand: OnHandView;
}

// ---------- Receiving ----------

/** A delivery this store expects: a purchase order HQ sent down, or another store's transfer out. */
export interface ExpectedDeliveryView {
  id: string;
  kind: 'purchase_order' | 'transfer';
  /** The PO number, or the sending store's transfer number. */
  number: string;
  /** The supplier, or the sending store's code. */
  from: string;
  expectedOn: string | null;
  lines: { gtin: string; name: string; unit: Unit; expected: number; received: number }[];
}

/** A receiving under way or done on this terminal (or on a handheld through it). */
export interface ReceivingView {
  id: string;
  /** The delivery note's reference: received once per store. */
  reference: string;
  supplier: string;
  /** The expected delivery it is against, or null for a free delivery. */
  delivery: { id: string; kind: ExpectedDeliveryView['kind']; number: string } | null;
  state: 'open' | 'finished' | 'cancelled';
  lines: {
    gtin: string;
    name: string;
    unit: Unit;
    /** From the PO or transfer; 0 for an item the delivery did not list (an over-delivery). */
    expected: number;
    received: number;
    damaged: number;
  }[];
  /** Per line: received − expected (negative short, positive over), for the lines that differ. */
  differences: { gtin: string; short: number; over: number; damaged: number }[];
  staffId: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface ReceiveStartInput {
  /** Against an expected delivery (its id), or a free delivery with its supplier. */
  deliveryId?: string;
  supplier?: string;
  /** The delivery note's number, as printed on it. */
  reference: string;
}

// ---------- Counting ----------

/** What a count covers: a department, a location label (a shelf, the back room), or a list of items. */
export type CountScope =
  | { kind: 'department'; department: string }
  | { kind: 'location'; location: string }
  | { kind: 'list'; gtins: string[] };

export interface CountSessionView {
  id: string;
  scope: CountScope;
  state: 'open' | 'finished';
  startedAt: string;
  /** Per item and location: the running total counted here, by every device counting in this session. */
  lines: { gtin: string; name: string; unit: Unit; location: string; counted: number; devices: number }[];
  /** Items in scope not counted yet (department and list scopes). */
  uncounted: number;
}

export interface CountLineInput {
  sessionId: string;
  code: string;
  /** Added to the running total (a scan counts 1; a typed quantity counts that many). */
  quantity: number;
  /** Where this was counted: the location label scanned or chosen; the session's own for a location scope. */
  location: string;
  /**
   * The handheld counting through this terminal (a stable name the screen keeps, e.g. in localStorage);
   * absent on the terminal's own screen. Two devices counting one item in one location are reviewed at HQ.
   */
  device?: string;
}

// ---------- Adjusting and transferring ----------

export interface AdjustInput {
  code: string;
  /** Signed: −3 damaged, +2 found. */
  quantity: number;
  reason: AdjustReason;
  note?: string;
  /** The handheld it was done on, as in CountLineInput; absent on the terminal's own screen. */
  device?: string;
}

export interface TransferOutInput {
  /** The receiving store's code, as HQ knows it. */
  toStore: string;
  lines: { code: string; quantity: number }[];
}

export interface StockMovementView {
  id: string;
  kind: 'adjustment' | 'transfer_out';
  lines: { gtin: string; name: string; quantity: number }[];
  reason: AdjustReason | null;
  toStore: string | null;
  /** The transfer's number, which the receiving store sees as its expected delivery. */
  number: string | null;
  staffId: string;
  at: string;
}

// ---------- Labels ----------

/** A shelf label to print: for an item, at a price (tonight's change prints the price that takes effect). */
export interface LabelView {
  gtin: string;
  name: string;
  price: number;
  unitPrice: ShelfPriceView['unitPrice'];
  currency: string;
  /** The date the printed price takes effect. */
  effectiveFrom: string | null;
  /** The printed price is not in force yet, by the terminal's clock: it prints with `coming: true`. */
  coming: boolean;
}

export type LabelPrinterKind = 'receipt' | 'label';

export interface LabelQueueView {
  /** Price changes HQ has sent that take effect within the next day, not yet printed. */
  labels: LabelView[];
  /** The printers this terminal has: the receipt printer (ESC/POS), a label printer (ZPL over serial). */
  printers: LabelPrinterKind[];
}

/** What a counter's own scanner and screen are doing: selling, or stock work (a `stock` terminal: always). */
export type WorkMode = 'sell' | 'stock';

export interface StockHandlers {
  /** A scanned or typed code: the item, its shelf price and on hand. `unknown_item` when the catalog has none. */
  'stock.item': [{ code: string }, StockItemView];

  'stock.deliveries': [Record<string, never>, { deliveries: ExpectedDeliveryView[]; offline: boolean }];
  /** `delivery_already_received` when this store already took the reference (here, or at HQ when online). */
  'stock.receiveStart': [ReceiveStartInput, ReceivingView];
  /** A scan adds 1; `damaged` counts the pieces that came broken (received, but not into stock). */
  'stock.receiveLine': [
    { receivingId: string; code: string; quantity: number; damaged?: boolean },
    ReceivingView,
  ];
  /** Every expected line received as expected (a trusted supplier). */
  'stock.receiveAll': [{ receivingId: string }, ReceivingView];
  /** Books the delivery: the stock movements go up to HQ. */
  'stock.receiveFinish': [{ receivingId: string }, ReceivingView];
  'stock.receiveCancel': [{ receivingId: string }, ReceivingView];
  'stock.receiving': [{ receivingId: string }, ReceivingView];

  /**
   * Starts a count, or joins the open one with the same scope. The counting handlers refuse with:
   * `unknown_item` (no such item in the catalog), `invalid_code` (the code names no item),
   * `unknown_count` (no such session here), `count_finished` (the session was finished),
   * `not_in_count` (the item or location is outside the session's scope), `invalid_location` (a control
   * character in the label), `quantity_out_of_range`.
   */
  'stock.countStart': [{ scope: CountScope }, CountSessionView];
  'stock.countSessions': [Record<string, never>, { sessions: CountSessionView[] }];
  'stock.countLine': [CountLineInput, CountSessionView];
  'stock.countFinish': [{ sessionId: string }, CountSessionView];
  'stock.count': [{ sessionId: string }, CountSessionView];

  /** Refusals as for counting, and `invalid_note` (a NUL in the note). */
  'stock.adjust': [AdjustInput, StockMovementView];
  'stock.transferOut': [TransferOutInput, StockMovementView];

  'labels.queue': [Record<string, never>, LabelQueueView];
  /** Prints labels for these items (at the price in force, or the coming one with `coming`). */
  'labels.print': [{ gtins: string[]; printer: LabelPrinterKind; coming?: boolean }, { printed: number }];

  /**
   * The terminal's work mode; with `mode`, a counter switches to stock work or back (its serial scans
   * follow). A `stock` terminal is always in stock work; a kiosk does none.
   */
  'stock.workMode': [{ mode?: WorkMode }, { mode: WorkMode }];
}

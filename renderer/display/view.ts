// What the customer display shows, derived purely from the session state the other screens use. The
// basket and receipt may carry more than the contract names today (tenders, change, cash rounding,
// discounts are being added): such fields are read here defensively — a number where a number is
// expected, else nothing — so the display shows them once they exist and never breaks before.
import { localizedName } from '../../core/catalog/language-tag';
import type { Language, Unit } from '../../core/types';
import type { BasketLineView, BasketView, ReceiptView } from '../../services/api/contract';
import { screenOf, type KioskState } from '../common/state';

export interface DisplayLine {
  id: string;
  name: string;
  unit: Unit;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  /** Taken off this line (minor units, positive), when the basket says so. */
  discount: number;
}

export interface DisplayTender {
  /** `cash`, `merchant_qr`, `wallet_code`, or a receipt's payment method. */
  kind: string;
  amount: number;
}

export interface DisplaySale {
  currency: string;
  lines: DisplayLine[];
  /** The line added or changed last: it stands out, and the list keeps it in view. */
  lastChangedLineId: string | null;
  itemCount: number;
  /** Taken off the whole sale (lines and basket), positive; 0 when none. */
  discount: number;
  /** Cash rounding, signed (−2 rounds ¥12.32 down to ¥12.30); 0 when none. */
  rounding: number;
  total: number;
  tenders: DisplayTender[];
  /** Still to pay after the tenders (never below 0). */
  due: number;
  change: number;
}

export type DisplayScreen =
  | { kind: 'loading' }
  | { kind: 'idle'; storeName: string }
  | { kind: 'sale'; storeName: string; sale: DisplaySale }
  | { kind: 'paying'; storeName: string; sale: DisplaySale; qr: string | null; amount: number }
  | { kind: 'paid'; storeName: string; sale: DisplaySale };

export function displayScreen(state: KioskState): DisplayScreen {
  const settings = state.settings;
  if (!settings) return { kind: 'loading' };
  const storeName = settings.storeName;
  const screen = screenOf(state);
  if (screen === 'paid') {
    const sale = state.receipt
      ? fromReceipt(state.receipt, state.language)
      : state.basket && fromBasket(state.basket, state.language);
    return sale ? { kind: 'paid', storeName, sale } : { kind: 'idle', storeName };
  }
  if (!state.basket || state.basket.lines.length === 0) return { kind: 'idle', storeName };
  const sale = fromBasket(state.basket, state.language);
  if (screen === 'payment' && state.payment) {
    // Only a merchant-presented payment has a code for the shopper's phone to scan.
    const qr = state.payment.method === 'merchant_presented' ? state.payment.qrPayload : null;
    return { kind: 'paying', storeName, sale, qr, amount: state.payment.amount };
  }
  return { kind: 'sale', storeName, sale };
}

export function fromBasket(basket: BasketView, language: Language): DisplaySale {
  const extra = basket as unknown as Record<string, unknown>;
  const lines = basket.lines.map((line) => displayLine(line, language));
  const tenders = tendersOf(extra.tenders);
  const rounding = numberOr(extra.cashRounding ?? extra.rounding, 0);
  const total = basket.totals.total;
  const paid = tenders.reduce((sum, t) => sum + t.amount, 0);
  return {
    currency: basket.currency,
    lines,
    lastChangedLineId: basket.lastChangedLineId,
    itemCount: basket.totals.itemCount,
    discount: discountOf(extra, lines),
    rounding,
    total,
    tenders,
    due: numberOr(extra.due ?? extra.amountDue, Math.max(0, total + rounding - paid)),
    change: numberOr(extra.change, changeOf(extra.tenders)),
  };
}

export function fromReceipt(receipt: ReceiptView, language: Language): DisplaySale {
  const extra = receipt as unknown as Record<string, unknown>;
  const lines = receipt.lines.map((line, i) =>
    displayLine({ ...line, id: String(i), names: line.names ?? null }, language),
  );
  const tenders = tendersOf(extra.tenders ?? receipt.payments);
  return {
    currency: receipt.currency,
    lines,
    lastChangedLineId: null,
    itemCount: receipt.totals.itemCount,
    discount: discountOf(extra, lines),
    rounding: numberOr(extra.cashRounding ?? extra.rounding, 0),
    total: receipt.totals.total,
    tenders,
    due: 0,
    change: numberOr(extra.change, changeOf(extra.tenders ?? receipt.payments)),
  };
}

type LineLike = Pick<BasketLineView, 'id' | 'name' | 'unit' | 'quantity' | 'unitPrice' | 'lineTotal'> & {
  names?: BasketLineView['names'];
};

function displayLine(line: LineLike, language: Language): DisplayLine {
  const extra = line as unknown as Record<string, unknown>;
  return {
    id: line.id,
    name: localizedName(line.name, line.names, language),
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineTotal: line.lineTotal,
    discount: Math.abs(numberOr(extra.discount ?? extra.discountAmount, 0)),
  };
}

/** A basket's or receipt's own discount total if it has one, else the sum of its lines' discounts. */
function discountOf(extra: Record<string, unknown>, lines: DisplayLine[]): number {
  const totals = extra.totals as Record<string, unknown> | undefined;
  // `savings`: the counter's overrides, line and sale discounts in all (core/pricing/adjustments.ts).
  const own = numberOr(
    totals?.discount ?? totals?.discountTotal ?? totals?.savings ?? extra.discountTotal,
    NaN,
  );
  if (!Number.isNaN(own)) return Math.abs(own);
  const basketDiscount = extra.discount as Record<string, unknown> | number | undefined;
  const whole = typeof basketDiscount === 'number' ? basketDiscount : numberOr(basketDiscount?.amount, 0);
  return Math.abs(whole) + lines.reduce((sum, l) => sum + l.discount, 0);
}

function tendersOf(value: unknown): DisplayTender[] {
  if (!Array.isArray(value)) return [];
  const tenders: DisplayTender[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const t = item as Record<string, unknown>;
    const kind = typeof t.kind === 'string' ? t.kind : typeof t.method === 'string' ? t.method : null;
    const amount = numberOr(t.amount, NaN);
    // A tender taken back (reversed, failed) no longer pays anything: not shown as taken.
    const status = typeof t.status === 'string' ? t.status : null;
    if (kind === null || Number.isNaN(amount) || (status !== null && !TAKEN.has(status))) continue;
    tenders.push({ kind, amount });
  }
  return tenders;
}

const TAKEN = new Set(['paid', 'taken', 'approved', 'completed', 'succeeded']);

/** The change of cash tenders that carry what was handed over (`tendered`). */
function changeOf(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  let change = 0;
  for (const item of value as unknown[]) {
    const t = (item ?? {}) as Record<string, unknown>;
    const amount = numberOr(t.amount, NaN);
    const tendered = numberOr(t.tendered, NaN);
    if (!Number.isNaN(amount) && !Number.isNaN(tendered) && tendered > amount) change += tendered - amount;
  }
  return change;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
}

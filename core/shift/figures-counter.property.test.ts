// The second differential test of the shift figures (issue 11): 10,000 random counter shifts whose sales
// are real baskets — pieces and weighed kg lines priced per kg, taxed inclusive or exclusive at several
// rates — paid by split tenders (merchant QR, wallet code, then cash with change), the cash part rounded
// to the store's increment; with pay-ins, pay-outs, no-sales, refunds, voided baskets and training sales.
// The system under test prices each basket with core/pricing, settles the cash with core/cash and sums
// the shift with core/shift. The oracle below shares none of that code: it prices with BigInt, rounds
// with its own half-up rule, and keeps the shift as a ledger of postings summed per account at the end.
// 0 minor units apart on every figure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundCash, settleCash } from '../cash';
import type { Tender } from '../payment/tenders';
import { computeTotals } from '../pricing/totals';
import type { PricedLineInput, TaxMode } from '../types';
import type { ShiftEvent } from './events';
import { shiftFigures, type ShiftFigures } from './figures';

interface Line {
  unit: 'each' | 'kg';
  /** Per piece, or per kg. */
  price: number;
  /** Pieces, or grams. */
  quantity: number;
  rateBp: number;
}

interface Basket {
  lines: Line[];
  mode: TaxMode;
}

/** A sale as the cashier rang it: the basket, the code tenders' shares, the cash handed over. */
interface SalePlan {
  kind: 'sale';
  basket: Basket;
  /** Code tenders, each a share (per mille) of what is left when it is taken. */
  codes: { kind: 'merchant_qr' | 'wallet_code'; perMille: number }[];
  /** The cash part: extra handed over beyond the rounded due (the change); none pays all by code. */
  cash: { extra: number } | null;
  increment: number;
  training: boolean;
}

type Plan =
  | SalePlan
  | { kind: 'void'; basket: Basket; training: boolean }
  | { kind: 'refund'; amount: number; training: boolean }
  | { kind: 'pay_in' | 'pay_out'; amount: number; reason: string }
  | { kind: 'no_sale'; reason: string };

const rate = fc.constantFrom(0, 600, 900, 1300, 1900, 2000);
const line: fc.Arbitrary<Line> = fc.oneof(
  fc.record({
    unit: fc.constant('each' as const),
    price: fc.integer({ min: 1, max: 50_000 }),
    quantity: fc.integer({ min: 1, max: 12 }),
    rateBp: rate,
  }),
  fc.record({
    unit: fc.constant('kg' as const),
    price: fc.integer({ min: 1, max: 30_000 }),
    quantity: fc.integer({ min: 1, max: 5_000 }),
    rateBp: rate,
  }),
);
// A basket that comes to 0.00 (1 g of an item at 0.01 per kg) is nothing a counter sells: no tender
// can pay it, and core/shift refuses such a sale. Every basket here comes to at least 0.01.
const basket: fc.Arbitrary<Basket> = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 8 }),
    mode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
  })
  .filter((b) => computeTotals(priced(b), b.mode).total > 0);
const reason = fc.constantFrom('change from the bank', 'window cleaner', 'change for a note');
const plan: fc.Arbitrary<Plan> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      basket,
      codes: fc.array(
        fc.record({
          kind: fc.constantFrom('merchant_qr' as const, 'wallet_code' as const),
          perMille: fc.integer({ min: 1, max: 1000 }),
        }),
        { maxLength: 2 },
      ),
      cash: fc.option(fc.record({ extra: fc.integer({ min: 0, max: 20_000 }) }), { nil: null }),
      increment: fc.constantFrom(1, 5, 10, 50),
      training: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), basket, training: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      amount: fc.integer({ min: 1, max: 50_000 }),
      training: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('pay_in' as const, 'pay_out' as const),
      amount: fc.integer({ min: 1, max: 100_000 }),
      reason,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('no_sale' as const), reason }) },
);

// ---------------------------------------------------------------------------------------------------
// The system under test: core/pricing → core/cash → core/shift, as the counter runs them.

const priced = (b: Basket): PricedLineInput[] =>
  b.lines.map((l) => ({ unit: l.unit, unitPrice: l.price, quantity: l.quantity, taxRateBp: l.rateBp }));

/** The sale's event, or null for a plan the counter could not complete (see `payable`). */
function saleEvent(p: SalePlan): ShiftEvent | null {
  const total = computeTotals(priced(p.basket), p.basket.mode).total;
  const tenders: Tender[] = [];
  let left = total;
  for (const code of codeAmounts(total, p)) {
    tenders.push({ kind: code.kind, amount: code.amount, paymentId: `p${tenders.length}` });
    left -= code.amount;
  }
  let rounding = 0;
  if (left > 0) {
    if (!p.cash) return null;
    // The cashier is handed the rounded due and `extra` more, which comes back as change.
    const due = roundCash(left, p.increment);
    if (!due.ok) throw new Error(due.error.message);
    const settled = settleCash(left, due.value.rounded + p.cash.extra, p.increment, true);
    if (!settled.ok) throw new Error(settled.error.message);
    if (!settled.value.tender) return null;
    tenders.push(settled.value.tender);
    rounding = settled.value.adjustment;
  }
  return { kind: 'sale', total, tenders, rounding, training: p.training };
}

/** The code tenders' amounts: each its share of what is left; none when there is cash and nothing left for it. */
function codeAmounts(total: number, p: SalePlan): { kind: 'merchant_qr' | 'wallet_code'; amount: number }[] {
  const out: { kind: 'merchant_qr' | 'wallet_code'; amount: number }[] = [];
  let left = total;
  p.codes.forEach((code, i) => {
    // The last tender without cash after it pays the rest; with cash after it, it leaves some.
    const lastWithoutCash = i === p.codes.length - 1 && !p.cash;
    const share = lastWithoutCash ? left : Math.floor((left * code.perMille) / 1000);
    const amount = p.cash ? Math.min(share, left - p.increment) : share;
    if (amount >= 1) {
      out.push({ kind: code.kind, amount });
      left -= amount;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The oracle: BigInt arithmetic and a ledger, written from the rules, not from the code above.

/** a ÷ b rounded half up, for a ≥ 0, b > 0. */
const halfUp = (a: bigint, b: bigint): bigint => (2n * a + b) / (2n * b);

function oracleTotal(b: Basket): bigint {
  const byRate = new Map<number, bigint>();
  for (const l of b.lines) {
    const amount =
      l.unit === 'kg'
        ? halfUp(BigInt(l.price) * BigInt(l.quantity), 1000n)
        : BigInt(l.price) * BigInt(l.quantity);
    byRate.set(l.rateBp, (byRate.get(l.rateBp) ?? 0n) + amount);
  }
  let total = 0n;
  // Inclusive: the shelf prices already hold the tax. Exclusive: tax on each rate's sum, once.
  for (const [bp, sum] of byRate)
    total += b.mode === 'inclusive' ? sum : sum + halfUp(sum * BigInt(bp), 10_000n);
  return total;
}

/** `amount` to the nearest multiple of `inc`, halves away from zero (amount ≥ 0 here). */
const toIncrement = (amount: bigint, inc: bigint): bigint => halfUp(amount, inc) * inc;

function oracleSale(p: SalePlan, post: (account: string, delta: bigint | number) => void): void {
  const total = oracleTotal(p.basket);
  post('sale', total);
  post('sale#', 1);
  let left = total;
  for (const code of codeAmounts(Number(total), p)) {
    post(code.kind, code.amount);
    left -= BigInt(code.amount);
  }
  if (left === 0n) return;
  // The cash: the rest rounded to the store's increment; the notes handed over go in, the change out.
  const due = toIncrement(left, BigInt(p.increment));
  const handed = due + BigInt(p.cash!.extra);
  post('rounding', due - left);
  post('cash', due);
  post('change', handed - due);
  post('drawer', handed);
  post('drawer', -(handed - due));
}

function oracle(float: number, plans: Plan[], counted: number | undefined): ShiftFigures {
  const ledger: [string, bigint][] = [
    ['drawer', BigInt(float)],
    ['float', BigInt(float)],
  ];
  const post = (account: string, delta: bigint | number) => ledger.push([account, BigInt(delta)]);
  for (const p of plans) {
    if ('training' in p && p.training) continue;
    switch (p.kind) {
      case 'pay_in':
      case 'pay_out':
        post(p.kind, p.amount);
        post(`${p.kind}#`, 1);
        post('drawer', p.kind === 'pay_in' ? p.amount : -p.amount);
        break;
      case 'no_sale':
        post('no_sale', 1);
        break;
      case 'refund':
        post('refund', p.amount);
        post('refund#', 1);
        post('drawer', -p.amount);
        break;
      case 'void':
        post('void', oracleTotal(p.basket));
        post('void#', 1);
        break;
      case 'sale':
        oracleSale(p, post);
    }
  }
  const sum = (account: string) => Number(ledger.reduce((s, [a, d]) => (a === account ? s + d : s), 0n));
  const pair = (name: string) => ({ count: sum(`${name}#`), total: sum(name) });
  const expectedCash = sum('drawer');
  return {
    openingFloat: sum('float'),
    sales: pair('sale'),
    tenders: { cash: sum('cash'), merchant_qr: sum('merchant_qr'), wallet_code: sum('wallet_code') },
    rounding: sum('rounding'),
    change: sum('change'),
    refunds: pair('refund'),
    payIns: pair('pay_in'),
    payOuts: pair('pay_out'),
    noSales: sum('no_sale'),
    voids: pair('void'),
    expectedCash,
    count: counted === undefined ? null : { counted, difference: counted - expectedCash },
  };
}

/** Whether the counter completes the sale: something pays it, and a cash rest does not round to nothing. */
function payable(p: Plan): boolean {
  if (p.kind !== 'sale') return true;
  if (!p.cash) return p.codes.length > 0;
  return oracleTotal(p.basket) >= BigInt(p.increment);
}

const shift = fc.record({
  float: fc.nat(1_000_000),
  plans: fc.array(plan, { maxLength: 30 }).map((plans) => plans.filter(payable)),
  counted: fc.option(fc.nat(10_000_000), { nil: undefined }),
});

describe('shiftFigures of counter shifts: weights, tax, split tenders, rounding, against BigInt and a ledger', () => {
  it('10,000 random shifts: 0 minor units apart, on every figure', () => {
    let sales = 0;
    fc.assert(
      fc.property(shift, ({ float, plans, counted }) => {
        const events: ShiftEvent[] = [{ kind: 'float', amount: float }];
        for (const p of plans) {
          if (p.kind === 'sale') {
            const event = saleEvent(p);
            if (!event) throw new Error(`the counter could not complete ${JSON.stringify(p)}`);
            events.push(event);
            sales++;
          } else if (p.kind === 'void')
            events.push({
              kind: 'void',
              total: computeTotals(priced(p.basket), p.basket.mode).total,
              training: p.training,
            });
          else events.push(p);
        }
        expect(shiftFigures(events, counted)).toEqual({ ok: true, value: oracle(float, plans, counted) });
      }),
      { numRuns: 10_000 },
    );
    // The shifts were not empty: well over 10,000 sales went through both sides.
    expect(sales).toBeGreaterThan(10_000);
  });
});

// A differential test: 10,000 random shifts, shiftFigures against an oracle written here in another
// shape — a running ledger of postings to named accounts, summed at the end — that derives the cash
// from the drawer's side: each sale's cash is the notes handed over, less the change counted back,
// where the cash due is what the other tenders left of the total, plus the rounding. 0 minor units apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tender } from '../payment/tenders';
import type { ShiftEvent } from './events';
import { shiftFigures, type ShiftFigures } from './figures';

const amount = fc.integer({ min: 1, max: 500_000 });
const reason = fc.constantFrom('change from the bank', 'window cleaner', 'change for a note');

const codeTender = fc.record({
  kind: fc.constantFrom('merchant_qr' as const, 'wallet_code' as const),
  amount,
});

/** A valid sale: code tenders, maybe a cash tender with change, and a rounding only if cash is taken. */
const saleEvent: fc.Arbitrary<ShiftEvent> = fc
  .record({
    codes: fc.array(codeTender, { maxLength: 3 }),
    cash: fc.option(fc.record({ amount, change: fc.integer({ min: 0, max: 10_000 }) }), { nil: undefined }),
    rounding: fc.integer({ min: -4, max: 5 }),
    training: fc.boolean(),
  })
  .filter(({ codes, cash }) => codes.length > 0 || cash !== undefined)
  .map(({ codes, cash, rounding, training }) => {
    const tenders: Tender[] = codes.map((t, i) => ({ ...t, paymentId: `p${i}` }));
    if (cash) tenders.push({ kind: 'cash', amount: cash.amount, tendered: cash.amount + cash.change });
    const r = cash ? rounding : 0;
    const total = tenders.reduce((sum, t) => sum + t.amount, 0) - r;
    return { kind: 'sale' as const, total, tenders, rounding: r, training };
  })
  .filter((sale) => sale.total >= 1);

const otherEvent: fc.Arbitrary<ShiftEvent> = fc.oneof(
  fc.record({ kind: fc.constant('refund' as const), amount, training: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('pay_in' as const, 'pay_out' as const), amount, reason }),
  fc.record({ kind: fc.constant('no_sale' as const), reason }),
  fc.record({ kind: fc.constant('void' as const), total: fc.nat(500_000), training: fc.boolean() }),
);

const shift = fc.record({
  float: fc.nat(1_000_000),
  events: fc.array(fc.oneof({ arbitrary: saleEvent, weight: 3 }, { arbitrary: otherEvent, weight: 2 }), {
    maxLength: 40,
  }),
  counted: fc.option(fc.nat(5_000_000), { nil: undefined }),
});

/** The oracle: postings of (account, delta) written as the shift runs, then summed per account. */
function oracle(events: ShiftEvent[], counted: number | undefined): ShiftFigures {
  const postings: [string, number][] = [];
  const post = (...entries: [string, number][]) => postings.push(...entries);
  for (const e of events) {
    if ('training' in e && e.training === true) continue;
    if (e.kind === 'float') post(['drawer', e.amount], ['float', e.amount]);
    if (e.kind === 'refund') post(['drawer', -e.amount], ['refunds#', 1], ['refunds', e.amount]);
    if (e.kind === 'pay_in') post(['drawer', e.amount], ['payIns#', 1], ['payIns', e.amount]);
    if (e.kind === 'pay_out') post(['drawer', -e.amount], ['payOuts#', 1], ['payOuts', e.amount]);
    if (e.kind === 'no_sale') post(['noSales', 1]);
    if (e.kind === 'void') post(['voids#', 1], ['voids', e.total]);
    if (e.kind !== 'sale') continue;
    post(['sales#', 1], ['sales', e.total], ['rounding', e.rounding]);
    let byCode = 0;
    for (const t of e.tenders.filter((t) => t.kind !== 'cash')) {
      post([t.kind, t.amount]);
      byCode += t.amount;
    }
    const cash = e.tenders.find((t) => t.kind === 'cash');
    if (!cash) continue;
    // The drawer's side: the notes handed over go in, the change counted back comes out.
    const due = e.total - byCode + e.rounding;
    const handed = cash.tendered ?? cash.amount;
    post(['drawer', handed], ['drawer', -(handed - due)], ['change', handed - due], ['cash', due]);
  }
  const sum = (account: string) => postings.reduce((s, [a, d]) => (a === account ? s + d : s), 0);
  const pair = (name: string) => ({ count: sum(`${name}#`), total: sum(name) });
  const expectedCash = sum('drawer');
  return {
    openingFloat: sum('float'),
    sales: pair('sales'),
    tenders: { cash: sum('cash'), merchant_qr: sum('merchant_qr'), wallet_code: sum('wallet_code') },
    rounding: sum('rounding'),
    change: sum('change'),
    refunds: pair('refunds'),
    payIns: pair('payIns'),
    payOuts: pair('payOuts'),
    noSales: sum('noSales'),
    voids: pair('voids'),
    expectedCash,
    count: counted === undefined ? null : { counted, difference: counted - expectedCash },
  };
}

describe('shiftFigures against an independent ledger', () => {
  it('10,000 random shifts: 0 minor units apart, on every figure', () => {
    fc.assert(
      fc.property(shift, ({ float, events, counted }) => {
        const all: ShiftEvent[] = [{ kind: 'float', amount: float }, ...events];
        expect(shiftFigures(all, counted)).toEqual({ ok: true, value: oracle(all, counted) });
      }),
      { numRuns: 10_000 },
    );
  });
});

// The X/Z report figures of a shift, by decision table: which events count where, and the expected
// cash in the drawer = float + cash kept by sales − cash refunds + pay-ins − pay-outs.
import { describe, expect, it } from 'vitest';
import type { Tender } from '../payment/tenders';
import type { ShiftEvent } from './events';
import { shiftFigures } from './figures';

const float = (amount: number): ShiftEvent => ({ kind: 'float', amount });
const cash = (amount: number, tendered = amount): Tender => ({ kind: 'cash', amount, tendered });
const qr = (amount: number): Tender => ({ kind: 'merchant_qr', amount, paymentId: 'q' });
const wallet = (amount: number): Tender => ({ kind: 'wallet_code', amount, paymentId: 'w' });
const sale = (total: number, tenders: Tender[], rounding = 0, training = false): ShiftEvent => ({
  kind: 'sale',
  total,
  tenders,
  rounding,
  training,
});

function figures(events: ShiftEvent[], counted?: number) {
  const result = shiftFigures(events, counted);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('shiftFigures: the expected cash', () => {
  it.each([
    // scenario, events, expected cash
    ['a zero-sale shift: the float alone', [float(20_000)], 20_000],
    ['a zero-sale shift with a zero float', [float(0)], 0],
    ['only refunds: the float less them', [float(20_000), { kind: 'refund', amount: 1250 }], 18_750],
    ['refunds past the float: a negative expectation', [float(500), { kind: 'refund', amount: 1250 }], -750],
    [
      'a cash sale with change: the cash kept, not the note handed over',
      [float(10_000), sale(8750, [cash(8750, 10_000)])],
      18_750,
    ],
    ['a QR sale: no cash moves', [float(10_000), sale(2140, [qr(2140)])], 10_000],
    [
      'split cash + QR: only the cash part',
      [float(10_000), sale(5000, [qr(3000), cash(2000, 5000)])],
      12_000,
    ],
    [
      'split wallet + cash rounded down 12.34 → 12.30 in cash',
      [float(0), sale(2234, [wallet(1000), cash(1230, 2000)], -4)],
      1230,
    ],
    ['cash rounded up 12.38 → 12.40', [float(0), sale(1238, [cash(1240, 1240)], 2)], 1240],
    [
      'pay-in and pay-out',
      [
        float(0),
        { kind: 'pay_in', amount: 5000, reason: 'change from the bank' },
        { kind: 'pay_out', amount: 1200, reason: 'window cleaner' },
      ],
      3800,
    ],
    [
      'no-sale openings and voids move nothing',
      [float(100), { kind: 'no_sale', reason: 'change for a note' }, { kind: 'void', total: 4500 }],
      100,
    ],
    [
      'a training sale and training refund count nowhere',
      [float(100), sale(900, [cash(900)], 0, true), { kind: 'refund', amount: 50, training: true }],
      100,
    ],
  ] as [string, ShiftEvent[], number][])('%s', (_name, events, expected) => {
    expect(figures(events).expectedCash).toBe(expected);
  });
});

describe('shiftFigures: the report lines', () => {
  const events: ShiftEvent[] = [
    float(20_000),
    sale(8750, [cash(8750, 10_000)]),
    sale(5000, [qr(3000), cash(2000, 5000)]),
    sale(2234, [wallet(1000), cash(1230, 2000)], -4),
    sale(1238, [cash(1240, 1240)], 2),
    sale(999, [cash(999)], 0, true),
    { kind: 'refund', amount: 1250 },
    { kind: 'pay_in', amount: 5000, reason: 'change from the bank' },
    { kind: 'pay_out', amount: 1200, reason: 'window cleaner' },
    { kind: 'no_sale', reason: 'change for a note' },
    { kind: 'void', total: 4500 },
    { kind: 'void', total: 300, training: true },
  ];

  it('totals by tender, sales, rounding, change, refunds, pay-ins/outs, no-sales, voids', () => {
    expect(figures(events)).toEqual({
      openingFloat: 20_000,
      sales: { count: 4, total: 8750 + 5000 + 2234 + 1238 },
      tenders: { cash: 8750 + 2000 + 1230 + 1240, merchant_qr: 3000, wallet_code: 1000 },
      rounding: -2,
      change: 1250 + 3000 + 770,
      refunds: { count: 1, total: 1250 },
      payIns: { count: 1, total: 5000 },
      payOuts: { count: 1, total: 1200 },
      noSales: 1,
      voids: { count: 1, total: 4500 },
      expectedCash: 20_000 + 13_220 - 1250 + 5000 - 1200,
      count: null,
    });
  });

  it.each([
    // counted, difference
    [35_770, 0],
    [35_670, -100],
    [35_775, 5],
    [0, -35_770],
  ])('a blind count of %i: counted − expected = %i', (counted, difference) => {
    expect(figures(events, counted).count).toEqual({ counted, difference });
  });
});

describe('shiftFigures: malformed events are refused, each problem named', () => {
  it.each([
    ['no float', [], 'a shift has exactly one opening float, got 0'],
    ['two floats', [float(1), float(2)], 'a shift has exactly one opening float, got 2'],
    ['a fractional amount', [float(10.5)], 'event 1 (float): amount must be whole minor units ≥ 0, got 10.5'],
    [
      'a zero refund',
      [float(0), { kind: 'refund', amount: 0 }],
      'event 2 (refund): amount must be whole minor units ≥ 1, got 0',
    ],
    [
      'a pay-out with no reason',
      [float(0), { kind: 'pay_out', amount: 5, reason: ' ' }],
      'event 2 (pay_out): a reason is required',
    ],
    [
      'a no-sale with no reason',
      [float(0), { kind: 'no_sale', reason: '' }],
      'event 2 (no_sale): a reason is required',
    ],
    ['a sale without tenders', [float(0), sale(100, [])], 'event 2 (sale): a sale needs at least one tender'],
    [
      'rounding with no cash',
      [float(0), sale(100, [qr(98)], -2)],
      'event 2 (sale): only cash is rounded, and this sale has no cash tender',
    ],
    [
      'tenders not adding up',
      [float(0), sale(1234, [cash(1230)], 0)],
      'event 2 (sale): the tenders pay 1230 but total + rounding is 1234',
    ],
  ] as [string, ShiftEvent[], string][])('%s', (_name, events, message) => {
    expect(shiftFigures(events)).toEqual({
      ok: false,
      error: { code: 'invalid_shift', message, details: { problems: [message] } },
    });
  });

  it('a negative or fractional count', () => {
    expect(shiftFigures([float(0)], -1)).toMatchObject({
      ok: false,
      error: { message: 'the counted cash must be whole minor units ≥ 0, got -1' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { PAYMENT_EXPIRES_AT, PENCIL, basketWithPencils, refusalCode } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { reverseCashTender, takeCashTender, takeCodeTender } from './basket-tenders';
import {
  addItem,
  basketLines,
  currentBasket,
  getBasket,
  openBasket,
  setStatus,
  type ScannedItem,
} from './baskets';
import { adjustedBasket } from './basket-adjustments';
import { journalEntries, verifyJournal } from './journal';
import { attachMember } from './members';
import { pendingEvents } from './outbox';
import { resumeSuspended, suspendBasket, suspendedSales, voidSuspended } from './suspended-sales';

const temp = useTempDatabase();
const APPLES: ScannedItem = {
  ...PENCIL,
  gtin: '02000000000008',
  barcode: '2000000000008',
  name: 'Apples',
  unit: 'kg',
  unitPrice: 299,
  names: { 'zh-CN': '苹果' },
  lot: 'L42',
};
const T = new Date('2026-12-07T09:30:00.000Z');
const lineShape = (lines: ReturnType<typeof basketLines>) =>
  lines.map(({ gtin, name, unit, unitPrice, quantity, taxRateBp, lot, names, position }) => ({
    gtin,
    name,
    unit,
    unitPrice,
    quantity,
    taxRateBp,
    lot,
    names,
    position,
  }));

/**
 * Three pencils at 1.29 overridden to 0.99, 500 g of apples at 2.99/kg (1.50) less 10 %, and 0.50 off
 * the sale: 3.82 to pay, the lines' shares of it 2.63 and 1.19 (written as the counter writes them).
 */
function adjustedSale() {
  const basket = basketWithPencils(temp.db, 3).basket;
  addItem(temp.db, basket.id, APPLES, 500);
  const [pencils, apples] = basketLines(temp.db, basket.id);
  const adjust = (id: string, lineId: string | null, kind: string, values: Record<string, unknown>) =>
    temp.db
      .prepare(
        `INSERT INTO basket_adjustments (id, basket_id, line_id, kind, unit_price, discount_kind,
             discount_value, reason, staff_id, approver_id, created_at)
           VALUES (@id, @basket, @lineId, @kind, @unit_price, @discount_kind, @discount_value, 'dented', 'C01',
             @approver, @at)`,
      )
      .run({
        id,
        basket: basket.id,
        lineId,
        kind,
        unit_price: null,
        discount_kind: null,
        discount_value: null,
        approver: null,
        at: T.toISOString(),
        ...values,
      });
  adjust('a1', pencils!.id, 'price_override', { unit_price: 99 });
  adjust('a2', apples!.id, 'line_discount', { discount_kind: 'percent', discount_value: 1000 });
  adjust('a3', null, 'sale_discount', { discount_kind: 'amount', discount_value: 50, approver: 'S01' });
  return basket;
}

describe('suspended sales', () => {
  it("lists a sale at its price with the counter's override and discounts, and resumes it with them", () => {
    const basket = adjustedSale();
    const before = adjustedBasket(temp.db, basket.id);
    const sale = suspendBasket(
      temp.db,
      basket.id,
      { label: 'dented tins', staffId: 'C01', taxMode: 'inclusive' },
      T,
    );
    // Listed and announced at what the basket showed: 3 × 0.99 + (1.50 less 10 %) − 0.50 = 3.82 (not
    // the catalog's 5.37); in a tax-exclusive store with its 19 % on top (0.73): 4.55.
    expect(sale.total).toBe(382);
    expect(suspendedSales(temp.db, 'inclusive').map((waiting) => waiting.total)).toEqual([382]);
    expect(suspendedSales(temp.db, 'exclusive').map((waiting) => waiting.total)).toEqual([455]);
    const announced = pendingEvents(temp.db, 100).find((event) => event.type === 'sale.suspended');
    expect(announced?.payload).toMatchObject({ total: 382 });
    const resumed = resumeSuspended(temp.db, sale.id, { staffId: 'C02', currency: 'EUR' }, T);
    const after = adjustedBasket(temp.db, resumed.id);
    const shape = (b: typeof before) => ({
      lines: b.lines.map((l) => ({ gtin: l.gtin, priceOverride: l.priceOverride, discount: l.discount })),
      sale: { discount: b.sale?.discount, approverId: b.sale?.approverId },
    });
    expect(shape(after)).toEqual(shape(before));
    expect(after.lines.map((l) => l.priceOverride)).toEqual([99, null]);
  });

  it('puts the sale aside, leaves the counter empty and lists it with who, when and its total', () => {
    const basket = basketWithPencils(temp.db, 3).basket;
    addItem(temp.db, basket.id, APPLES, 500);
    const sale = suspendBasket(
      temp.db,
      basket.id,
      { label: 'blue jacket', staffId: 'C01', taxMode: 'inclusive' },
      T,
    );
    expect(currentBasket(temp.db)).toBeNull();
    expect(suspendedSales(temp.db, 'inclusive')).toEqual([
      {
        id: sale.id,
        basketId: basket.id,
        label: 'blue jacket',
        staffId: 'C01',
        suspendedAt: T.toISOString(),
        currency: 'EUR',
        lines: 2,
        items: 4,
        total: 3 * 129 + 150,
      },
    ]);
    // Nothing was voided: suspending is not a void.
    expect(journalEntries(temp.db).filter((e) => e.kind === 'void')).toEqual([]);
    expect(pendingEvents(temp.db, 100).map((e) => e.type)).toContain('sale.suspended');
  });

  it('resumes the lines exactly, member included, into a new sale, and the list empties', () => {
    const basket = basketWithPencils(temp.db, 2).basket;
    addItem(temp.db, basket.id, APPLES, 734);
    attachMember(temp.db, basket.id, { program: 'club', memberId: 'M7' });
    const before = lineShape(basketLines(temp.db, basket.id));
    const sale = suspendBasket(temp.db, basket.id, { staffId: 'C01', taxMode: 'inclusive' }, T);
    const resumed = resumeSuspended(temp.db, sale.id, { staffId: 'C02', currency: 'EUR' });
    expect(resumed.id).not.toBe(basket.id);
    expect(resumed.status).toBe('open');
    expect(resumed.member).toEqual({ program: 'club', memberId: 'M7' });
    expect(lineShape(basketLines(temp.db, resumed.id))).toEqual(before);
    expect(suspendedSales(temp.db, 'inclusive')).toEqual([]);
    expect(refusalCode(() => resumeSuspended(temp.db, sale.id, { staffId: 'C02', currency: 'EUR' }))).toBe(
      'suspended_not_waiting',
    );
  });

  it('labels an unnamed sale with the time it was put aside', () => {
    const basket = basketWithPencils(temp.db, 1).basket;
    const local = new Date(2026, 11, 7, 14, 5);
    expect(suspendBasket(temp.db, basket.id, { staffId: null, taxMode: 'inclusive' }, local).label).toBe(
      '14:05',
    );
  });

  it('refuses an empty sale, a sale being paid, a long label, and a resume over a sale in progress', () => {
    const empty = openBasket(temp.db, 'EUR');
    expect(refusalCode(() => suspendBasket(temp.db, empty.id, { staffId: null, taxMode: 'inclusive' }))).toBe(
      'empty_basket',
    );
    addItem(temp.db, empty.id, PENCIL, 1);
    expect(
      refusalCode(() =>
        suspendBasket(temp.db, empty.id, { staffId: null, label: 'x'.repeat(41), taxMode: 'inclusive' }),
      ),
    ).toBe('invalid_label');
    setStatus(temp.db, empty.id, 'paying');
    expect(refusalCode(() => suspendBasket(temp.db, empty.id, { staffId: null, taxMode: 'inclusive' }))).toBe(
      'payment_in_progress',
    );
    setStatus(temp.db, empty.id, 'open');
    const sale = suspendBasket(temp.db, empty.id, { staffId: null, taxMode: 'inclusive' });
    const next = basketWithPencils(temp.db, 1).basket;
    expect(refusalCode(() => resumeSuspended(temp.db, sale.id, { staffId: null, currency: 'EUR' }))).toBe(
      'sale_in_progress',
    );
    expect(basketLines(temp.db, next.id)).toHaveLength(1);
    expect(suspendedSales(temp.db, 'inclusive')).toHaveLength(1);
  });

  it('refuses payment_in_progress while a counter tender stands or is in flight, changing nothing', () => {
    const staffId = 'C01';
    const withCash = basketWithPencils(temp.db, 10).basket;
    const tendering = { basketId: withCash.id, total: 1290, currency: 'EUR' };
    takeCashTender(temp.db, { ...tendering, amount: 500, tendered: 500, rounding: 0, staffId });
    expect(refusalCode(() => suspendBasket(temp.db, withCash.id, { staffId, taxMode: 'inclusive' }))).toBe(
      'payment_in_progress',
    );
    expect(getBasket(temp.db, withCash.id)?.status).toBe('paying');
    expect(suspendedSales(temp.db, 'inclusive')).toEqual([]);
    // The cash handed back, nothing stands: the sale reopens and may be put aside.
    reverseCashTender(temp.db, withCash.id, 1, staffId);
    expect(suspendBasket(temp.db, withCash.id, { staffId, taxMode: 'inclusive' }).basketId).toBe(withCash.id);

    const withQr = basketWithPencils(temp.db, 10).basket;
    takeCodeTender(temp.db, {
      basketId: withQr.id,
      total: 1290,
      currency: 'EUR',
      staffId,
      payment: { provider: 'sim', amount: 1290, expiresAt: PAYMENT_EXPIRES_AT },
    });
    expect(refusalCode(() => suspendBasket(temp.db, withQr.id, { staffId, taxMode: 'inclusive' }))).toBe(
      'payment_in_progress',
    );
    expect(basketLines(temp.db, withQr.id)).toHaveLength(1);
    expect(suspendedSales(temp.db, 'inclusive')).toHaveLength(1);
  });

  it('voids a waiting sale as a journalled void with its lines, and the journal still verifies', () => {
    const basket = basketWithPencils(temp.db, 2).basket;
    const sale = suspendBasket(temp.db, basket.id, { staffId: 'C01', taxMode: 'inclusive' });
    expect(refusalCode(() => voidSuspended(temp.db, sale.id, { staffId: 'S01', reason: '  ' }))).toBe(
      'invalid_reason',
    );
    voidSuspended(temp.db, sale.id, { staffId: 'S01', reason: 'customer left' });
    const voids = journalEntries(temp.db).filter((e) => e.kind === 'void');
    expect(voids).toHaveLength(1);
    expect(voids[0]!.data).toMatchObject({ reason: 'suspended_voided', basketId: basket.id, amount: 258 });
    expect(verifyJournal(temp.db).ok).toBe(true);
    expect(suspendedSales(temp.db, 'inclusive')).toEqual([]);
    expect(() => temp.db.prepare("UPDATE suspended_sales SET label = 'x'").run()).toThrow(/does not change/);
    expect(() => temp.db.prepare('DELETE FROM suspended_sales').run()).toThrow(/never deleted/);
  });

  it('journals a waiting sale voided at what it was being sold for, as F8 voids an open one', () => {
    const basket = adjustedSale();
    const sale = suspendBasket(temp.db, basket.id, { staffId: 'C01', taxMode: 'inclusive' }, T);
    voidSuspended(temp.db, sale.id, { staffId: 'S01', reason: 'customer left' }, T);
    const [entry] = journalEntries(temp.db).filter((e) => e.kind === 'void');
    expect(entry?.data).toMatchObject({
      reason: 'suspended_voided',
      amount: 382,
      lines: [
        { name: 'Pencil', quantity: 3, unitPrice: 99, amount: 263 },
        { name: 'Apples', quantity: 500, unitPrice: 299, amount: 119 },
      ],
    });
  });
});

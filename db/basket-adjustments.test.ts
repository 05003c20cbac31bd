import { describe, expect, it } from 'vitest';
import type { OverrideEntry } from '../core/journal';
import { PENCIL as pencil, refusalCode as codeOf } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { adjustedBasket, liveAdjustments, removeAdjustment, writeAdjustment } from './basket-adjustments';
import { addItem, currentBasket, openBasket, removeLine, setQuantity, setStatus } from './baskets';
import { journalEntries } from './journal';
import { pendingEvents } from './outbox';
import { voidSale } from './sale-voids';

const temp = useTempDatabase();
const who = { staffId: 'C01', approverId: null };
const entry = (lineId: string | null): OverrideEntry => ({
  action: 'discount',
  basketId: 'b',
  lineId,
  ...who,
  currency: 'CNY',
  kind: 'amount',
  value: 10,
  amount: 10,
  percentOffBp: 100,
  reason: 'test',
  change: 'given',
});
const discount = (lineId: string | null, value: number) =>
  ({
    lineId,
    kind: lineId ? 'line_discount' : 'sale_discount',
    discount: { kind: 'amount', value },
    reason: 'test',
    ...who,
  }) as const;

describe('basket adjustments', () => {
  it('keeps one live discount of a kind: a new one replaces the old, both kept', () => {
    const basket = openBasket(temp.db, 'CNY');
    const line = addItem(temp.db, basket.id, pencil, 2);
    writeAdjustment(temp.db, basket.id, discount(line.id, 10), entry(line.id));
    writeAdjustment(temp.db, basket.id, discount(line.id, 20), entry(line.id));
    writeAdjustment(temp.db, basket.id, discount(null, 5), entry(null));
    const state = adjustedBasket(temp.db, basket.id);
    expect(state.lines[0]!.discount).toEqual({ kind: 'amount', value: 20 });
    expect(state.sale?.discount).toEqual({ kind: 'amount', value: 5 });
    expect(temp.db.prepare('SELECT count(*) FROM basket_adjustments').pluck().get()).toBe(3);
    expect(journalEntries(temp.db).map((e) => e.kind)).toEqual(['override', 'override', 'override']);
    expect(pendingEvents(temp.db, 100).filter((e) => e.type === 'basket.adjusted')).toHaveLength(3);
    expect(removeAdjustment(temp.db, basket.id, null, 'sale_discount', entry(null))).toBe(true);
    expect(removeAdjustment(temp.db, basket.id, null, 'sale_discount', entry(null))).toBe(false);
    expect(adjustedBasket(temp.db, basket.id).sale).toBeNull();
  });

  it("forgets a removed line's discount, and a new scan of a discounted item gets its own line", () => {
    const basket = openBasket(temp.db, 'CNY');
    const line = addItem(temp.db, basket.id, pencil, 1);
    writeAdjustment(temp.db, basket.id, discount(line.id, 10), entry(line.id));
    const again = addItem(temp.db, basket.id, pencil, 1);
    expect(again.id).not.toBe(line.id);
    removeLine(temp.db, basket.id, line.id);
    expect(liveAdjustments(temp.db, basket.id)).toEqual([]);
  });

  it('journals a removed or lowered line at the price it was being sold for', () => {
    const basket = openBasket(temp.db, 'CNY');
    const line = addItem(temp.db, basket.id, pencil, 3);
    writeAdjustment(
      temp.db,
      basket.id,
      { lineId: line.id, kind: 'price_override', unitPrice: 100, reason: 'label', ...who },
      entry(line.id),
    );
    writeAdjustment(temp.db, basket.id, discount(line.id, 50), entry(line.id));
    setQuantity(temp.db, basket.id, line.id, 2);
    removeLine(temp.db, basket.id, line.id);
    const voids = journalEntries(temp.db)
      .filter((e) => e.kind === 'void')
      .map((e) => e.data as { lines: { unitPrice: number; quantity: number; amount: number }[] });
    // 3 at 1.00 less 0.50 is 2.50; 2 of them 1.50: the first piece took 1.00 away, the rest 1.50.
    expect(voids.map((v) => v.lines[0])).toEqual([
      expect.objectContaining({ unitPrice: 100, quantity: 1, amount: 100 }),
      expect.objectContaining({ unitPrice: 100, quantity: 2, amount: 150 }),
    ]);
  });

  it('changes only an open basket, and writes nothing when refused', () => {
    const basket = openBasket(temp.db, 'CNY');
    const line = addItem(temp.db, basket.id, pencil, 1);
    setStatus(temp.db, basket.id, 'paying');
    expect(codeOf(() => writeAdjustment(temp.db, basket.id, discount(line.id, 10), entry(line.id)))).toBe(
      'basket_not_open',
    );
    expect(codeOf(() => voidSale(temp.db, basket.id, 'C01', 'customer_left'))).toBe('basket_not_open');
    expect(temp.db.prepare('SELECT count(*) FROM basket_adjustments').pluck().get()).toBe(0);
    expect(journalEntries(temp.db)).toEqual([]);
  });

  it('voids a sale: lines removed, basket closed, one void entry and a basket.voided event', () => {
    const basket = openBasket(temp.db, 'CNY');
    addItem(temp.db, basket.id, pencil, 3);
    voidSale(temp.db, basket.id, 'C01', 'changed_mind');
    expect(currentBasket(temp.db)).toBeNull();
    const [voided] = journalEntries(temp.db);
    expect(voided).toMatchObject({
      kind: 'void',
      data: { reason: 'sale_voided', staffId: 'C01', note: 'changed_mind', amount: pencil.unitPrice * 3 },
    });
    expect(pendingEvents(temp.db, 100).map((e) => e.type)).toContain('basket.voided');
    expect(pendingEvents(temp.db, 100).map((e) => e.type)).not.toContain('basket.cancelled');
  });
});

import { describe, expect, it } from 'vitest';
import { PENCIL as pencil, refusalCode as codeOf } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import {
  addItem,
  allBasketLines,
  basketLines,
  cancelBasket,
  currentBasket,
  openBasket,
  removeLine,
  setQuantity,
  setStatus,
  type ScannedItem,
} from './baskets';
import { pendingEvents } from './outbox';

const apples: ScannedItem = {
  ...pencil,
  gtin: '02000000000008',
  barcode: '2000000000008',
  name: 'Apples',
  unit: 'kg',
  unitPrice: 299,
};
const wine: ScannedItem = {
  ...pencil,
  gtin: '09002490100070',
  barcode: '9002490100070',
  name: 'Wine',
  unitPrice: 899,
  ageLimit: 18,
};

const temp = useTempDatabase();

const eventTypes = () => pendingEvents(temp.db, 100).map((e) => e.type);

describe('baskets', () => {
  it('opens one basket and returns the same one until it is closed', () => {
    expect(currentBasket(temp.db)).toBeNull();
    const first = openBasket(temp.db, 'EUR');
    expect(first.status).toBe('open');
    expect(openBasket(temp.db, 'EUR').id).toBe(first.id);
    expect(currentBasket(temp.db)?.id).toBe(first.id);
    cancelBasket(temp.db, first.id);
    expect(currentBasket(temp.db)).toBeNull();
    const second = openBasket(temp.db, 'EUR');
    expect(second.id).not.toBe(first.id);
    expect(eventTypes()).toEqual(['basket.opened', 'basket.cancelled', 'basket.opened']);
  });

  it('raises the quantity when the same item is scanned again', () => {
    const basket = openBasket(temp.db, 'EUR');
    const a = addItem(temp.db, basket.id, pencil, 1);
    addItem(temp.db, basket.id, wine, 1);
    const b = addItem(temp.db, basket.id, pencil, 2);
    expect(b.id).toBe(a.id);
    expect(basketLines(temp.db, basket.id).map((l) => [l.name, l.quantity])).toEqual([
      ['Pencil', 3],
      ['Wine', 1],
    ]);
    expect(currentBasket(temp.db)?.lastChangedLineId).toBe(a.id);
  });

  it('gives the same item at a new price its own line', () => {
    const basket = openBasket(temp.db, 'EUR');
    addItem(temp.db, basket.id, pencil, 1);
    addItem(temp.db, basket.id, { ...pencil, unitPrice: 99 }, 1);
    expect(basketLines(temp.db, basket.id).map((l) => l.unitPrice)).toEqual([129, 99]);
  });

  it('gives every weighed item its own line, quantity in grams', () => {
    const basket = openBasket(temp.db, 'EUR');
    addItem(temp.db, basket.id, apples, 1234);
    addItem(temp.db, basket.id, apples, 560);
    expect(basketLines(temp.db, basket.id).map((l) => [l.unit, l.quantity, l.position])).toEqual([
      ['kg', 1234, 1],
      ['kg', 560, 2],
    ]);
  });

  it('records a removal but hides the line', () => {
    const basket = openBasket(temp.db, 'EUR');
    const line = addItem(temp.db, basket.id, pencil, 2);
    addItem(temp.db, basket.id, wine, 1);
    const removed = removeLine(temp.db, basket.id, line.id);
    expect(removed.removedAt).not.toBeNull();
    expect(basketLines(temp.db, basket.id).map((l) => l.name)).toEqual(['Wine']);
    expect(allBasketLines(temp.db, basket.id).map((l) => [l.name, l.quantity, l.removedAt !== null])).toEqual(
      [
        ['Pencil', 2, true],
        ['Wine', 1, false],
      ],
    );
    expect(codeOf(() => removeLine(temp.db, basket.id, line.id))).toBe('line_not_found');
    expect(codeOf(() => setQuantity(temp.db, basket.id, line.id, 3))).toBe('line_not_found');
    // Scanning it again starts a new line after the others.
    expect(addItem(temp.db, basket.id, pencil, 1).position).toBe(3);
    const removal = pendingEvents(temp.db, 100).find((e) => e.type === 'basket.line_removed');
    expect(removal?.payload).toMatchObject({ lineId: line.id, gtin: pencil.gtin, quantity: 2 });
  });

  it('sets a quantity of 1 or more and refuses anything else', () => {
    const basket = openBasket(temp.db, 'EUR');
    const line = addItem(temp.db, basket.id, pencil, 1);
    expect(setQuantity(temp.db, basket.id, line.id, 4).quantity).toBe(4);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(codeOf(() => setQuantity(temp.db, basket.id, line.id, bad))).toBe('invalid_quantity');
    }
    expect(codeOf(() => addItem(temp.db, basket.id, pencil, 0))).toBe('invalid_quantity');
    expect(basketLines(temp.db, basket.id)[0]?.quantity).toBe(4);
  });

  it('refuses a line of another basket and bad items, changing nothing', () => {
    const first = openBasket(temp.db, 'EUR');
    const line = addItem(temp.db, first.id, pencil, 1);
    cancelBasket(temp.db, first.id);
    const second = openBasket(temp.db, 'EUR');
    expect(codeOf(() => setQuantity(temp.db, second.id, line.id, 2))).toBe('line_not_found');
    expect(codeOf(() => addItem(temp.db, second.id, { ...pencil, gtin: '4006381333931' }, 1))).toBe(
      'invalid_item',
    );
    expect(codeOf(() => addItem(temp.db, second.id, { ...pencil, unitPrice: 1.29 }, 1))).toBe('invalid_item');
    expect(codeOf(() => addItem(temp.db, 'no-such-basket', pencil, 1))).toBe('basket_not_found');
    expect(codeOf(() => openBasket(temp.db, 'euro'))).toBe('invalid_currency');
    expect(basketLines(temp.db, second.id)).toEqual([]);
  });

  it('refuses every change while the basket is paying', () => {
    const basket = openBasket(temp.db, 'EUR');
    const line = addItem(temp.db, basket.id, pencil, 1);
    setStatus(temp.db, basket.id, 'paying');
    const before = pendingEvents(temp.db, 100).length;
    expect(codeOf(() => addItem(temp.db, basket.id, pencil, 1))).toBe('basket_not_open');
    expect(codeOf(() => setQuantity(temp.db, basket.id, line.id, 2))).toBe('basket_not_open');
    expect(codeOf(() => removeLine(temp.db, basket.id, line.id))).toBe('basket_not_open');
    expect(codeOf(() => cancelBasket(temp.db, basket.id))).toBe('basket_not_open');
    expect(basketLines(temp.db, basket.id).map((l) => l.quantity)).toEqual([1]);
    expect(pendingEvents(temp.db, 100)).toHaveLength(before);
  });

  it('allows only open→paying→paid→closed and paying→open', () => {
    const basket = openBasket(temp.db, 'EUR');
    expect(codeOf(() => setStatus(temp.db, basket.id, 'paid'))).toBe('illegal_transition');
    expect(codeOf(() => setStatus(temp.db, basket.id, 'closed'))).toBe('illegal_transition');
    setStatus(temp.db, basket.id, 'paying');
    setStatus(temp.db, basket.id, 'open');
    setStatus(temp.db, basket.id, 'paying');
    expect(codeOf(() => setStatus(temp.db, basket.id, 'closed'))).toBe('illegal_transition');
    setStatus(temp.db, basket.id, 'paid');
    expect(codeOf(() => setStatus(temp.db, basket.id, 'open'))).toBe('illegal_transition');
    expect(setStatus(temp.db, basket.id, 'closed').status).toBe('closed');
    expect(currentBasket(temp.db)).toBeNull();
  });

  it('cancels by removing every line and closing the basket', () => {
    const basket = openBasket(temp.db, 'EUR');
    addItem(temp.db, basket.id, pencil, 1);
    addItem(temp.db, basket.id, wine, 1);
    expect(cancelBasket(temp.db, basket.id).status).toBe('closed');
    expect(basketLines(temp.db, basket.id)).toEqual([]);
    expect(allBasketLines(temp.db, basket.id).every((l) => l.removedAt !== null)).toBe(true);
    const cancelled = pendingEvents(temp.db, 100).at(-1);
    expect(cancelled?.type).toBe('basket.cancelled');
    expect((cancelled?.payload as { removedLines: unknown[] }).removedLines).toHaveLength(2);
  });

  it('stores the terminal clock on rows and events', () => {
    const at = new Date('2025-03-04T05:06:07.000Z');
    const basket = openBasket(temp.db, 'EUR', at);
    const line = addItem(temp.db, basket.id, pencil, 1, at);
    expect([basket.createdAt, line.addedAt, line.updatedAt]).toEqual([
      at.toISOString(),
      at.toISOString(),
      at.toISOString(),
    ]);
    expect(pendingEvents(temp.db, 10).map((e) => e.occurredAt)).toEqual([at.toISOString(), at.toISOString()]);
  });
});

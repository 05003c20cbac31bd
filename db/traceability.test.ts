// Lots, serials, expiry on basket lines; members on baskets.
import { describe, expect, it } from 'vitest';
import { PENCIL, refusalCode, startPayment } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import {
  addItem,
  basketLines,
  cancelBasket,
  currentBasket,
  openBasket,
  removeLine,
  setQuantity,
  type ScannedItem,
} from './baskets';
import { attachMember } from './members';
import { pendingEvents } from './outbox';
import { updatePayment } from './payments';
import { closeSale, completeSale } from './sales';

const temp = useTempDatabase();

const FORMULA: ScannedItem = {
  gtin: '09506000134352',
  barcode: '9506000134352',
  name: 'Infant formula 800 g',
  unit: 'each',
  unitPrice: 25900,
  taxRateBp: 1300,
  ageLimit: null,
};
const piece = (serial: string, lot = 'L2411'): ScannedItem => ({
  ...FORMULA,
  lot,
  serial,
  expiry: '2027-06-30',
});

function sellCurrentBasket(): string {
  const basket = currentBasket(temp.db)!;
  const total = basketLines(temp.db, basket.id).reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const payment = updatePayment(temp.db, startPayment(temp.db, basket.id, total, { currency: 'CNY' }).id, {
    status: 'pending',
    providerRef: 'prov-1',
  });
  return completeSale(temp.db, {
    basketId: basket.id,
    paymentId: payment.id,
    storeId: 'S001',
    terminalId: 'K01',
    soldAt: new Date(),
    makeReceipt: (receiptNumber) => ({ total, taxTotal: 0, json: { receiptNumber } }),
  }).receiptNumber;
}

describe('serialised items', () => {
  it('keeps each serial on its own line with its lot and expiry, and the event carries them', () => {
    const basket = openBasket(temp.db, 'CNY');
    addItem(temp.db, basket.id, piece('SER-1'), 1);
    addItem(temp.db, basket.id, piece('SER-2'), 1);
    const lines = basketLines(temp.db, basket.id);
    expect(lines.map((l) => [l.serial, l.lot, l.expiry, l.quantity])).toEqual([
      ['SER-1', 'L2411', '2027-06-30', 1],
      ['SER-2', 'L2411', '2027-06-30', 1],
    ]);
    const added = pendingEvents(temp.db, 100).filter((e) => e.type === 'basket.item_added');
    expect(added.at(-1)?.payload).toMatchObject({ serial: 'SER-2', lot: 'L2411', expiry: '2027-06-30' });
  });

  it('refuses the same serial twice in a basket and changes nothing', () => {
    const basket = openBasket(temp.db, 'CNY');
    addItem(temp.db, basket.id, piece('SER-1'), 1);
    const events = pendingEvents(temp.db, 100).length;
    expect(() => addItem(temp.db, basket.id, piece('SER-1', 'OTHER-LOT'), 1)).toThrow(
      'Item 09506000134352 with serial SER-1 is already in the basket',
    );
    expect(basketLines(temp.db, basket.id)).toHaveLength(1);
    expect(pendingEvents(temp.db, 100)).toHaveLength(events);
  });

  it('refuses a serial already sold, naming the receipt', () => {
    const sold = openBasket(temp.db, 'CNY');
    addItem(temp.db, sold.id, piece('SER-9'), 1);
    const receipt = sellCurrentBasket();
    closeSale(temp.db, sold.id); // the next shopper tries the same code
    const next = openBasket(temp.db, 'CNY');
    expect(refusalCode(() => addItem(temp.db, next.id, piece('SER-9'), 1))).toBe('duplicate_serial');
    expect(() => addItem(temp.db, next.id, piece('SER-9'), 1)).toThrow(`already sold (receipt ${receipt})`);
  });

  it('frees a serial when its line is removed or its basket cancelled', () => {
    const basket = openBasket(temp.db, 'CNY');
    const line = addItem(temp.db, basket.id, piece('SER-1'), 1);
    removeLine(temp.db, basket.id, line.id);
    addItem(temp.db, basket.id, piece('SER-1'), 1);
    cancelBasket(temp.db, basket.id);
    const next = openBasket(temp.db, 'CNY');
    expect(addItem(temp.db, next.id, piece('SER-1'), 1).serial).toBe('SER-1');
  });

  it('is always one piece', () => {
    const basket = openBasket(temp.db, 'CNY');
    expect(refusalCode(() => addItem(temp.db, basket.id, piece('SER-1'), 2))).toBe('invalid_quantity');
    const line = addItem(temp.db, basket.id, piece('SER-1'), 1);
    expect(() => setQuantity(temp.db, basket.id, line.id, 3)).toThrow(/one serialised piece/);
    expect(basketLines(temp.db, basket.id)[0]?.quantity).toBe(1);
  });
});

describe('lots and expiry', () => {
  it('raises the quantity of the same lot and gives another lot its own line', () => {
    const basket = openBasket(temp.db, 'CNY');
    const milk = (lot: string): ScannedItem => ({ ...FORMULA, lot, expiry: '2027-01-31' });
    addItem(temp.db, basket.id, milk('A1'), 1);
    addItem(temp.db, basket.id, milk('A1'), 1);
    addItem(temp.db, basket.id, milk('B2'), 1);
    addItem(temp.db, basket.id, FORMULA, 1);
    expect(basketLines(temp.db, basket.id).map((l) => [l.lot, l.quantity])).toEqual([
      ['A1', 2],
      ['B2', 1],
      [null, 1],
    ]);
  });
});

describe('members', () => {
  it('attaches the member to the open basket, with an event, and a later code replaces it', () => {
    const basket = openBasket(temp.db, 'CNY');
    addItem(temp.db, basket.id, PENCIL, 1);
    attachMember(temp.db, basket.id, { program: 'loyalty', memberId: '12345678' });
    expect(attachMember(temp.db, basket.id, { program: 'loyalty', memberId: '87654321' }).member).toEqual({
      program: 'loyalty',
      memberId: '87654321',
    });
    expect(currentBasket(temp.db)?.member?.memberId).toBe('87654321');
    const attached = pendingEvents(temp.db, 100).filter((e) => e.type === 'basket.member_attached');
    expect(attached).toHaveLength(2);
    expect(refusalCode(() => attachMember(temp.db, basket.id, { program: 'loyalty', memberId: '' }))).toBe(
      'invalid_member',
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  payingBasket as payingBasketIn,
  refusalCode as codeOf,
  startPayment,
} from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { currentBasket } from './baskets';
import { pendingEvents } from './outbox';
import { getPayment, updatePayment, type PaymentRecord } from './payments';
import {
  closeSale,
  completeSale,
  saleByReceiptNumber,
  saleForBasket,
  setTrainingMode,
  type SaleRecord,
} from './sales';

const soldAt = new Date('2025-05-06T07:08:09.000Z');

const temp = useTempDatabase();
const payingBasket = (count: number): PaymentRecord => payingBasketIn(temp.db, count);

let receiptsMade = 0;
function sell(
  payment: PaymentRecord,
  storeId = 'S001',
  terminalId = 'K01',
  total = payment.amount,
): SaleRecord {
  return completeSale(temp.db, {
    basketId: payment.basketId,
    paymentId: payment.id,
    storeId,
    terminalId,
    soldAt,
    makeReceipt: (receiptNumber) => {
      receiptsMade++;
      return { total, taxTotal: Math.round((total * 1900) / 11900), json: { receiptNumber, total } };
    },
  });
}

describe('sales', () => {
  it('completes a sale in one go: payment paid, receipt stored, basket paid, one event with the receipt', () => {
    const payment = payingBasket(2);
    const eventsBefore = pendingEvents(temp.db, 100).length;
    const sale = sell(payment);
    expect(sale).toMatchObject({
      receiptNumber: 'S001-K01-000001',
      sequence: 1,
      total: 258,
      currency: 'EUR',
    });
    expect(sale.soldAt).toBe(soldAt.toISOString());
    expect(JSON.parse(sale.receiptJson)).toEqual({ receiptNumber: 'S001-K01-000001', total: 258 });
    expect(getPayment(temp.db, payment.id)?.status).toBe('paid');
    expect(currentBasket(temp.db)?.status).toBe('paid');
    const events = pendingEvents(temp.db, 100).slice(eventsBefore);
    // The journal's copies for HQ (payment paid, then the sale) come first, in the same transaction.
    expect(events.map((e) => e.type)).toEqual(['journal.appended', 'journal.appended', 'sale.completed']);
    expect(events.at(-1)?.payload).toMatchObject({
      receiptNumber: 'S001-K01-000001',
      total: 258,
      receipt: { receiptNumber: 'S001-K01-000001', total: 258 },
      payment: { id: payment.id, reference: payment.reference },
      // Two pencils on one line: what HQ's stock ledger takes off the shelf.
      lines: [{ gtin: '04006381333931', quantity: 2, unit: 'each', unitPrice: 129 }],
    });
  });

  it('marks a sale made in training mode: its receipt, e-receipt link and event say training; a real one not', () => {
    setTrainingMode(temp.db, true);
    const before = pendingEvents(temp.db, 100).length;
    const training = sell(payingBasket(1));
    closeSale(temp.db, training.basketId);
    setTrainingMode(temp.db, false);
    const real = sell(payingBasket(1));
    const receipt = (sale: SaleRecord) => JSON.parse(sale.receiptJson) as Record<string, unknown>;
    expect(receipt(training)).toMatchObject({ training: true });
    expect(receipt(real)).not.toHaveProperty('training');
    const sales = pendingEvents(temp.db, 100)
      .slice(before)
      .filter((e) => e.type === 'sale.completed');
    expect(sales.map((e) => (e.payload as { training?: boolean }).training)).toEqual([true, undefined]);
    expect(sales[0]!.payload).toMatchObject({ receipt: { training: true } });
  });

  it('numbers receipts sequentially per terminal with no gaps, even after a refused sale', () => {
    const numbers: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const payment = payingBasket(i);
      if (i === 2) {
        // A receipt that does not match the payment rolls back, number included.
        expect(codeOf(() => sell(payment, 'S001', 'K01', payment.amount + 1))).toBe('amount_mismatch');
        expect(getPayment(temp.db, payment.id)?.status).toBe('pending');
      }
      numbers.push(sell(payment).receiptNumber);
      closeSale(temp.db, payment.basketId);
    }
    expect(numbers).toEqual(['S001-K01-000001', 'S001-K01-000002', 'S001-K01-000003']);
    const other = payingBasket(1);
    expect(sell(other, 'S001', 'K02').receiptNumber).toBe('S001-K02-000001');
  });

  it('rolls the whole sale back when the receipt cannot be made', () => {
    const payment = payingBasket(1);
    expect(() =>
      completeSale(temp.db, {
        basketId: payment.basketId,
        paymentId: payment.id,
        storeId: 'S001',
        terminalId: 'K01',
        soldAt,
        makeReceipt: () => {
          throw new Error('printer template broken');
        },
      }),
    ).toThrow('printer template broken');
    expect(saleForBasket(temp.db, payment.basketId)).toBeNull();
    expect(getPayment(temp.db, payment.id)?.status).toBe('pending');
    expect(currentBasket(temp.db)?.status).toBe('paying');
    expect(pendingEvents(temp.db, 100).map((e) => e.type)).not.toContain('sale.completed');
    expect(sell(payment).receiptNumber).toBe('S001-K01-000001');
  });

  it('is idempotent: a second call returns the same sale and records nothing more', () => {
    const payment = payingBasket(1);
    const first = sell(payment);
    const made = receiptsMade;
    const events = pendingEvents(temp.db, 100).length;
    temp.reopen();
    const second = sell(payment);
    expect(second).toEqual(first);
    expect(receiptsMade).toBe(made);
    expect(pendingEvents(temp.db, 100)).toHaveLength(events);
    expect(temp.db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 1 });
    expect(temp.db.prepare('SELECT last_sequence FROM terminal_sequences').get()).toEqual({
      last_sequence: 1,
    });
  });

  it('keeps a paid sale immutable', () => {
    const sale = sell(payingBasket(1));
    expect(() => temp.db.prepare('UPDATE sales SET total = 0 WHERE id = ?').run(sale.id)).toThrow(
      /immutable/,
    );
    expect(() => temp.db.prepare('DELETE FROM sales WHERE id = ?').run(sale.id)).toThrow(/immutable/);
    expect(() => updatePayment(temp.db, sale.paymentId!, { status: 'cancelled' })).toThrow(/final/);
    expect(saleByReceiptNumber(temp.db, sale.receiptNumber)).toEqual(sale);
  });

  it('refuses a payment of another basket or one that cannot become paid', () => {
    const payment = payingBasket(1);
    updatePayment(temp.db, payment.id, { status: 'declined' });
    expect(codeOf(() => sell(payment))).toBe('illegal_transition');
    const created = startPayment(temp.db, payment.basketId, 129);
    expect(codeOf(() => sell(created))).toBe('illegal_transition'); // never shown to the provider
    expect(codeOf(() => sell({ ...created, basketId: 'other' }))).toBe('payment_mismatch');
    expect(temp.db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 });
  });

  it('shows the finished sale until it is closed, then no basket', () => {
    const payment = payingBasket(1);
    expect(codeOf(() => closeSale(temp.db, payment.basketId))).toBe('sale_not_found');
    const sale = sell(payment);
    temp.reopen();
    expect(currentBasket(temp.db)?.status).toBe('paid');
    expect(saleForBasket(temp.db, payment.basketId)).toEqual(sale);
    expect(closeSale(temp.db, payment.basketId)).toEqual(sale);
    expect(currentBasket(temp.db)).toBeNull();
    expect(codeOf(() => closeSale(temp.db, payment.basketId))).toBe('illegal_transition');
    expect(saleByReceiptNumber(temp.db, 'S001-K01-000002')).toBeNull();
  });
});

// Tenders (migration 0012; refunds are db/refunds.test.ts's) through the store's own functions, on a real SQLite file.
import { describe, expect, it } from 'vitest';
import { payingBasket, refusalCode as codeOf } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { pendingEvents } from './outbox';
import { getPayment, type PaymentRecord } from './payments';
import { completeSale, type SaleRecord } from './sales';
import { recordTenders, saleTenders } from './tenders';

const temp = useTempDatabase();

function sell(payment: PaymentRecord, total = payment.amount): SaleRecord {
  return completeSale(temp.db, {
    basketId: payment.basketId,
    paymentId: payment.id,
    storeId: 'S001',
    terminalId: 'K01',
    soldAt: new Date('2025-05-06T07:08:09.000Z'),
    makeReceipt: (receiptNumber) => ({ total, taxTotal: 0, json: { receiptNumber } }),
  });
}

/** A sale written with no tender yet (as a counter's cash sale would be): 1000, receipt …000099. */
function bareSale(): string {
  temp.db
    .prepare(
      `INSERT INTO baskets (id, status, currency, created_at, updated_at) VALUES ('bx', 'closed', 'EUR', 'T', 'T')`,
    )
    .run();
  temp.db
    .prepare(
      `INSERT INTO sales (id, basket_id, payment_id, receipt_number, sequence, store_id, terminal_id, currency,
         total, tax_total, sold_at, receipt_json)
       VALUES ('sx', 'bx', NULL, 'S001-K01-000099', 99, 'S001', 'K01', 'EUR', 1000, 0, 'T', '{}')`,
    )
    .run();
  return 'sx';
}

const count = (table: string) => temp.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('tenders', () => {
  it('a sale records its payment as its one tender, in the same transaction, and says so to HQ', () => {
    const payment = payingBasket(temp.db, 2);
    const sale = sell(payment);
    const tender = { kind: 'merchant_qr', amount: 258, paymentId: payment.id };
    expect(saleTenders(temp.db, sale.id)).toEqual([{ saleId: sale.id, position: 1, ...tender }]);
    const event = pendingEvents(temp.db, 100).find((e) => e.type === 'sale.completed');
    expect(event?.payload).toMatchObject({ tenders: [tender] });
  });

  it('a sale that is rolled back leaves no tender behind', () => {
    const payment = payingBasket(temp.db, 1);
    expect(codeOf(() => sell(payment, payment.amount + 1))).toBe('amount_mismatch');
    expect(count('sale_tenders')).toBe(0);
    expect(getPayment(temp.db, payment.id)?.status).toBe('pending');
  });

  it('records cash with its change; it survives a restart', () => {
    const saleId = bareSale();
    const { change } = recordTenders(temp.db, saleId, [{ kind: 'cash', amount: 1000, tendered: 2000 }]);
    expect(change).toBe(1000);
    temp.reopen();
    expect(saleTenders(temp.db, saleId)).toEqual([
      { saleId, position: 1, kind: 'cash', amount: 1000, tendered: 2000 },
    ]);
  });

  it('refuses tenders that do not pay the total, a second set, an unknown sale; nothing is written', () => {
    const saleId = bareSale();
    expect(codeOf(() => recordTenders(temp.db, saleId, [{ kind: 'cash', amount: 900 }]))).toBe(
      'invalid_tenders',
    );
    expect(() => recordTenders(temp.db, saleId, [{ kind: 'cash', amount: 1500 }])).toThrow(
      /pay 1500 but the total is 1000/,
    );
    expect(codeOf(() => recordTenders(temp.db, 'nope', [{ kind: 'cash', amount: 1 }]))).toBe(
      'sale_not_found',
    );
    expect(count('sale_tenders')).toBe(0);
    // A code tender must be a paid payment: a pending one is refused by the schema, named as a refusal.
    const pending = payingBasket(temp.db, 1);
    const half = [
      { kind: 'cash' as const, amount: 1000 - pending.amount },
      { kind: 'merchant_qr' as const, amount: pending.amount, paymentId: pending.id },
    ];
    expect(() => recordTenders(temp.db, saleId, half)).toThrow(/tender 2: a code tender is a paid payment/);
    expect(count('sale_tenders')).toBe(0);
    recordTenders(temp.db, saleId, [{ kind: 'cash', amount: 1000 }]);
    expect(codeOf(() => recordTenders(temp.db, saleId, [{ kind: 'cash', amount: 1000 }]))).toBe(
      'invalid_tenders',
    );
    expect(count('sale_tenders')).toBe(1);
  });
});

// Refunds (migration 0022) through the store's own functions, on a real SQLite file: written whole
// before any provider call, numbered gap-free, never more back than sold, completed once with its
// journal entry and its `refund.completed` event.
import { describe, expect, it } from 'vitest';
import { buildReceipt } from '../core/receipt';
import { payingBasket, refusalCode } from '../test/helpers/db-fixtures';
import { useTempDatabase } from '../test/helpers/temp-db';
import { journalEntries, verifyJournal } from './journal';
import { pendingEvents } from './outbox';
import { completeRefund, refundedOfSale } from './refund-records';
import { createRefund, refundsToRecover, requireRefund, updateRefundTender, type NewRefund } from './refunds';
import { completeSale, type SaleRecord } from './sales';

const temp = useTempDatabase();

/** Two pencils (1.29 each, 19 % tax) sold on K01, paid by one QR payment. */
function pencilSale(): SaleRecord {
  const payment = payingBasket(temp.db, 2);
  return completeSale(temp.db, {
    basketId: payment.basketId,
    paymentId: payment.id,
    storeId: 'S001',
    terminalId: 'K01',
    soldAt: new Date('2026-12-07T08:00:00.000Z'),
    makeReceipt: (receiptNumber) => {
      const json = buildReceipt({
        receiptNumber,
        storeName: 'S',
        storeAddress: 'A',
        soldAt: 'T',
        currency: 'EUR',
        taxMode: 'inclusive',
        lines: [{ name: 'Pencil', unit: 'each', quantity: 2, unitPrice: 129, taxRateBp: 1900 }],
        payments: [],
        eReceiptBaseUrl: 'https://r.example/r',
      });
      return { total: json.totals.total, taxTotal: json.totals.taxTotal, json };
    },
  });
}

function refundOf(sale: SaleRecord, quantity: number, amount: number, tax: number): NewRefund {
  return {
    storeId: 'S001',
    terminalId: 'C01',
    saleId: sale.id,
    receiptNumber: sale.receiptNumber,
    currency: 'EUR',
    total: amount,
    taxTotal: tax,
    cashRounding: 0,
    staffId: 'C7',
    approvedBy: null,
    shiftId: null,
    offline: false,
    training: false,
    sale: null,
    lines: [
      {
        line: 0,
        receiptNumber: sale.receiptNumber,
        gtin: '04006381333931',
        name: 'Pencil',
        unit: 'each',
        taxRateBp: 1900,
        quantity,
        amount,
        tax,
        sold: 2,
        paid: 258,
        reason: 'damaged',
        disposition: 'write_off',
      },
    ],
    tenders: [
      {
        kind: 'merchant_qr',
        salePosition: 1,
        took: 258,
        paymentId: sale.paymentId,
        paymentReference: 'ref',
        paymentProviderRef: 'sim_1',
        provider: 'sim',
        amount,
      },
    ],
  };
}

describe('refunds', () => {
  it('writes a refund whole and numbered, created before any provider call, and completes it once', () => {
    const sale = pencilSale();
    const refund = createRefund(temp.db, refundOf(sale, 1, 129, 20));
    expect(refund).toMatchObject({ refundNumber: 'S001-C01-R000001', state: 'in_progress', total: 129 });
    expect(refund.tenders[0]).toMatchObject({ status: 'created', amount: 129 });
    expect(refund.tenders[0]!.reference).toMatch(/^RF[0-9a-f]{30}$/);
    expect(refundsToRecover(temp.db).map((r) => r.id)).toEqual([refund.id]);
    expect(refusalCode(() => completeRefund(temp.db, refund.id))).toBe('refund_in_progress');
    updateRefundTender(temp.db, refund.id, 1, { status: 'unknown' });
    updateRefundTender(temp.db, refund.id, 1, { status: 'paid', providerRef: 'simr_1' });
    expect(refusalCode(() => updateRefundTender(temp.db, refund.id, 1, { status: 'declined' }))).toBe(
      'illegal_transition',
    );
    const done = completeRefund(temp.db, refund.id);
    completeRefund(temp.db, refund.id);
    expect(done.state).toBe('done');
    temp.reopen();
    expect(requireRefund(temp.db, refund.id)).toEqual(done);
    const events = pendingEvents(temp.db, 1000).filter((e) => e.type === 'refund.completed');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      refundNumber: 'S001-C01-R000001',
      receiptNumber: sale.receiptNumber,
      total: 129,
      lines: [{ line: 0, quantity: 1, amount: 129, reason: 'damaged', disposition: 'write_off' }],
      tenders: [{ kind: 'merchant_qr', amount: 129, reference: refund.tenders[0]!.reference }],
      offline: false,
    });
    const journalled = journalEntries(temp.db).filter((e) => e.kind === 'refund');
    expect(journalled.map((e) => e.data)).toMatchObject([
      { action: 'refunded', refundNumber: 'S001-C01-R000001' },
    ]);
    expect(verifyJournal(temp.db).ok).toBe(true);
  });

  it('refuses a second refund beyond what was sold, writing nothing, and counts what came back', () => {
    const sale = pencilSale();
    createRefund(temp.db, refundOf(sale, 1, 129, 20));
    expect(refusalCode(() => createRefund(temp.db, refundOf(sale, 2, 258, 40)))).toBe('refund_exceeds_sale');
    expect(refusalCode(() => createRefund(temp.db, { ...refundOf(sale, 1, 129, 20), total: 5 }))).toBe(
      'invalid_refund',
    );
    const second = createRefund(temp.db, refundOf(sale, 1, 129, 21));
    expect(second.refundNumber).toBe('S001-C01-R000002');
    const back = refundedOfSale(temp.db, sale.receiptNumber);
    expect(back.lines.get(0)).toEqual({ quantity: 2, amount: 258, tax: 41, sold: 2, paid: 258 });
    expect(back.tenders.get(1)).toBe(258);
  });
});

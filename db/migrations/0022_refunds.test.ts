import { describe, expect, it } from 'vitest';
import { migrationRows, T } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(21);
const rows = migrationRows(temp);
const { insert } = rows;
const all = (sql: string, ...params: unknown[]) => temp.db.prepare(sql).all(...params);
const RECEIPT = JSON.stringify({ lines: [{ quantity: 3 }, { quantity: 250 }] });

/** Sale s1 (S001-K01-000001) of two lines, paid 2140 by QR payment p1. */
function qrSale() {
  rows.basket('b1', 'closed');
  rows.payment('p1', { status: 'paid' });
  rows.sale(1, { receipt_json: RECEIPT });
  insert('sale_tenders', { sale_id: 's1', position: 1, kind: 'merchant_qr', amount: 2140, payment_id: 'p1' });
}

const header = (id: string, n: number, values: Record<string, unknown> = {}) =>
  insert('refunds', {
    id,
    refund_number: `S001-C01-R${String(n).padStart(6, '0')}`,
    sequence: n,
    store_id: 'S001',
    terminal_id: 'C01',
    sale_id: null,
    receipt_number: 'S001-K01-000001',
    currency: 'CNY',
    total: 100,
    tax_total: 0,
    staff_id: 'C7',
    offline: 0,
    state: 'in_progress',
    created_at: T,
    ...values,
  });
const line = (refundId: string, values: Record<string, unknown> = {}) =>
  insert('refund_lines', {
    refund_id: refundId,
    line: 0,
    receipt_number: 'S001-K01-000001',
    gtin: '6901234567892',
    name: 'Tea',
    unit: 'each',
    tax_rate_bp: 1300,
    quantity: 1,
    amount: 700,
    tax: 81,
    sold: 3,
    paid: 2100,
    reason: 'damaged',
    disposition: 'write_off',
    ...values,
  });
const tender = (refundId: string, values: Record<string, unknown> = {}) =>
  insert('refund_tenders', {
    refund_id: refundId,
    position: 1,
    kind: 'merchant_qr',
    sale_position: 1,
    took: 2140,
    payment_id: 'p1',
    payment_reference: 'OLp1',
    reference: `RF${refundId}`,
    provider: 'simulator',
    status: 'created',
    amount: 700,
    currency: 'CNY',
    created_at: T,
    updated_at: T,
    ...values,
  });

describe('migration 0022_refunds', () => {
  it('carries a refund made before it over as a numbered refund with that one tender', () => {
    qrSale();
    insert('refunds', {
      id: 'r0',
      sale_id: 's1',
      kind: 'merchant_qr',
      payment_id: 'p1',
      reference: 'RFold',
      provider: 'simulator',
      status: 'paid',
      amount: 500,
      currency: 'CNY',
      reason: 'Damaged',
      authorised_by: 'A01',
      created_at: T,
      updated_at: T,
    });
    migrate(temp.db, { target: 22 });
    expect(
      all('SELECT id, refund_number, receipt_number, sale_id, total, staff_id, state FROM refunds'),
    ).toEqual([
      {
        id: 'r0',
        refund_number: 'S001-K01-R000001',
        receipt_number: 'S001-K01-000001',
        sale_id: 's1',
        total: 500,
        staff_id: 'A01',
        state: 'done',
      },
    ]);
    expect(
      all('SELECT refund_id, kind, sale_position, took, payment_reference, status FROM refund_tenders'),
    ).toEqual([
      {
        refund_id: 'r0',
        kind: 'merchant_qr',
        sale_position: 1,
        took: 2140,
        payment_reference: 'OLp1',
        status: 'paid',
      },
    ]);
    expect(all('SELECT * FROM refund_sequences')).toEqual([
      { store_id: 'S001', terminal_id: 'K01', last_sequence: 1 },
    ]);
  });

  it('refuses a line beyond what the local sale sold, however it is split, and a sold figure not the receipt’s', () => {
    qrSale();
    migrate(temp.db, { target: 22 });
    header('r1', 1, { sale_id: 's1' });
    line('r1', { quantity: 2, amount: 1400 });
    header('r2', 2, { sale_id: 's1' });
    expect(() => line('r2', { quantity: 2, amount: 1400 })).toThrow(/more than its sale line sold/);
    expect(() => line('r2', { quantity: 1, amount: 701 })).toThrow(/more than its sale line sold/);
    expect(() => line('r2', { line: 1, sold: 300, paid: 40, quantity: 300, amount: 40 })).toThrow(/sold/);
    line('r2', { quantity: 1, amount: 700 });
    line('r2', { line: 1, sold: 250, paid: 40, unit: 'kg', quantity: 100, amount: 16, tax: 2 });
    expect(() => temp.db.prepare('UPDATE refund_lines SET quantity = 9').run()).toThrow(/never change/);
  });

  it('takes another terminal’s sale (no sales row) by receipt number, and keeps its lines within what HQ said was sold', () => {
    migrate(temp.db, { target: 22 });
    header('r1', 1, { receipt_number: 'S001-C02-000007' });
    line('r1', { receipt_number: 'S001-C02-000007', sold: 1, paid: 500, amount: 500 });
    header('r2', 2, { receipt_number: 'S001-C02-000007', offline: 1, approved_by: 'SUP1' });
    expect(() => line('r2', { receipt_number: 'S001-C02-000007', sold: 1, paid: 500, amount: 500 })).toThrow(
      /more than its sale line sold/,
    );
    // A line of another receipt than its refund's is refused too.
    expect(() => line('r2', { receipt_number: 'S001-C02-000008', sold: 1, paid: 500, amount: 500 })).toThrow(
      /more than/,
    );
  });

  it('keeps each tender within what it took, a declined refund freeing its amount; no receipt is cash only', () => {
    qrSale();
    migrate(temp.db, { target: 22 });
    header('r1', 1, { sale_id: 's1' });
    tender('r1', { amount: 2000 });
    header('r2', 2, { sale_id: 's1' });
    expect(() => tender('r2', { amount: 141 })).toThrow(/more than its tender took/);
    expect(() => tender('r2', { amount: 10, took: 3000 })).toThrow(/more than its tender took/);
    expect(() => tender('r2', { amount: 10, sale_position: 2 })).toThrow(/more than its tender took/);
    temp.db.prepare("UPDATE refund_tenders SET status = 'declined' WHERE refund_id = 'r1'").run();
    tender('r2', { amount: 2140 });
    expect(() =>
      temp.db.prepare("UPDATE refund_tenders SET status = 'created' WHERE refund_id = 'r1'").run(),
    ).toThrow(/finished refund/);
    header('r3', 3, { receipt_number: null });
    expect(() => tender('r3', { sale_position: null, took: null })).toThrow(/cash only/);
    tender('r3', {
      kind: 'cash',
      sale_position: null,
      took: null,
      payment_id: null,
      payment_reference: null,
      provider: null,
      status: 'paid',
    });
  });

  it('numbers refunds per terminal and lets a header only become done', () => {
    migrate(temp.db, { target: 22 });
    expect(() => header('r1', 1, { refund_number: 'S001-C01-000001' })).toThrow(/CHECK constraint/);
    header('r1', 1);
    expect(() => header('r1b', 1)).toThrow(/UNIQUE/);
    const done = temp.db.prepare("UPDATE refunds SET state = 'done', completed_at = ? WHERE id = 'r1'");
    expect(() => temp.db.prepare('UPDATE refunds SET total = 5').run()).toThrow(/only becomes done/);
    done.run(T);
    expect(() =>
      temp.db.prepare("UPDATE refunds SET state = 'in_progress', completed_at = NULL").run(),
    ).toThrow(/only becomes done/);
    expect(() => temp.db.prepare('DELETE FROM refunds').run()).toThrow(/never deleted/);
  });
});

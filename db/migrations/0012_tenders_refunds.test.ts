import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(11);
const rows = migrationRows(temp);
const { insert, basket, sale } = rows;
/** Payment p<n> of basket b<n>. */
const payment = (n: number, overrides: Record<string, unknown> = {}) =>
  rows.payment(`p${n}`, { basket_id: `b${n}`, ...overrides });
/** A paid basket b<n> with its paid payment p<n> (of `method`) and sale s<n>, as a kiosk wrote them. */
const paidSale = (n: number, method = 'merchant_presented', amount = 2140) => {
  basket(`b${n}`, 'closed');
  payment(n, {
    status: 'paid',
    amount,
    method,
    ...(method === 'customer_presented' ? { masked_code: '1345****1230', wallet: 'wechat' } : {}),
  });
  sale(n, { total: amount });
};
const all = (sql: string, ...params: unknown[]) => temp.db.prepare(sql).all(...params);
const tender = (values: Record<string, unknown>) =>
  insert('sale_tenders', { sale_id: 's1', position: 2, kind: 'cash', amount: 100, ...values });
const refund = (id: string, values: Record<string, unknown> = {}) =>
  insert('refunds', {
    id,
    sale_id: 's1',
    kind: 'merchant_qr',
    payment_id: 'p1',
    reference: `RF${id}`,
    provider: 'simulator',
    status: 'created',
    amount: 100,
    currency: 'CNY',
    reason: 'Damaged',
    authorised_by: 'A01',
    created_at: 'T',
    updated_at: 'T',
    ...values,
  });
const setRefund = (id: string, status: string) =>
  temp.db.prepare('UPDATE refunds SET status = ? WHERE id = ?').run(status, id);

describe('migration 0012_tenders_refunds', () => {
  it('gives every existing sale one tender of its whole total, of its payment’s kind, sales unchanged', () => {
    paidSale(1, 'merchant_presented', 2140);
    paidSale(2, 'customer_presented', 999);
    const before = all('SELECT * FROM sales ORDER BY id');
    migrate(temp.db, { target: 12 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(12);
    expect(all('SELECT * FROM sales ORDER BY id')).toEqual(before);
    expect(all('SELECT * FROM sale_tenders ORDER BY sale_id')).toEqual([
      { sale_id: 's1', position: 1, kind: 'merchant_qr', amount: 2140, tendered: null, payment_id: 'p1' },
      { sale_id: 's2', position: 1, kind: 'wallet_code', amount: 999, tendered: null, payment_id: 'p2' },
    ]);
  });

  it('keeps sales immutable, and lets a sale have no code payment (cash), each payment still once', () => {
    paidSale(1);
    migrate(temp.db, { target: 12 });
    expect(() => temp.db.prepare("UPDATE sales SET total = 1 WHERE id = 's1'").run()).toThrow(/immutable/);
    expect(() => temp.db.prepare("DELETE FROM sales WHERE id = 's1'").run()).toThrow(/immutable/);
    basket('b2', 'closed');
    sale(2, { payment_id: null });
    basket('b3', 'closed');
    expect(() => sale(3, { payment_id: 'p1' })).toThrow(/UNIQUE/);
    expect(() => sale(4, { basket_id: 'b2', payment_id: null })).toThrow(/UNIQUE/);
  });

  it('takes cash with its change beside a code tender, and refuses tenders that do not fit their kind', () => {
    paidSale(1);
    migrate(temp.db, { target: 12 });
    tender({ position: 2, amount: 500, tendered: 1000 });
    expect(() => tender({ position: 3, payment_id: 'p1' })).toThrow(/CHECK/); // cash has no payment
    expect(() => tender({ position: 3, kind: 'wallet_code' })).toThrow(/CHECK/); // a code needs its payment
    expect(() => tender({ position: 3, amount: 100, tendered: 50 })).toThrow(/CHECK/);
    expect(() => tender({ position: 3, amount: 0 })).toThrow(/CHECK/);
    expect(() => tender({ position: 2 })).toThrow(/UNIQUE/);
    // A code tender is its paid payment of its kind, whole.
    basket('b2', 'paying');
    payment(2, { status: 'pending', amount: 100 });
    expect(() => tender({ position: 3, kind: 'merchant_qr', amount: 100, payment_id: 'p2' })).toThrow(
      /paid payment of its kind/,
    );
    temp.db.prepare("UPDATE payments SET status = 'paid' WHERE id = 'p2'").run();
    expect(() => tender({ position: 3, kind: 'wallet_code', amount: 100, payment_id: 'p2' })).toThrow(
      /paid payment of its kind/,
    );
    expect(() => tender({ position: 3, kind: 'merchant_qr', amount: 99, payment_id: 'p2' })).toThrow(
      /whole amount/,
    );
    expect(() =>
      tender({ position: 3, kind: 'merchant_qr', amount: 100, tendered: 200, payment_id: 'p2' }),
    ).toThrow(/CHECK/);
    expect(() => temp.db.prepare('UPDATE sale_tenders SET amount = 1').run()).toThrow(/immutable/);
    expect(() => temp.db.prepare('DELETE FROM sale_tenders').run()).toThrow(/immutable/);
  });

  it('moves a refund through the payment states only, and freezes it once final', () => {
    paidSale(1);
    migrate(temp.db, { target: 12 });
    refund('r1');
    expect(() => setRefund('r1', 'paid')).toThrow(/illegal refund status change/);
    setRefund('r1', 'pending');
    setRefund('r1', 'unknown');
    setRefund('r1', 'paid');
    expect(() => temp.db.prepare("UPDATE refunds SET failure_reason = 'x' WHERE id = 'r1'").run()).toThrow(
      /finished refund/,
    );
    refund('r2');
    expect(() => temp.db.prepare("UPDATE refunds SET amount = 1 WHERE id = 'r2'").run()).toThrow(
      /only a refund's status/,
    );
    temp.db.prepare("UPDATE refunds SET status = 'pending', provider_ref = 'rf_9' WHERE id = 'r2'").run();
    expect(() => temp.db.prepare("DELETE FROM refunds WHERE id = 'r2'").run()).toThrow(/never deleted/);
  });

  it('never gives back more than the sale or the tender took; a failed refund gives its amount back', () => {
    paidSale(1, 'merchant_presented', 1000);
    migrate(temp.db, { target: 12 });
    refund('r1', { amount: 600 });
    expect(() => refund('r2', { amount: 401 })).toThrow(/more than its sale or tender took/);
    setRefund('r1', 'declined');
    refund('r3', { amount: 1000 });
    // Cash back too counts against the sale's total.
    expect(() => refund('r4', { kind: 'cash', payment_id: null, provider: null, amount: 1 })).toThrow(
      /more than/,
    );
    // A payment that is not a tender of this sale gives nothing back.
    paidSale(2, 'merchant_presented', 1000);
    expect(() => refund('r5', { sale_id: 's2', payment_id: 'p1', amount: 1 })).toThrow(/more than/);
  });

  it('refuses a cash refund naming a payment or provider, and a code refund without them', () => {
    paidSale(1);
    migrate(temp.db, { target: 12 });
    expect(() => refund('r1', { kind: 'cash', provider: null })).toThrow(/CHECK/);
    expect(() => refund('r2', { kind: 'cash', payment_id: null })).toThrow(/CHECK/);
    expect(() => refund('r3', { payment_id: null })).toThrow(/CHECK/);
    expect(() => refund('r4', { reason: '' })).toThrow(/CHECK/);
    expect(() => refund('r5', { status: 'maybe' })).toThrow(/CHECK/);
    refund('r6', { kind: 'cash', payment_id: null, provider: null, status: 'paid' });
    expect(() => refund('r7', { reference: 'RFr6' })).toThrow(/UNIQUE/);
  });
});

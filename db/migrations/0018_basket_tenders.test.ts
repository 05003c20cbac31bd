import { describe, expect, it } from 'vitest';
import { migrationRows, T } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(17);
const { insert, basket, payment } = migrationRows(temp);

const indexes = () =>
  temp.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'")
    .pluck()
    .all();

const tender = (position: number, row: Record<string, unknown>) =>
  insert('basket_tenders', {
    basket_id: 'b1',
    position,
    staff_id: 'C01',
    taken_at: T,
    updated_at: T,
    ...row,
  });

/** Basket b1 being tendered for 10.00. */
const tendering = () =>
  insert('basket_tendering', { basket_id: 'b1', total: 1000, currency: 'CNY', started_at: T, updated_at: T });

describe('migration 0018_basket_tenders', () => {
  it('keeps every payment and the kiosk’s rule: one in flight, and a basket not tendered paid once', () => {
    basket('b1', 'paying');
    payment('p1', { status: 'paid' });
    const before = temp.db.prepare('SELECT * FROM payments').all();
    migrate(temp.db, { target: 18 });
    expect(temp.db.prepare('SELECT * FROM payments').all()).toEqual(before);
    expect(indexes()).toContain('payments_one_in_flight_per_basket');
    expect(indexes()).not.toContain('payments_one_live_per_basket');
    expect(() => payment('p2', { status: 'created' })).toThrow(/paid once/);
    basket('b2', 'closed');
    payment('p3', { basket_id: 'b2', status: 'created' });
    expect(() => payment('p4', { basket_id: 'b2', status: 'created' })).toThrow(/UNIQUE/);
  });

  it('a tendered basket takes several payments, never one beyond what is still due', () => {
    migrate(temp.db, { target: 18 });
    basket('b1', 'paying');
    tendering();
    tender(1, { kind: 'cash', amount: 300, tendered: 500, state: 'taken' });
    expect(() => payment('p1', { amount: 701 })).toThrow(/more than is still due/);
    payment('p1', { amount: 700 });
    tender(2, { kind: 'merchant_qr', amount: 700, payment_id: 'p1', state: 'pending' });
    // The tender follows its payment, in the same statement.
    temp.db.prepare("UPDATE payments SET status = 'paid' WHERE id = 'p1'").run();
    expect(temp.db.prepare('SELECT state FROM basket_tenders ORDER BY position').pluck().all()).toEqual([
      'taken',
      'taken',
    ]);
    expect(() => temp.db.prepare('UPDATE basket_tendering SET total = 900').run()).toThrow(/fixed/);
    expect(() => temp.db.prepare('DELETE FROM basket_tenders').run()).toThrow(/never deleted/);
    expect(() => temp.db.prepare('UPDATE basket_tenders SET amount = 1').run()).toThrow(/keeps its kind/);
  });

  it('refuses a cash tender with a payment, a code tender handed in excess, a reversal naming nobody', () => {
    migrate(temp.db, { target: 18 });
    basket('b1', 'paying');
    tendering();
    payment('p1', { amount: 500 });
    expect(() => tender(1, { kind: 'cash', amount: 500, payment_id: 'p1', state: 'taken' })).toThrow(/CHECK/);
    expect(() =>
      tender(1, { kind: 'merchant_qr', amount: 500, tendered: 600, payment_id: 'p1', state: 'pending' }),
    ).toThrow(/CHECK/);
    expect(() => tender(1, { kind: 'cash', amount: 500, state: 'reversed' })).toThrow(/CHECK/);
    expect(() => tender(1, { kind: 'cash', amount: 500, state: 'pending' })).toThrow(/CHECK/);
  });
});

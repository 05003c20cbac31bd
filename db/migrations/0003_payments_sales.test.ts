import { beforeEach, describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';

const temp = useTempDatabase(3);
const rows = migrationRows(temp, { currency: 'EUR', amount: 1000, provider: 'sim' });
const { insert, basket, payment } = rows;

beforeEach(() => basket('b1'));

/** Sale s1 of basket b1, paid by p1, receipt S001-K01-000001. */
const sale = (overrides: Record<string, unknown> = {}) => rows.sale(1, { tax_total: 160, ...overrides });
const setPaymentStatus = (id: string, status: string) =>
  temp.db.prepare('UPDATE payments SET status = ? WHERE id = ?').run(status, id);

describe('migration 0003_payments_sales', () => {
  it('creates payments, sales and terminal_sequences at schema version 3', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(3);
    const names = (
      temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['payments', 'sales', 'terminal_sequences']));
    expect(names).not.toContain('outbox');
  });

  it('refuses payments with bad data', () => {
    expect(() => payment('p1', { amount: 0 })).toThrow(/CHECK/);
    expect(() => payment('p2', { amount: 10.5 })).toThrow(/INTEGER/);
    expect(() => payment('p3', { reference: 'X'.repeat(33) })).toThrow(/CHECK/);
    expect(() => payment('p4', { status: 'maybe' })).toThrow(/CHECK/);
    expect(() => payment('p5', { basket_id: 'nope' })).toThrow(/FOREIGN KEY/);
    payment('p6', { reference: 'R1', status: 'declined' });
    expect(() => payment('p7', { reference: 'R1', status: 'declined' })).toThrow(/UNIQUE/);
  });

  it('allows one payment in flight or paid per basket, any number of failed ones', () => {
    payment('p1', { status: 'declined' });
    payment('p2', { status: 'cancelled' });
    payment('p3', { status: 'pending' });
    expect(() => payment('p4', { status: 'created' })).toThrow(/UNIQUE/);
    setPaymentStatus('p3', 'paid');
    expect(() => payment('p5', { status: 'unknown' })).toThrow(/UNIQUE/);
  });

  it('refuses illegal payment status moves and any change to a finished payment', () => {
    payment('p1', { status: 'created' });
    expect(() => setPaymentStatus('p1', 'paid')).toThrow(/illegal payment status change/);
    setPaymentStatus('p1', 'unknown');
    setPaymentStatus('p1', 'pending');
    setPaymentStatus('p1', 'paid');
    expect(() => setPaymentStatus('p1', 'cancelled')).toThrow(/finished payment/);
    expect(() => temp.db.prepare("UPDATE payments SET qr_payload = 'x'").run()).toThrow(/finished payment/);
    expect(() => temp.db.prepare('DELETE FROM payments').run()).toThrow(/never deleted/);
  });

  it('refuses a sale whose receipt number does not match its store, terminal and sequence', () => {
    payment('p1', { status: 'paid' });
    expect(() => sale({ receipt_number: 'S001-K01-000002' })).toThrow(/CHECK/);
    expect(() => sale({ receipt_json: 'not json' })).toThrow(/CHECK/);
    expect(() => sale({ tax_total: 2000 })).toThrow(/CHECK/);
    sale();
    expect(() => sale({ id: 's2' })).toThrow(/UNIQUE/);
  });

  it('keeps sales immutable', () => {
    payment('p1', { status: 'paid' });
    sale();
    expect(() => temp.db.prepare('UPDATE sales SET total = 1').run()).toThrow(/immutable/);
    expect(() => temp.db.prepare('DELETE FROM sales').run()).toThrow(/immutable/);
    expect(temp.db.prepare('SELECT total FROM sales').get()).toEqual({ total: 1000 });
  });

  it('lets the receipt counter only advance by one', () => {
    insert('terminal_sequences', { store_id: 'S001', terminal_id: 'K01', last_sequence: 1 });
    const set = (n: number) => temp.db.prepare('UPDATE terminal_sequences SET last_sequence = ?').run(n);
    expect(() => set(3)).toThrow(/exactly one/);
    expect(() => set(0)).toThrow(/exactly one/);
    set(2);
    expect(temp.db.prepare('SELECT last_sequence FROM terminal_sequences').get()).toEqual({
      last_sequence: 2,
    });
  });
});

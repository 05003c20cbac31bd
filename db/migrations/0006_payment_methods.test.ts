import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(5);
const { basket, payment } = migrationRows(temp);

const row = (id: string) =>
  temp.db.prepare('SELECT method, masked_code FROM payments WHERE id = ?').get(id) as {
    method: string;
    masked_code: string | null;
  };

describe('migration 0006_payment_methods', () => {
  it('keeps every earlier payment as merchant-presented, with no code', () => {
    basket('b1');
    payment('p1', { qr_payload: 'http://sim/pay/1', provider_ref: 'sim_1' });
    payment('p2', { status: 'declined', failure_reason: 'declined by the payer' });
    migrate(temp.db, { target: 6 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(6);
    expect(row('p1')).toEqual({ method: 'merchant_presented', masked_code: null });
    expect(row('p2')).toEqual({ method: 'merchant_presented', masked_code: null });
    // The old rules still hold on the new columns' table.
    expect(() => temp.db.prepare("UPDATE payments SET status = 'created' WHERE id = 'p1'").run()).toThrow(
      /illegal payment status change/,
    );
  });

  it('stores a customer-presented payment with its masked code only', () => {
    migrate(temp.db, { target: 6 });
    basket('b1');
    payment('p1', { method: 'customer_presented', masked_code: '1345****7788' });
    expect(row('p1')).toEqual({ method: 'customer_presented', masked_code: '1345****7788' });
  });

  it('refuses a whole wallet code, a method it does not know, and a code without its method', () => {
    migrate(temp.db, { target: 6 });
    basket('b1');
    const bad = (overrides: Record<string, unknown>) => () => payment('px', overrides);
    expect(bad({ method: 'customer_presented', masked_code: '134512345678907788' })).toThrow(/CHECK/);
    expect(bad({ method: 'customer_presented', masked_code: '134512345678*907788' })).toThrow(/CHECK/);
    expect(bad({ method: 'customer_presented', masked_code: '' })).toThrow(/CHECK/);
    expect(bad({ method: 'nfc' })).toThrow(/CHECK/);
    expect(bad({ method: 'customer_presented' })).toThrow(/needs its masked code/);
    expect(bad({ masked_code: '1345****7788' })).toThrow(/needs its masked code/);
    expect(temp.db.prepare('SELECT count(*) AS n FROM payments').get()).toEqual({ n: 0 });
  });

  it('never lets a payment change how it is paid', () => {
    migrate(temp.db, { target: 6 });
    basket('b1');
    payment('p1', { method: 'customer_presented', masked_code: '1345****7788' });
    expect(() =>
      temp.db.prepare("UPDATE payments SET method = 'merchant_presented', masked_code = NULL").run(),
    ).toThrow(/cannot change/);
    expect(() => temp.db.prepare("UPDATE payments SET masked_code = '2812****1234'").run()).toThrow(
      /cannot change/,
    );
    temp.db.prepare("UPDATE payments SET status = 'paid' WHERE id = 'p1'").run();
    expect(row('p1').method).toBe('customer_presented');
  });
});

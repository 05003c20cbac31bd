import { describe, expect, it } from 'vitest';
import { migrationRows, T } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(24);
const { insert, basket } = migrationRows(temp);
const change = (hqId: number, values: Record<string, unknown> = {}) =>
  insert('price_changes', {
    hq_id: hqId,
    gtin: '06901234567892',
    price: 990,
    effective_at: Date.parse('2026-12-08T06:00:00Z'),
    store_level: 0,
    received_at: T,
    ...values,
  });

describe('migration 0025_price_changes', () => {
  it('adds dated prices, the feed cursor and printed labels to a store at 24, keeping its baskets', () => {
    basket('b1');
    migrate(temp.db, { target: 25 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(25);
    change(1);
    change(2, { store_level: 1, price: 950 });
    insert('price_feed', { id: 1, cursor: '3:2' });
    insert('label_prints', {
      gtin: '06901234567892',
      price: 990,
      effective_at: null,
      printer: 'label',
      staff_id: 'S7',
      printed_at: T,
    });
    expect(temp.db.prepare('SELECT hq_id, price FROM price_changes ORDER BY hq_id').all()).toEqual([
      { hq_id: 1, price: 990 },
      { hq_id: 2, price: 950 },
    ]);
    expect(temp.db.prepare('SELECT count(*) AS n FROM baskets').get()).toEqual({ n: 1 });
  });

  it('refuses a negative price, an unknown level, a second cursor row and an unknown printer', () => {
    migrate(temp.db, { target: 25 });
    expect(() => change(1, { price: -1 })).toThrow(/CHECK/);
    expect(() => change(2, { store_level: 2 })).toThrow(/CHECK/);
    expect(() => insert('price_feed', { id: 2, cursor: '0' })).toThrow(/CHECK/);
    const print = { gtin: 'g', price: 1, printer: 'fax', staff_id: 'S7', printed_at: T };
    expect(() => insert('label_prints', print)).toThrow(/CHECK/);
  });
});

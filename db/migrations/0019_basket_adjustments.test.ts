import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(18);
const { insert, basket } = migrationRows(temp);
const T = '2026-12-07T06:30:00.000Z';
const line = (id: string) =>
  insert('basket_lines', {
    id,
    basket_id: 'b1',
    position: 1,
    gtin: '06901234567892',
    barcode: '6901234567892',
    name: 'Tea',
    unit: 'each',
    unit_price: 500,
    quantity: 2,
    tax_rate_bp: 1300,
    added_at: T,
    updated_at: T,
  });
const adjustment = (id: string, values: Record<string, unknown>) =>
  insert('basket_adjustments', {
    id,
    basket_id: 'b1',
    reason: 'damaged',
    staff_id: 'C01',
    created_at: T,
    ...values,
  });

describe('migration 0019_basket_adjustments', () => {
  it('keeps an override, a line discount and a sale discount, with who gave and approved them', () => {
    basket('b1', 'open');
    line('l1');
    migrate(temp.db, { target: 19 });
    adjustment('a1', { line_id: 'l1', kind: 'price_override', unit_price: 400 });
    adjustment('a2', {
      line_id: 'l1',
      kind: 'line_discount',
      discount_kind: 'percent',
      discount_value: 1000,
    });
    adjustment('a3', {
      kind: 'sale_discount',
      discount_kind: 'amount',
      discount_value: 100,
      approver_id: 'S01',
    });
    expect(temp.db.prepare('SELECT id FROM basket_adjustments ORDER BY id').pluck().all()).toEqual([
      'a1',
      'a2',
      'a3',
    ]);
  });

  it('refuses a second live one of a kind, a malformed row and a deletion', () => {
    basket('b1', 'open');
    line('l1');
    migrate(temp.db, { target: 19 });
    adjustment('a1', { line_id: 'l1', kind: 'price_override', unit_price: 400 });
    expect(() => adjustment('a2', { line_id: 'l1', kind: 'price_override', unit_price: 300 })).toThrow(
      /UNIQUE/,
    );
    // Once the first is removed, a new one goes in.
    temp.db.prepare("UPDATE basket_adjustments SET removed_at = ? WHERE id = 'a1'").run(T);
    adjustment('a2', { line_id: 'l1', kind: 'price_override', unit_price: 300 });
    expect(() =>
      adjustment('a3', { kind: 'sale_discount', discount_kind: 'percent', discount_value: 10_001 }),
    ).toThrow(/CHECK/);
    expect(() =>
      adjustment('a4', { kind: 'line_discount', discount_kind: 'amount', discount_value: 5 }),
    ).toThrow(/CHECK/);
    expect(() => adjustment('a5', { line_id: 'l1', kind: 'price_override' })).toThrow(/CHECK/);
    expect(() => temp.db.prepare('DELETE FROM basket_adjustments').run()).toThrow(/never deleted/);
  });
});

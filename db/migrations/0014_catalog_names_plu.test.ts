import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(12);
const rows = migrationRows(temp);
const product = (gtin: string, values: Record<string, unknown> = {}) =>
  rows.insert('products', {
    gtin,
    barcode: gtin.slice(1),
    name: 'Bananas',
    price: 690,
    tax_rate_bp: 900,
    unit: 'kg',
    updated_at: 0,
    ...values,
  });

describe('migration 0014_catalog_names_plu', () => {
  it('keeps every product as it was: no names, no PLU, not in the grid', () => {
    product('06901234567892');
    migrate(temp.db, { target: 14 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(14);
    expect(temp.db.prepare('SELECT names, plu, grid FROM products').get()).toEqual({
      names: null,
      plu: null,
      grid: 0,
    });
  });

  it('holds names as a JSON object and a PLU as 4 or 5 digits, and refuses anything else', () => {
    migrate(temp.db, { target: 14 });
    product('06901234567892', { names: '{"zh-CN":"香蕉"}', plu: '4011', grid: 1 });
    expect(() => product('06901234567908', { names: '["香蕉"]' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { names: 'not json' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { plu: '40' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { plu: '401a' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { grid: 2 })).toThrow(/CHECK/);
  });

  it('gives baskets a language and lines their names, both empty on existing rows', () => {
    rows.basket('b1', 'open');
    migrate(temp.db, { target: 14 });
    expect(temp.db.prepare('SELECT language FROM baskets').get()).toEqual({ language: null });
    temp.db.prepare("UPDATE baskets SET language = 'zh-CN'").run();
    expect(() => temp.db.prepare("UPDATE baskets SET language = 'z'").run()).toThrow(/CHECK/);
  });
});

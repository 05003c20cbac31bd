import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { useTempDatabase } from '../../test/helpers/temp-db';

const temp = useTempDatabase(1);

const barcode = withCheckDigit('690123456789');
const good = {
  gtin: barcode.padStart(14, '0'),
  barcode,
  name: 'Whole Milk 1 L',
  price: 1350,
  tax_rate_bp: 900,
  unit: 'each',
  age_limit: null as number | null,
  department: 'Dairy',
  updated_at: 1_700_000_000_000,
};
const insert = (row: Record<string, unknown>) =>
  temp.db
    .prepare(
      `INSERT INTO products (gtin, barcode, name, price, tax_rate_bp, unit, age_limit, department, updated_at)
       VALUES (@gtin, @barcode, @name, @price, @tax_rate_bp, @unit, @age_limit, @department, @updated_at)`,
    )
    .run({ ...good, ...row });

describe('migration 0001_catalog', () => {
  it('creates the products table keyed by GTIN without a rowid, at schema version 1', () => {
    expect(temp.db.pragma('user_version', { simple: true })).toBe(1);
    const table = temp.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'products'").get() as {
      sql: string;
    };
    expect(table.sql).toMatch(/WITHOUT ROWID/);
    const columns = temp.db.prepare('PRAGMA table_info(products)').all() as { name: string; pk: number }[];
    expect(columns.map((c) => c.name)).toEqual([
      'gtin',
      'barcode',
      'name',
      'price',
      'tax_rate_bp',
      'unit',
      'age_limit',
      'department',
      'updated_at',
    ]);
    expect(columns.filter((c) => c.pk).map((c) => c.name)).toEqual(['gtin']);
  });

  it('stores a good product and reads it back by GTIN', () => {
    insert({});
    expect(temp.db.prepare('SELECT name, price FROM products WHERE gtin = ?').get(good.gtin)).toEqual({
      name: 'Whole Milk 1 L',
      price: 1350,
    });
  });

  it('refuses a second row with the same GTIN', () => {
    insert({});
    expect(() => insert({ name: 'Other' })).toThrow(/UNIQUE constraint failed: products.gtin/);
  });

  it.each([
    ['a unit other than each or kg', { unit: 'box' }],
    ['a GTIN that is not 14 digits', { gtin: barcode }],
    ['a GTIN with letters', { gtin: '0690123456789X' }],
    ['a barcode of the wrong length', { barcode: '12345' }],
    ['an empty name', { name: '  ' }],
    ['a negative price', { price: -1 }],
    ['a fractional price', { price: 12.5 }],
    ['a price as text', { price: '12.50' }],
    ['a tax rate over 100 %', { tax_rate_bp: 10_001 }],
    ['an age limit of 0 (stored as NULL)', { age_limit: 0 }],
    ['an age limit over 99', { age_limit: 100 }],
    ['a missing updated_at', { updated_at: null }],
  ])('refuses %s', (_what, row) => {
    expect(() => insert(row)).toThrow(/constraint|cannot store/i);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM products').get()).toEqual({ n: 0 });
  });
});

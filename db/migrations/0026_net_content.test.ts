import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(25);
const rows = migrationRows(temp);
const product = (gtin: string, values: Record<string, unknown> = {}) =>
  rows.insert('products', {
    gtin,
    barcode: gtin.slice(1),
    name: 'Oolong tea 500 ml',
    price: 350,
    tax_rate_bp: 1300,
    unit: 'each',
    updated_at: 0,
    ...values,
  });

describe('migration 0026_net_content', () => {
  it('keeps every product of a store at 25, with no net content', () => {
    product('06901234567892');
    migrate(temp.db, { target: 26 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(26);
    expect(temp.db.prepare('SELECT name, net_content, net_content_unit FROM products').get()).toEqual({
      name: 'Oolong tea 500 ml',
      net_content: null,
      net_content_unit: null,
    });
  });

  it('holds whole grams or millilitres and refuses anything else', () => {
    migrate(temp.db, { target: 26 });
    product('06901234567892', { net_content: 500, net_content_unit: 'ml' });
    expect(() => product('06901234567908', { net_content: 0, net_content_unit: 'g' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { net_content: 1.5, net_content_unit: 'ml' })).toThrow(/REAL/);
    expect(() => product('06901234567908', { net_content: 500, net_content_unit: 'oz' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { net_content: 500 })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { net_content_unit: 'g' })).toThrow(/CHECK/);
    expect(temp.db.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 1 });
  });
});

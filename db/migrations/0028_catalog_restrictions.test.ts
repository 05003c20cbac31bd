import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(27);
const rows = migrationRows(temp);
const product = (gtin: string, values: Record<string, unknown> = {}) =>
  rows.insert('products', {
    gtin,
    barcode: gtin.slice(1),
    name: 'Paracetamol 500 mg',
    price: 1250,
    tax_rate_bp: 1300,
    unit: 'each',
    updated_at: 0,
    ...values,
  });

describe('migration 0028_catalog_restrictions', () => {
  it('keeps every product of a store at 27, with no restriction from HQ and no department rules', () => {
    product('06901234567892');
    migrate(temp.db, { target: 28 });
    expect(temp.db.prepare('SELECT name, no_sale, max_per_basket FROM products').get()).toEqual({
      name: 'Paracetamol 500 mg',
      no_sale: null,
      max_per_basket: null,
    });
    expect(temp.db.prepare('SELECT count(*) AS n FROM hq_department_rules').get()).toEqual({ n: 0 });
    expect(temp.db.prepare('SELECT version FROM hq_sale_rules_state').get()).toEqual({ version: 0 });
  });

  it('holds windows as a JSON array and a maximum from 1 to 9999, and refuses anything else', () => {
    migrate(temp.db, { target: 28 });
    product('06901234567892', { no_sale: '[{"from":"22:00","to":"07:00"}]', max_per_basket: 2 });
    expect(() => product('06901234567908', { no_sale: '{"from":"22:00"}' })).toThrow(/CHECK/);
    expect(() => product('06901234567908', { max_per_basket: 0 })).toThrow(/CHECK/);
    expect(() =>
      temp.db.prepare("INSERT INTO hq_department_rules VALUES ('Alcohol', '[]', 10000)").run(),
    ).toThrow(/CHECK/);
    temp.db.prepare("INSERT INTO hq_department_rules VALUES ('Alcohol', '[]', 12)").run();
    // One rule per department, whatever its case.
    expect(() =>
      temp.db.prepare("INSERT INTO hq_department_rules VALUES ('alcohol', '[]', 6)").run(),
    ).toThrow(/UNIQUE/);
  });
});

// The `openlane` command as store IT runs it: a real process, a real data directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
const openlane = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('openlane catalog import', () => {
  let dir: string;
  let data: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-cli-'));
    data = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const products = () => {
    const db = new Database(join(data, 'openlane.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT barcode, name, price, tax_rate_bp, unit, age_limit FROM products ORDER BY barcode')
        .all();
    } finally {
      db.close();
    }
  };

  it('adds and then updates products from a good file', () => {
    const file = join(dir, 'good.csv');
    writeFileSync(
      file,
      'barcode,name,price,tax_rate,unit,age_limit\n4006381333931,Pencil,1.50,13,each,\n96385074,"Apples, Fuji",12.80,9,kg,\n',
    );
    const first = openlane('catalog', 'import', file, '--data', data);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Imported 2 products .*\(2 new, 0 updated\)/);
    expect(products()).toEqual([
      {
        barcode: '4006381333931',
        name: 'Pencil',
        price: 150,
        tax_rate_bp: 1300,
        unit: 'each',
        age_limit: null,
      },
      {
        barcode: '96385074',
        name: 'Apples, Fuji',
        price: 1280,
        tax_rate_bp: 900,
        unit: 'kg',
        age_limit: null,
      },
    ]);

    writeFileSync(file, 'barcode,name,price\n4006381333931,Pencil HB,1.60\n');
    const second = openlane('catalog', 'import', file, '--data', data);
    expect(second.stdout).toMatch(/Imported 1 products .*\(0 new, 1 updated\)/);
    expect(products()).toContainEqual(
      expect.objectContaining({ barcode: '4006381333931', name: 'Pencil HB', price: 160 }),
    );
  });

  it('refuses a file with bad rows as a whole, listing every bad row by line number', () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'barcode,name,price\n4006381333931,Pencil,1.50\n');
    openlane('catalog', 'import', good, '--data', data);
    const before = products();

    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'barcode,name,price',
        '4006381333932,Wrong check digit,1.00',
        '96385074,,2.00',
        '036000291452,Bad price,12,50',
        '036000291452,Duplicate,3.00',
        '0036000291452,Same GTIN as UPC-A,3.00',
        '4006381333931,Would-be update,9.99',
      ].join('\n'),
    );
    const result = openlane('catalog', 'import', bad, '--data', data);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nothing was changed/i);
    expect(result.stderr).toMatch(/line 2: .*check digit/);
    expect(result.stderr).toMatch(/line 3: .*name/);
    expect(result.stderr).toMatch(/line 4: /);
    expect(result.stderr).toMatch(/line 6: .*line 5/);
    expect(products()).toEqual(before);
  });

  it('keeps net contents, says how many, and refuses a bad one by its line', () => {
    const file = join(dir, 'drinks.csv');
    writeFileSync(
      file,
      'barcode,name,price,net_content\n4006381333931,Cola,5.99,1.5 l\n96385074,Beer 6-pack,39.00,6 x 330 ml\n',
    );
    const good = openlane('catalog', 'import', file, '--data', data);
    expect(good.stderr).toBe('');
    expect(good.stdout).toMatch(/\(2 new, 0 updated\); 2 with a net content for a unit price\./);
    writeFileSync(file, 'barcode,name,price,net_content\n4006381333931,Cola,5.99,1.5 oz\n');
    const bad = openlane('catalog', 'import', file, '--data', data);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/line 2: net_content "1.5 oz" is not an amount with g, kg, ml, cl or l/);
  });

  it('says what is wrong with the command line and exits 2', () => {
    const missing = openlane('catalog', 'import');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Usage: openlane catalog import FILE\.csv/);
    const unknown = openlane('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('reports a missing file clearly', () => {
    const result = openlane('catalog', 'import', join(dir, 'nope.csv'), '--data', data);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/nope\.csv/);
  });
});

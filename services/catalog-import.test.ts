import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gs1CheckDigit, withCheckDigit } from '../core/barcode/gtin';
import type { Product } from '../core/types';
import { countProducts, findNetContent, findProduct, upsertProducts } from '../db/catalog';
import { produceGrid, productNames } from '../db/catalog-names';
import { hqProductRules } from '../db/sale-rules';
import { openDatabase } from '../db/open';
import { formatImportErrors, importCatalogFile } from './catalog-import';

const OPTIONS = { currency: 'CNY', defaultTaxRateBp: 1300 };
let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-'));
  db = openDatabase(join(dir, 'terminal.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (i: number) => withCheckDigit(`690${String(i).padStart(9, '0')}`);
const writeCsv = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
};
/** A product already in the catalog before an import, at code(1). */
const oldProduct = (): Product => ({
  gtin: `0${code(1)}`,
  barcode: code(1),
  name: 'Old',
  price: 100,
  taxRateBp: 900,
  unit: 'each',
  ageLimit: null,
  department: null,
});
/** Everything in the catalog, to compare before and after a refused import. */
const snapshot = () => db.prepare('SELECT * FROM products ORDER BY gtin').all();

describe('importCatalogFile', () => {
  it('adds new products and updates existing ones, reporting which', () => {
    upsertProducts(db, [oldProduct()]);
    const path = writeCsv('catalog.csv', [
      'barcode,name,price,tax_rate,unit,age_limit,department',
      `${code(1)},Whole Milk 1 L,13.50,9,each,,Dairy`,
      `${code(2)},"Cheddar, aged",128,,kg,,Dairy`,
      `${code(3)},Merlot 750 ml,89.00,13,each,18,Alcohol`,
    ]);
    expect(importCatalogFile(db, path, OPTIONS)).toEqual({
      ok: true,
      imported: 3,
      created: 2,
      updated: 1,
      withNetContent: 0,
    });
    expect(findProduct(db, `0${code(1)}`)).toMatchObject({
      name: 'Whole Milk 1 L',
      price: 1350,
      taxRateBp: 900,
    });
    expect(findProduct(db, `0${code(2)}`)).toMatchObject({
      name: 'Cheddar, aged',
      unit: 'kg',
      taxRateBp: 1300,
    });
    expect(findProduct(db, `0${code(3)}`)).toMatchObject({ ageLimit: 18, department: 'Alcohol' });
  });

  it('lists every bad row of a file and leaves the catalog unchanged', () => {
    upsertProducts(db, [oldProduct()]);
    const before = snapshot();
    const wrongDigit = `690000000005${(gs1CheckDigit('690000000005') + 1) % 10}`;
    const path = writeCsv('bad.csv', [
      'barcode,name,price,unit',
      `${code(1)},Changed,1.00,each`,
      `${wrongDigit},Rice,12.00,each`,
      `${code(6)},,12,50,each`,
      `${code(7)},Flour,"12,50",box`,
      `${code(8)},Salt,2.00,each`,
      `${code(1)},Milk again,1.00,each`,
    ]);
    const result = importCatalogFile(db, path, OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 5, 7]);
    expect(result.errors[0]?.message).toContain(`it should be ${gs1CheckDigit('690000000005')}`);
    expect(result.errors[4]?.message).toBe(`barcode "${code(1)}" is already on line 2`);
    expect(snapshot()).toEqual(before);
  });

  it('writes nothing when the database refuses a row midway (one transaction)', () => {
    upsertProducts(db, [oldProduct()]);
    const before = snapshot();
    // Stands in for a full disk: the database fails on the last row of a file that validates.
    db.exec(`CREATE TEMP TRIGGER fail BEFORE INSERT ON products WHEN NEW.name = 'Last'
             BEGIN SELECT RAISE(ABORT, 'disk is full'); END`);
    const path = writeCsv('catalog.csv', [
      'barcode,name,price',
      `${code(1)},New,2`,
      `${code(2)},Two,2`,
      `${code(3)},Last,3`,
    ]);
    const result = importCatalogFile(db, path, OPTIONS);
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the catalog could not be written (disk is full); nothing was imported' }],
    });
    expect(snapshot()).toEqual(before);
  });

  it('reports a file it cannot read', () => {
    const result = importCatalogFile(db, join(dir, 'missing.csv'), OPTIONS);
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 0, message: `cannot read ${join(dir, 'missing.csv')} (ENOENT)` }],
    });
  });

  it('imports 20,000 rows', () => {
    const lines = ['barcode,name,price,department'];
    for (let i = 0; i < 20_000; i++)
      lines.push(`${code(i)},Item ${i},${i % 100}.${String(i % 100).padStart(2, '0')},Pantry`);
    expect(importCatalogFile(db, writeCsv('big.csv', lines), OPTIONS)).toEqual({
      ok: true,
      imported: 20_000,
      created: 20_000,
      updated: 0,
      withNetContent: 0,
    });
    expect(countProducts(db)).toBe(20_000);
    expect(findProduct(db, `0${code(12_345)}`)).toMatchObject({ name: 'Item 12345', price: 4545 });
  });
});

describe('importCatalogFile: names in other languages and produce PLUs', () => {
  const header = 'barcode,name,price,unit,name_zh-CN,plu,grid';

  it('stores the names and the grid; the scan lookup stays as it was and the names come beside it', () => {
    const path = writeCsv('catalog.csv', [
      header,
      `${code(1)},Bananas,6.90,kg,香蕉,4011,`,
      `${code(2)},Sweet Corn,4.90,each,甜玉米,,yes`,
      `${code(3)},Whole Milk 1 L,13.50,each,,,`,
    ]);
    expect(importCatalogFile(db, path, OPTIONS)).toMatchObject({ ok: true, imported: 3 });
    expect(findProduct(db, `0${code(1)}`)).toMatchObject({ name: 'Bananas', unit: 'kg', price: 690 });
    expect(productNames(db, `0${code(1)}`)).toEqual({ 'zh-CN': '香蕉' });
    expect(productNames(db, `0${code(3)}`)).toBeNull();
    expect(produceGrid(db)).toEqual([
      {
        gtin: `0${code(1)}`,
        barcode: code(1),
        name: 'Bananas',
        names: { 'zh-CN': '香蕉' },
        plu: '4011',
        price: 690,
        unit: 'kg',
      },
      {
        gtin: `0${code(2)}`,
        barcode: code(2),
        name: 'Sweet Corn',
        names: { 'zh-CN': '甜玉米' },
        plu: null,
        price: 490,
        unit: 'each',
      },
    ]);
  });

  it('refuses a whole file for one bad name, writing nothing, and says which row and why', () => {
    upsertProducts(db, [oldProduct()]);
    const before = snapshot();
    const path = writeCsv('catalog.csv', [
      header,
      `${code(1)},Bananas,6.90,kg,香蕉,4011,`,
      `${code(2)},Apples,12.90,kg,"苹\u0001果",4131,`,
    ]);
    expect(importCatalogFile(db, path, OPTIONS)).toEqual({
      ok: false,
      errors: [{ line: 3, message: 'name_zh-CN contains the control character U+0001; remove it' }],
    });
    expect(snapshot()).toEqual(before);
    expect(productNames(db, `0${code(1)}`)).toBeNull();
  });

  it('refuses a header with a language tag that is not BCP 47', () => {
    const path = writeCsv('catalog.csv', ['barcode,name,price,name_zh_CN', `${code(1)},Bananas,6.90,香蕉`]);
    const result = importCatalogFile(db, path, OPTIONS);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect(formatImportErrors(result.ok ? [] : result.errors)).toContain(
      '"zh_CN" is not a BCP 47 language tag',
    );
    expect(countProducts(db)).toBe(0);
  });
});

describe('importCatalogFile: net content', () => {
  const header = 'barcode,name,price,unit,net_content';

  it('keeps the net content of pieces, counting them', () => {
    const path = writeCsv('catalog.csv', [
      header,
      `${code(1)},Cola,5.99,each,1.5 l`,
      `${code(2)},Beer 6-pack,39.00,each,6 x 330 ml`,
      `${code(3)},Apples,12.90,kg,`,
    ]);
    expect(importCatalogFile(db, path, OPTIONS)).toMatchObject({ ok: true, imported: 3, withNetContent: 2 });
    expect(findNetContent(db, `0${code(1)}`)).toEqual({ amount: 1500, unit: 'ml' });
    expect(findNetContent(db, `0${code(2)}`)).toEqual({ amount: 1980, unit: 'ml' });
    expect(findNetContent(db, `0${code(3)}`)).toBeNull();
    // The scan path's product is as it was.
    expect(findProduct(db, `0${code(1)}`)).not.toHaveProperty('netContent');
  });

  it('refuses a whole file for bad net contents, writing nothing, naming each line and why', () => {
    upsertProducts(db, [oldProduct()]);
    const before = snapshot();
    const path = writeCsv('catalog.csv', [
      header,
      `${code(1)},Cola,5.99,each,1.5 l`,
      `${code(2)},Juice,8.00,each,1 gallon`,
      `${code(3)},Saffron,30.00,each,0.5 g`,
      `${code(4)},Apples,12.90,kg,1 kg`,
      `${code(5)},Water,1.00,each,0 ml`,
    ]);
    expect(importCatalogFile(db, path, OPTIONS)).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          message:
            'net_content "1 gallon" is not an amount with g, kg, ml, cl or l, like 500 g, 1.5 l or 6 x 330 ml',
        },
        { line: 4, message: 'net_content "0.5 g" is not a whole number of grams' },
        {
          line: 5,
          message: 'net_content is for items sold by the piece; an item of unit kg is priced per kg already',
        },
        { line: 6, message: 'net_content "0 ml" is zero' },
      ],
    });
    expect(snapshot()).toEqual(before);
  });
});

describe('importCatalogFile: sale restriction columns', () => {
  const rules = () =>
    hqProductRules(db, [`0${code(1)}`]).map(({ noSale, maxPerBasket }) => ({ noSale, maxPerBasket }));

  it('stores max_per_basket and no_sale, keeps them when a file has no such columns, clears them on empty cells', () => {
    upsertProducts(db, [{ ...oldProduct(), maxPerBasket: 2, noSale: [{ from: '22:00', to: '07:00' }] }]);
    expect(
      importCatalogFile(db, writeCsv('plain.csv', ['barcode,name,price', `${code(1)},Old,1.00`]), OPTIONS),
    ).toMatchObject({ ok: true });
    expect(rules()).toEqual([{ maxPerBasket: 2, noSale: [{ from: '22:00', to: '07:00' }] }]);

    const limitOnly = writeCsv('limit.csv', ['barcode,name,price,max_per_basket', `${code(1)},Old,1.00,3`]);
    expect(importCatalogFile(db, limitOnly, OPTIONS)).toMatchObject({ ok: true });
    expect(rules()).toEqual([{ maxPerBasket: 3, noSale: [{ from: '22:00', to: '07:00' }] }]);

    const cleared = writeCsv('cleared.csv', [
      'barcode,name,price,max_per_basket,no_sale',
      `${code(1)},Old,1.00,,`,
    ]);
    expect(importCatalogFile(db, cleared, OPTIONS)).toMatchObject({ ok: true });
    expect(rules()).toEqual([]);
  });

  it('refuses a bad limit or bad hours by line, writing nothing', () => {
    upsertProducts(db, [oldProduct()]);
    const before = snapshot();
    const bad = writeCsv('bad.csv', [
      'barcode,name,price,max_per_basket,no_sale',
      `${code(1)},Old,1.00,2,22:00-07:00`,
      `${code(2)},New,1.00,none,`,
      `${code(3)},Newer,1.00,,after ten`,
    ]);
    const result = importCatalogFile(db, bad, OPTIONS);
    expect(
      result.ok ? [] : result.errors.map((e) => [e.line, e.message.split(' ').slice(0, 2).join(' ')]),
    ).toEqual([
      [3, 'max_per_basket "none"'],
      [4, 'no_sale "after'],
    ]);
    expect(snapshot()).toEqual(before);
  });
});

describe('formatImportErrors', () => {
  const errors = Array.from({ length: 60 }, (_, i) => ({
    line: i + 2,
    message: `price "x${i}" is not a decimal like 12.50`,
  }));

  it('lists every error by line when there are few', () => {
    expect(formatImportErrors(errors.slice(0, 2))).toBe(
      [
        'Nothing was imported: 2 problems on 2 lines.',
        'line 2: price "x0" is not a decimal like 12.50',
        'line 3: price "x1" is not a decimal like 12.50',
      ].join('\n'),
    );
  });

  it('stops at max with an "and N more" tail', () => {
    const lines = formatImportErrors(errors, 50).split('\n');
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines[50]).toBe('line 51: price "x49" is not a decimal like 12.50');
    expect(lines.at(-1)).toBe('…and 10 more');
    expect(formatImportErrors(errors, 60)).not.toContain('more');
  });

  it('prints a file-level error without a line number', () => {
    expect(formatImportErrors([{ line: 0, message: 'cannot read x.csv (ENOENT)' }])).toBe(
      'Nothing was imported: 1 problem.\ncannot read x.csv (ENOENT)',
    );
  });
});

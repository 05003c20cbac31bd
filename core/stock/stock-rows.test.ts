import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../catalog/csv';
import type { Unit } from '../types';
import { validateStockRows, type StockAction } from './stock-rows';

// A small store: milk and bread sold each, apples by weight. GTIN-14 keys, as the catalog stores them.
const MILK = '6900000000014';
const BREAD = '6900000000021';
const APPLES = '6900000000045';
const CATALOG: Record<string, Unit> = { [`0${MILK}`]: 'each', [`0${BREAD}`]: 'each', [`0${APPLES}`]: 'kg' };
const unitOf = (gtin: string): Unit | null => CATALOG[gtin] ?? null;
const check = (text: string, action: StockAction = 'receive') =>
  validateStockRows(readCsv(text), action, unitOf);

describe('a stock file', () => {
  it('reads pieces, and kilograms as grams, keyed by GTIN-14', () => {
    const rows = check(`barcode,quantity\n${MILK},24\n${APPLES},2.5\n${BREAD},6\n`);
    expect(rows.errors).toEqual([]);
    expect(rows.lines).toEqual([
      { gtin: `0${MILK}`, quantity: 24 },
      { gtin: `0${APPLES}`, quantity: 2500 },
      { gtin: `0${BREAD}`, quantity: 6 },
    ]);
  });

  it('takes the columns in any order and case, with a BOM and CRLF', () => {
    const rows = check(`\uFEFFQuantity,Barcode\r\n0.125,${APPLES}\r\n`);
    expect(rows).toEqual({ lines: [{ gtin: `0${APPLES}`, quantity: 125 }], errors: [] });
  });

  it('lists every bad row by line, and what was wrong with each', () => {
    const rows = check(
      [
        'barcode,quantity',
        `${MILK},24`, // good
        '6900000000019,3', // bad check digit
        '6900000000038,1', // a valid EAN-13 the store does not sell
        `${BREAD},1.5`, // bread is sold each
        `${APPLES},1.2345`, // more than grams
        `${BREAD},`,
        ',4',
        `${MILK},2`, // the milk again
        `${BREAD},12,extra`,
      ].join('\n'),
    );
    expect(rows.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.errors[0]!.message).toMatch(/check digit/);
    expect(rows.errors[1]!.message).toMatch(/6900000000038 is not in this store's catalog/);
    expect(rows.errors[2]!.message).toMatch(/whole pieces: this item is sold each/);
    expect(rows.errors[3]!.message).toMatch(/not a number like 12 or 1\.250 \(kg\)/);
    expect(rows.errors[4]!.message).toBe('quantity is missing');
    expect(rows.errors[5]!.message).toBe('barcode is missing');
    expect(rows.errors[6]!.message).toBe('barcode is listed twice (first on line 2)');
    expect(rows.errors[7]!.message).toMatch(/has 3 fields; the header has 2/);
  });

  it('refuses a file without the header it needs, naming the columns', () => {
    expect(check('').errors[0]!.message).toMatch(/empty; its first line must be the header barcode,quantity/);
    expect(check(`barcode,qty\n${MILK},1`).errors.map((e) => e.message)).toEqual([
      'unknown column "qty"; the columns are barcode,quantity',
      'the header has no "quantity" column; it needs barcode,quantity',
    ]);
    expect(check('barcode,quantity\n').errors).toEqual([
      { line: 0, message: 'the file has a header but no rows' },
    ]);
  });

  it('fits the quantity to the action: counts may be 0, adjustments signed, the rest positive', () => {
    const line = (q: string) => `barcode,quantity\n${MILK},${q}\n`;
    expect(check(line('0'), 'count').lines).toEqual([{ gtin: `0${MILK}`, quantity: 0 }]);
    expect(check(line('-2'), 'adjust').lines).toEqual([{ gtin: `0${MILK}`, quantity: -2 }]);
    expect(check(line('+1'), 'adjust').lines).toEqual([{ gtin: `0${MILK}`, quantity: 1 }]);
    expect(check(line('0'), 'adjust').errors[0]!.message).toMatch(/an adjustment must not be 0/);
    expect(check(line('0'), 'receive').errors[0]!.message).toMatch(/a receive must be more than 0/);
    expect(check(line('-1'), 'transfer').errors[0]!.message).toMatch(/takes no sign \(use adjust/);
    expect(check(line('-1'), 'count').errors[0]!.message).toMatch(/a count takes no sign$/);
  });

  it('never throws on random input, and reports a problem or a line for every row', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom<StockAction>('receive', 'count', 'adjust', 'transfer'),
        (text, action) => {
          const rows = check(text, action);
          expect(rows.lines.length + rows.errors.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('reads back every quantity it is given, in pieces and in grams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 1, max: 999_999_999 }),
        (pieces, grams) => {
          const kg = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
          const rows = check(`barcode,quantity\n${MILK},${pieces}\n${APPLES},${kg}\n`);
          expect(rows.lines.map((l) => l.quantity)).toEqual([pieces, grams]);
        },
      ),
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCodePatterns, DEFAULT_CODE_PATTERNS } from '../../core/barcode/code-patterns';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Product } from '../../core/types';
import { upsertProducts } from '../../db/catalog';
import { openTempDatabase, type TempDatabase } from '../../test/helpers/temp-db';
import { DEFAULT_SETTINGS } from '../settings';
import { resolveScan, scanRulesOf, type ScanAction, type ScanPolicy } from './scan-lookup';

const product = (barcode: string, name: string, over: Partial<Product> = {}): Product => ({
  gtin: barcode.padStart(14, '0'),
  barcode,
  name,
  price: 500,
  taxRateBp: 1300,
  unit: 'each',
  ageLimit: null,
  department: null,
  ...over,
});

const patterns = compileCodePatterns(DEFAULT_CODE_PATTERNS);
if (!patterns.ok) throw new Error(patterns.message);
const TODAY = new Date('2026-12-01T12:00:00');
const policy = (over: Partial<ScanPolicy> = {}): ScanPolicy => ({
  rules: scanRulesOf(DEFAULT_SETTINGS, patterns.value, TODAY), // the demo store: CNY, 'cn' scale labels
  expiredItems: 'block',
  today: '2026-12-01',
  ...over,
});

// A Chinese scale's PLU: 22 + item 00042 + weight 00000 + check; its label carries the grams.
const PORK_PLU = withCheckDigit('220004200000');
const porkLabel = (grams: number) => withCheckDigit(`2200042${String(grams).padStart(5, '0')}`);
const CHEESE_PLU = withCheckDigit('200001500000'); // 20: price-embedded labels
const FORMULA = '09506000134352';

describe('from a scan to what the till does', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = openTempDatabase();
    upsertProducts(temp.db, [
      product('6901234567892', 'Jasmine Rice'),
      product('042100005264', 'Small US Snack'), // stored as UPC-A; its UPC-E is 04252614
      product('96385074', 'Chewing Gum'), // EAN-8
      product('6901234567908', 'Fuji Apples', { unit: 'kg', price: 1280 }),
      product(PORK_PLU, 'Pork Belly', { unit: 'kg', price: 3580 }),
      product(CHEESE_PLU, 'Deli Cheese Pack', { price: 0 }),
      product(FORMULA, 'Infant Formula 800 g', { price: 25900 }),
    ]);
  });
  afterEach(() => temp.cleanup());

  const resolve = (raw: string, over: Partial<ScanPolicy> = {}) => resolveScan(temp.db, raw, policy(over));
  const name = (raw: string) => {
    const action = resolve(raw);
    return action.kind === 'add' ? action.product.name : action.kind === 'refuse' ? action.code : action.kind;
  };
  const added = (raw: string, over: Partial<ScanPolicy> = {}) => {
    const action = resolve(raw, over);
    if (action.kind !== 'add') throw new Error(`not added: ${JSON.stringify(action)}`);
    return action;
  };

  it('reads codes with or without an AIM symbology identifier', () => {
    expect(name('6901234567892')).toBe('Jasmine Rice');
    expect(name(']E06901234567892')).toBe('Jasmine Rice');
    expect(name(']E496385074')).toBe('Chewing Gum');
  });

  it('finds a product stored under its UPC-A from its UPC-E and EAN-13 forms', () => {
    expect(name('04252614')).toBe('Small US Snack');
    expect(name(']E004252614')).toBe('Small US Snack');
    expect(name('0042100005264')).toBe('Small US Snack');
  });

  it('adds a weighed label with the weight it carries, at the price per kg', () => {
    expect(added(porkLabel(1234))).toMatchObject({
      quantity: 1234,
      item: { name: 'Pork Belly', unit: 'kg', unitPrice: 3580, barcode: porkLabel(1234) },
    });
    // The PLU itself carries no weight: the till asks for the scale, as for any kg product.
    expect(added(PORK_PLU).quantity).toBeNull();
    expect(added('6901234567908').quantity).toBeNull();
  });

  it('adds a priced label at the price it carries', () => {
    expect(added(withCheckDigit('200001503999'))).toMatchObject({
      quantity: 1,
      item: { name: 'Deli Cheese Pack', unit: 'each', unitPrice: 3999 },
    });
  });

  it('reads a GS1 DataMatrix: lot, serial and expiry go on the line', () => {
    expect(added(`]d201${FORMULA}17270630\u001d10L2411\u001d21SER-0001`)).toMatchObject({
      quantity: 1,
      item: { gtin: FORMULA, lot: 'L2411', serial: 'SER-0001', expiry: '2027-06-30' },
    });
    expect(name(']C10106901234567892')).toBe('Jasmine Rice');
  });

  it('takes the net weight of a GS1 pack of a kg product, and a printed GS1 price', () => {
    expect(added(']C10106901234567908\u001d3103000750')).toMatchObject({
      quantity: 750,
      item: { unit: 'kg' },
    });
    expect(added(`]C101${FORMULA}\u001d39220001999`)).toMatchObject({
      quantity: 1,
      item: { unitPrice: 1999 },
    });
  });

  it('blocks an expired item, or adds it with a warning when the store says so', () => {
    const expired = `]d201${FORMULA}17261130\u001d10L1`;
    expect(resolve(expired)).toEqual({
      kind: 'refuse',
      code: 'item_expired',
      message: 'Infant Formula 800 g expired on 2026-11-30',
    });
    expect(added(expired, { expiredItems: 'warn' }).notice).toEqual({
      code: 'item_expired_warning',
      message: 'Infant Formula 800 g expired on 2026-11-30',
    });
    expect(added(`]d201${FORMULA}17261201`).notice).toBeUndefined(); // expires today: still good
  });

  it('never reads a wallet payment code as a product; tells members and staff apart', () => {
    expect(resolve('134567890123456789')).toMatchObject({ kind: 'wallet', masked: '1345****6789' });
    expect(name('2812345678901234')).toBe('wallet'); // Alipay: 16–24 digits, 25–30
    expect(resolve('MEM20260001')).toEqual({ kind: 'member', program: 'loyalty', memberId: '20260001' });
    expect(resolve('STAFF-A170')).toEqual({ kind: 'staff', badgeId: 'A170' });
  });

  it('says why a code is refused, and tells unknown items from unreadable codes and labels', () => {
    const refused = (raw: string): ScanAction => resolve(raw);
    expect(refused('6901234567893')).toMatchObject({ code: 'invalid_code', message: /should be 2/ });
    expect(refused('hello')).toMatchObject({ code: 'invalid_code', message: /not a product barcode/ });
    expect(refused('   ')).toMatchObject({ code: 'invalid_code', message: /empty/ });
    expect(refused(']d2ABC')).toMatchObject({ code: 'invalid_code' });
    expect(refused(`]d201${FORMULA}17261340`)).toMatchObject({
      code: 'label_unreadable',
      message: /month 13/,
    });
    expect(refused(']C100095060001343528')).toMatchObject({ code: 'invalid_code', message: /no GTIN/ });
    expect(name(withCheckDigit('400638133393'))).toBe('item_not_found');
    expect(name(porkLabel(5).replace(/^22/, '21'))).toBe('invalid_code'); // check digit broken by the edit
  });
});

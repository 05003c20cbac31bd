import { describe, expect, it } from 'vitest';
import { combineRules, formatNoSale, parseNoSale, windowsProblem, type HqProductRule } from './hq-rules';
import { checkAddition, clockMinutes, ruleFor, type RuleLine, type SaleRule } from './sale-rules';

const at = (clock: string) => clockMinutes(clock)!;
const WHISKY = { gtin: '00000000000011', department: 'Alcohol' };
const BEER = { gtin: '00000000000012', department: 'Alcohol' };
const PARACETAMOL = { gtin: '00000000000021', department: 'Pharmacy' };

const HQ_ALCOHOL = { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }], maxPerBasket: 12 };
const HQ_WHISKY_TWO: HqProductRule = { ...WHISKY, noSale: null, maxPerBasket: 2 };
const line = (item: { gtin: string; department: string }, quantity: number): RuleLine => ({
  lineId: item.gtin,
  ...item,
  unit: 'each',
  quantity,
});

describe('HQ rules joined with the store’s', () => {
  it('applies HQ’s product maximum and keeps its department’s hours when it sets none of its own', () => {
    const rules = combineRules([], [HQ_ALCOHOL], [HQ_WHISKY_TWO]);
    expect(checkAddition(rules, WHISKY, 1, [line(WHISKY, 2)], at('12:00'))).toMatchObject({
      code: 'restricted_quantity',
      max: 2,
    });
    expect(checkAddition(rules, WHISKY, 1, [], at('23:00'))?.code).toBe('restricted_hours');
    // The beer has no rule of its own: the department's twelve.
    expect(checkAddition(rules, BEER, 3, [line(BEER, 10)], at('12:00'))).toMatchObject({ max: 12 });
  });

  it('frees a product from its department’s hours when HQ gives it an empty list', () => {
    const rules = combineRules([], [HQ_ALCOHOL], [{ ...BEER, noSale: [], maxPerBasket: null }]);
    expect(checkAddition(rules, BEER, 1, [], at('23:00'))).toBeNull();
    expect(checkAddition(rules, WHISKY, 1, [], at('23:00'))?.code).toBe('restricted_hours');
  });

  it('lets a store’s own rule for a department replace HQ’s, and HQ’s product rule take the store’s hours', () => {
    const store: SaleRule[] = [{ department: 'alcohol', noSale: [{ from: '23:00', to: '06:00' }] }];
    const rules = combineRules(store, [HQ_ALCOHOL], [HQ_WHISKY_TWO]);
    expect(checkAddition(rules, BEER, 1, [], at('22:30'))).toBeNull();
    expect(checkAddition(rules, BEER, 30, [], at('12:00'))).toBeNull(); // the store set no maximum
    expect(checkAddition(rules, WHISKY, 1, [], at('23:30'))?.code).toBe('restricted_hours');
    expect(checkAddition(rules, WHISKY, 1, [], at('22:30'))).toBeNull();
  });

  it('lets a store’s own rule for a GTIN replace HQ’s rule for that product', () => {
    const store: SaleRule[] = [{ gtin: PARACETAMOL.gtin, maxPerBasket: 4 }];
    const hq: HqProductRule = { ...PARACETAMOL, noSale: null, maxPerBasket: 2 };
    const rules = combineRules(store, [], [hq]);
    expect(ruleFor(rules, PARACETAMOL)).toEqual({ gtin: PARACETAMOL.gtin, maxPerBasket: 4 });
    expect(checkAddition(rules, PARACETAMOL, 4, [], at('12:00'))).toBeNull();
    expect(checkAddition(rules, PARACETAMOL, 5, [], at('12:00'))?.code).toBe('restricted_quantity');
  });

  it('puts a product rule of HQ before a store’s department rule (narrower wins)', () => {
    const store: SaleRule[] = [{ department: 'Pharmacy', maxPerBasket: 6 }];
    const rules = combineRules(store, [], [{ ...PARACETAMOL, noSale: null, maxPerBasket: 2 }]);
    expect(checkAddition(rules, PARACETAMOL, 3, [], at('12:00'))).toMatchObject({ max: 2 });
  });

  it('ignores an HQ product entry that restricts nothing', () => {
    const rules = combineRules([], [HQ_ALCOHOL], [{ ...BEER, noSale: null, maxPerBasket: null }]);
    expect(ruleFor(rules, BEER)).toMatchObject({ department: 'Alcohol' });
  });
});

describe('no-sale hours as the catalog file and the back office write them', () => {
  it('reads windows separated by ; and writes them back', () => {
    const problems: string[] = [];
    const windows = parseNoSale('22:00-07:00; 9:00–10:30', problems);
    expect(problems).toEqual([]);
    expect(windows).toEqual([
      { from: '22:00', to: '07:00' },
      { from: '09:00', to: '10:30' },
    ]);
    expect(formatNoSale(windows)).toBe('22:00-07:00; 09:00-10:30');
    expect(parseNoSale('', problems)).toEqual([]);
  });

  it('names each bad window', () => {
    const problems: string[] = [];
    parseNoSale('24:00-07:00;22:00-22:00;late', problems);
    expect(problems).toEqual([
      'no-sale hours "24:00-07:00" must be HH:MM-HH:MM (00:00 to 23:59)',
      'no-sale hours "22:00-22:00" are empty: from and to must differ',
      'no-sale hours "late" must be HH:MM-HH:MM (00:00 to 23:59)',
    ]);
    expect(windowsProblem([{ from: '7:00', to: '08:00' }])).toMatch(/HH:MM/);
  });
});

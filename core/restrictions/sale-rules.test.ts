import { describe, expect, it } from 'vitest';
import {
  checkAddition,
  checkQuantityChange,
  clockMinutes,
  inWindow,
  isTimeZone,
  minuteOfDay,
  ruleFor,
  ruleProblem,
  type RuleLine,
  type SaleRule,
} from './sale-rules';

const at = (clock: string) => clockMinutes(clock)!;
const VODKA = { gtin: '00000000000011', department: 'Alcohol' };
const FREE_BEER = { gtin: '00000000000012', department: 'Alcohol' };
const PARACETAMOL = { gtin: '00000000000021', department: 'Pharmacy' };
const IBUPROFEN = { gtin: '00000000000022', department: 'Pharmacy' };
const BREAD = { gtin: '00000000000031', department: 'Bakery' };

const ALCOHOL_NIGHT: SaleRule = { department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }] };
const ALCOHOL_FREE: SaleRule = { gtin: FREE_BEER.gtin, noSale: [] };
const PAINKILLERS: SaleRule = { department: 'pharmacy', maxPerBasket: 3 };
const PARACETAMOL_TWO: SaleRule = { gtin: PARACETAMOL.gtin, maxPerBasket: 2 };
const RULES = [ALCOHOL_NIGHT, ALCOHOL_FREE, PAINKILLERS, PARACETAMOL_TWO];

const line = (
  item: { gtin: string; department: string },
  quantity: number,
  unit: 'each' | 'kg' = 'each',
): RuleLine => ({
  lineId: `${item.gtin}-${quantity}`,
  ...item,
  unit,
  quantity,
});

describe('a no-sale window', () => {
  // The decision table at the edges: the window 22:00–07:00 takes 22:00 and leaves 07:00.
  it.each([
    ['21:59', false],
    ['22:00', true],
    ['23:59', true],
    ['00:00', true],
    ['06:59', true],
    ['07:00', false],
    ['12:00', false],
  ])('22:00–07:00 at %s → refused %s', (clock, refused) => {
    expect(inWindow(at(clock), { from: '22:00', to: '07:00' })).toBe(refused);
    expect(checkAddition(RULES, VODKA, 1, [], at(clock))?.code ?? null).toBe(
      refused ? 'restricted_hours' : null,
    );
  });

  it.each([
    ['08:59', false],
    ['09:00', true],
    ['16:59', true],
    ['17:00', false],
  ])('a window within one day, 09:00–17:00, at %s → %s', (clock, inside) => {
    expect(inWindow(at(clock), { from: '09:00', to: '17:00' })).toBe(inside);
  });

  it('names the window that refused', () => {
    expect(checkAddition(RULES, VODKA, 1, [], at('23:30'))).toEqual({
      code: 'restricted_hours',
      rule: ALCOHOL_NIGHT,
      window: { from: '22:00', to: '07:00' },
    });
  });

  it('lets everything else through at night', () => {
    expect(checkAddition(RULES, BREAD, 1, [], at('23:30'))).toBeNull();
  });
});

describe('precedence: a GTIN rule replaces its department rule', () => {
  it('an alcohol-free beer with its own empty hours sells at midnight beside refused vodka', () => {
    expect(ruleFor(RULES, FREE_BEER)).toBe(ALCOHOL_FREE);
    expect(checkAddition(RULES, FREE_BEER, 1, [], at('00:00'))).toBeNull();
    expect(checkAddition(RULES, VODKA, 1, [], at('00:00'))?.code).toBe('restricted_hours');
  });

  it('matches departments whatever their case and spaces; a GTIN rule wins wherever it stands', () => {
    expect(ruleFor(RULES, IBUPROFEN)).toBe(PAINKILLERS);
    expect(ruleFor([PAINKILLERS, PARACETAMOL_TWO], PARACETAMOL)).toBe(PARACETAMOL_TWO);
    expect(ruleFor(RULES, { gtin: BREAD.gtin, department: null })).toBeNull();
  });

  it("counts a department's maximum over items without a rule of their own only", () => {
    // 2 paracetamol (their own rule) + 3 ibuprofen (the department's 3): ibuprofen is full, paracetamol too.
    const lines = [line(PARACETAMOL, 2), line(IBUPROFEN, 3)];
    expect(checkAddition(RULES, IBUPROFEN, 1, lines, at('12:00'))).toMatchObject({
      code: 'restricted_quantity',
      max: 3,
      wouldHold: 4,
    });
    expect(checkAddition(RULES, PARACETAMOL, 1, lines, at('12:00'))).toMatchObject({ max: 2, wouldHold: 3 });
    expect(
      checkAddition(RULES, IBUPROFEN, 1, [line(PARACETAMOL, 2), line(IBUPROFEN, 2)], at('12:00')),
    ).toBeNull();
  });
});

describe('the most per basket', () => {
  it.each([
    [0, 1, null],
    [1, 1, null],
    [2, 1, 'restricted_quantity'], // the maximum reached: one more is refused
    [0, 2, null],
    [0, 3, 'restricted_quantity'], // "3*" typed at the counter in one go
  ])('holding %i, adding %i → %s', (held, adding, code) => {
    const lines = held ? [line(PARACETAMOL, held)] : [];
    expect(checkAddition(RULES, PARACETAMOL, adding, lines, at('12:00'))?.code ?? null).toBe(code);
  });

  it('refuses a quantity change that would pass it, allows one that reaches it or lowers it', () => {
    const one = line(PARACETAMOL, 1);
    expect(checkQuantityChange(RULES, one, 2, [one], at('12:00'))).toBeNull();
    expect(checkQuantityChange(RULES, one, 3, [one], at('12:00'))).toMatchObject({ max: 2, wouldHold: 3 });
    const three = line(PARACETAMOL, 3); // held before the rule came in
    expect(checkQuantityChange(RULES, three, 2, [three], at('12:00'))).toBeNull();
  });

  it('refuses raising a restricted quantity in its no-sale hours, never lowering it', () => {
    const vodka = line(VODKA, 1);
    expect(checkQuantityChange(RULES, vodka, 2, [vodka], at('22:00'))?.code).toBe('restricted_hours');
    expect(checkQuantityChange(RULES, line(VODKA, 2), 1, [vodka], at('22:00'))).toBeNull();
  });

  it('counts a weighed line as one, whatever it weighs', () => {
    const rules: SaleRule[] = [{ gtin: BREAD.gtin, maxPerBasket: 2 }];
    const lines = [line(BREAD, 450, 'kg'), line(BREAD, 700, 'kg')];
    expect(checkAddition(rules, BREAD, 1, lines.slice(0, 1), at('12:00'))).toBeNull();
    expect(checkAddition(rules, BREAD, 1, lines, at('12:00'))?.code).toBe('restricted_quantity');
    expect(checkQuantityChange(rules, lines[0]!, 900, lines, at('12:00'))).toBeNull();
  });
});

describe('rules as settings hold them', () => {
  it.each([
    [{ department: 'Alcohol', noSale: [{ from: '22:00', to: '07:00' }] }, null],
    [{ gtin: PARACETAMOL.gtin, maxPerBasket: 2 }, null],
    [{ department: 'A', gtin: PARACETAMOL.gtin, maxPerBasket: 2 }, /exactly one/],
    [{ maxPerBasket: 2 }, /exactly one/],
    [{ gtin: '123', maxPerBasket: 2 }, /14 digits/],
    [{ department: 'A', noSale: [{ from: '24:00', to: '07:00' }] }, /HH:MM/],
    [{ department: 'A', noSale: [{ from: '7:00', to: '08:00' }] }, /HH:MM/],
    [{ department: 'A', noSale: [{ from: '07:00', to: '07:00' }] }, /empty/],
    [{ department: 'A' }, /noSale.*maxPerBasket/],
  ])('%j → %s', (rule, problem) => {
    const found = ruleProblem(rule as SaleRule);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe('the local minute of the day', () => {
  // 2026-03-01T14:00Z is 22:00 in Shanghai (UTC+8, no DST) and 09:00 in New York (UTC−5 in winter).
  const instant = new Date('2026-03-01T14:00:00Z');
  it('is taken in the store time zone named', () => {
    expect(minuteOfDay(instant, 'Asia/Shanghai')).toBe(at('22:00'));
    expect(minuteOfDay(instant, 'America/New_York')).toBe(at('09:00'));
    expect(minuteOfDay(new Date('2026-03-01T15:59:00Z'), 'Asia/Shanghai')).toBe(at('23:59'));
    expect(minuteOfDay(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe(0);
  });
  it("is the runtime's own clock without one", () => {
    expect(minuteOfDay(instant, null)).toBe(instant.getHours() * 60 + instant.getMinutes());
  });
  it('knows real zones only', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('clock times', () => {
  it('reads HH:MM and nothing else', () => {
    expect([
      clockMinutes('00:00'),
      clockMinutes('23:59'),
      clockMinutes('24:00'),
      clockMinutes('1:00'),
    ]).toEqual([0, 1439, null, null]);
  });
});

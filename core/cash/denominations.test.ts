import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASH_CURRENCIES, countDrawer, denominationsOf, type Denomination } from './index';

describe('notes and coins per currency', () => {
  it.each(['CNY', 'USD', 'EUR', 'GBP', 'CHF', 'JPY', 'HKD', 'SGD', 'THB'])(
    '%s has notes and coins, distinct values, smallest first',
    (currency) => {
      const table = denominationsOf(currency);
      if (!table.ok) throw new Error(table.error.message);
      const values = table.value.map((d) => d.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBe(values.length);
      expect(values.every((v) => Number.isSafeInteger(v) && v > 0)).toBe(true);
      expect(table.value.some((d) => d.kind === 'note')).toBe(true);
      expect(table.value.some((d) => d.kind === 'coin')).toBe(true);
      // Every coin is worth less than every note in these currencies.
      const maxCoin = Math.max(...table.value.filter((d) => d.kind === 'coin').map((d) => d.value));
      const minNote = Math.min(...table.value.filter((d) => d.kind === 'note').map((d) => d.value));
      expect(maxCoin).toBeLessThan(minNote);
    },
  );

  it('spot checks against the issuers: ¥100 note, CHF 0.05 smallest coin, ¥1 JPY coin, £2 coin', () => {
    const of = (currency: string): readonly Denomination[] => {
      const table = denominationsOf(currency);
      if (!table.ok) throw new Error(table.error.message);
      return table.value;
    };
    expect(of('CNY').at(-1)).toEqual({ value: 10_000, kind: 'note' });
    expect(of('CHF')[0]).toEqual({ value: 5, kind: 'coin' });
    expect(of('JPY')[0]).toEqual({ value: 1, kind: 'coin' });
    expect(of('GBP')).toContainEqual({ value: 200, kind: 'coin' });
    expect(of('THB')).toContainEqual({ value: 25, kind: 'coin' });
    expect(of('cny')).toEqual(of('CNY'));
    expect(CASH_CURRENCIES).toHaveLength(9);
  });

  it('refuses a currency without a table, naming the known ones', () => {
    expect(denominationsOf('XYZ')).toMatchObject({
      ok: false,
      error: { code: 'unknown_currency', message: expect.stringMatching(/XYZ.*CNY, USD/) },
    });
  });
});

describe('counting a drawer', () => {
  it('adds up a CNY float: 3 × ¥100 + 2 × ¥10 + 4 × ¥0.50 = ¥322.00', () => {
    expect(countDrawer('CNY', { '10000': 3, '1000': 2, '50': 4, '500': 0 })).toEqual({
      ok: true,
      value: { currency: 'CNY', total: 32_200, counts: { '10000': 3, '1000': 2, '50': 4 } },
    });
  });

  it('counts JPY without a minor unit and an empty drawer as 0', () => {
    expect(countDrawer('JPY', { '10000': 1, '1': 3 })).toMatchObject({ ok: true, value: { total: 10_003 } });
    expect(countDrawer('EUR', {})).toEqual({ ok: true, value: { currency: 'EUR', total: 0, counts: {} } });
  });

  it.each([
    ['a value that is no CNY denomination', { '2500': 1 }, ['25.00 is not a CNY note or coin']],
    ['a CNY fen coin (not in the table)', { '1': 1 }, ['0.01 is not a CNY note or coin']],
    ['a key that is not a value', { abc: 1 }, ['"abc" is not a CNY note or coin']],
    ['a negative count', { '100': -1 }, ['the count of 1.00 must be a whole number of 0 or more, got -1']],
    [
      'a fractional count',
      { '100': 1.5 },
      ['the count of 1.00 must be a whole number of 0 or more, got 1.5'],
    ],
    [
      'a NaN count',
      { '100': Number.NaN },
      ['the count of 1.00 must be a whole number of 0 or more, got NaN'],
    ],
    [
      'several problems at once',
      { '2500': 1, '100': -2, '10000': 1 },
      // In the order of the values, as a count's keys are listed.
      ['the count of 1.00 must be a whole number of 0 or more, got -2', '25.00 is not a CNY note or coin'],
    ],
  ])('refuses %s, naming it', (_, counts, problems) => {
    const result = countDrawer('CNY', counts);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_count',
        message: `The CNY count: ${problems.join('; ')}`,
        details: { problems },
      },
    });
  });

  it('refuses a total past exact counting, and an unknown currency', () => {
    expect(countDrawer('CNY', { '10000': Number.MAX_SAFE_INTEGER })).toMatchObject({
      ok: false,
      error: { code: 'invalid_count', message: expect.stringMatching(/past what can be counted exactly/) },
    });
    expect(countDrawer('XYZ', { '100': 1 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_currency' },
    });
  });

  it('property: the total is the sum of value × count, in BigInt as the oracle', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASH_CURRENCIES),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 20, maxLength: 20 }),
        (currency, numbers) => {
          const table = denominationsOf(currency);
          if (!table.ok) return false;
          const counts = Object.fromEntries(table.value.map((d, i) => [String(d.value), numbers[i]!]));
          const expected = table.value.reduce((sum, d, i) => sum + BigInt(d.value) * BigInt(numbers[i]!), 0n);
          const result = countDrawer(currency, counts);
          return result.ok && BigInt(result.value.total) === expected;
        },
      ),
    );
  });
});

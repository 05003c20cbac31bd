import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, minorToDecimal, parseDecimalToMinor } from './money';

describe('currencyExponent', () => {
  it('knows the ISO 4217 minor units of the currencies we sell in', () => {
    for (const code of ['CNY', 'EUR', 'USD', 'GBP', 'SGD', 'THB', 'BRL', 'INR']) {
      expect(currencyExponent(code), code).toBe(2);
    }
    for (const code of ['JPY', 'KRW', 'VND', 'CLP', 'ISK']) expect(currencyExponent(code), code).toBe(0);
    for (const code of ['BHD', 'KWD', 'JOD', 'OMR', 'TND']) expect(currencyExponent(code), code).toBe(3);
  });

  it('gives 2 for an unknown code instead of throwing, and ignores letter case', () => {
    expect(currencyExponent('XYZ')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
  });
});

describe('parseDecimalToMinor', () => {
  const accepted: [string, number, number][] = [
    ['12', 2, 1200],
    ['12.3', 2, 1230],
    ['12.34', 2, 1234],
    ['0.5', 2, 50],
    ['0.05', 2, 5],
    ['0', 2, 0],
    ['007.10', 2, 710],
    ['1234', 0, 1234],
    ['1.234', 3, 1234],
    ['0.001', 3, 1],
    ['90071992547409.91', 2, Number.MAX_SAFE_INTEGER],
  ];
  it.each(accepted)('reads %j with exponent %i as %i minor units', (text, exponent, minor) => {
    expect(parseDecimalToMinor(text, exponent)).toBe(minor);
  });

  const refused: [string, number][] = [
    ['', 2],
    ['-1', 2],
    ['+1', 2],
    [' 12', 2],
    ['12 ', 2],
    ['1e3', 2],
    ['1E3', 2],
    ['1,000', 2],
    ['1,5', 2],
    ['1_000', 2],
    ['.5', 2],
    ['5.', 2],
    ['12.345', 2],
    ['12.0', 0],
    ['1.2345', 3],
    ['NaN', 2],
    ['Infinity', 2],
    ['0x10', 2],
    ['１２', 2], // full-width digits
    ['1.2.3', 2],
    ['90071992547409.92', 2], // one past MAX_SAFE_INTEGER
    ['99999999999999999999', 0],
  ];
  it.each(refused)('refuses %j with exponent %i', (text, exponent) => {
    expect(parseDecimalToMinor(text, exponent)).toBeNull();
  });

  it('is exact where floating point is not (0.29 × 100 = 28.999… in floats)', () => {
    expect(parseDecimalToMinor('0.29', 2)).toBe(29);
    expect(parseDecimalToMinor('1.005', 3)).toBe(1005);
    expect(parseDecimalToMinor('4.35', 2)).toBe(435);
  });

  it('reads back every amount minorToDecimal prints', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 4 }), (minor, exponent) => {
        expect(parseDecimalToMinor(minorToDecimal(minor, exponent), exponent)).toBe(minor);
      }),
    );
  });
});

describe('minorToDecimal', () => {
  it('places the decimal point by the exponent and keeps leading zeros of the fraction', () => {
    expect(minorToDecimal(1234, 2)).toBe('12.34');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(minorToDecimal(1, 3)).toBe('0.001');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
  });

  it('prints negative amounts (refunds) with a leading minus', () => {
    expect(minorToDecimal(-1234, 2)).toBe('-12.34');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(-7, 0)).toBe('-7');
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => minorToDecimal(12.5, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats with the currency symbol and its minor units', () => {
    expect(formatMoney(1234, 'CNY', 'zh-CN')).toBe('¥12.34');
    expect(formatMoney(105, 'EUR', 'en-US')).toBe('€1.05');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });

  it('formats yen without decimals, as 1234 yen is 1234 minor units', () => {
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
  });

  it('follows the locale for separators and negative amounts', () => {
    expect(formatMoney(-105, 'EUR', 'de-DE')).toBe('-1,05\u00a0€');
    expect(formatMoney(-1234, 'CNY', 'zh-CN')).toBe('-¥12.34');
  });

  it('prints the largest safe amount exactly', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

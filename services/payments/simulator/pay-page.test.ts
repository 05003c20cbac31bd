import { describe, expect, it } from 'vitest';
import { formatMoney } from './pay-page';

describe('formatMoney', () => {
  it.each([
    [1234, 'CNY', 'CN¥12.34'],
    [5, 'USD', '$0.05'],
    [100, 'EUR', '€1.00'],
    [1200, 'JPY', '¥1,200'],
    [10 ** 10, 'CNY', 'CN¥100,000,000.00'],
    [1999, 'KWD', 'KWD 1.999'],
  ])('shows %i minor units of %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

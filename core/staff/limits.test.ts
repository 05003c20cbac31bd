import { describe, expect, it } from 'vitest';
import { withinLimit, type RoleLimits } from './limits';

// The defaults of settings.json's counter.limits (services/counter/counter-settings.ts).
const LIMITS: RoleLimits = {
  cashier: { discountPercent: 10, cashDifference: 500 },
  supervisor: { discountPercent: 50, cashDifference: 5000 },
  manager: { discountPercent: 100, cashDifference: null },
};

describe('withinLimit: what a role may do alone', () => {
  it('a discount up to and including the role’s percentage, not a hair above', () => {
    expect(withinLimit('cashier', LIMITS, 'discountPercent', 0)).toBe(true);
    expect(withinLimit('cashier', LIMITS, 'discountPercent', 10)).toBe(true);
    expect(withinLimit('cashier', LIMITS, 'discountPercent', 10.01)).toBe(false);
    expect(withinLimit('supervisor', LIMITS, 'discountPercent', 50)).toBe(true);
    expect(withinLimit('supervisor', LIMITS, 'discountPercent', 51)).toBe(false);
    expect(withinLimit('manager', LIMITS, 'discountPercent', 100)).toBe(true);
  });

  it('a cash difference either way up to the role’s amount; a manager’s null allows any', () => {
    expect(withinLimit('cashier', LIMITS, 'cashDifference', 500)).toBe(true);
    expect(withinLimit('cashier', LIMITS, 'cashDifference', -500)).toBe(true);
    expect(withinLimit('cashier', LIMITS, 'cashDifference', 501)).toBe(false);
    expect(withinLimit('cashier', LIMITS, 'cashDifference', -501)).toBe(false);
    expect(withinLimit('supervisor', LIMITS, 'cashDifference', -5000)).toBe(true);
    expect(withinLimit('supervisor', LIMITS, 'cashDifference', 5001)).toBe(false);
    expect(withinLimit('manager', LIMITS, 'cashDifference', -99_999_999)).toBe(true);
  });

  it('a role without limits (a plain attendant) may do none of it alone', () => {
    expect(withinLimit('attendant', LIMITS, 'discountPercent', 0)).toBe(false);
    expect(withinLimit('attendant', LIMITS, 'cashDifference', 0)).toBe(false);
  });

  it('a value that is no sensible number is never within a limit', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1, 101])
      expect(withinLimit('manager', LIMITS, 'discountPercent', value), String(value)).toBe(false);
    expect(withinLimit('manager', LIMITS, 'cashDifference', Number.NaN)).toBe(false);
  });
});

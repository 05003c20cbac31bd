import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { overLimit, refusalText, typedMoney, typedPercent } from './price-text';

describe('the price dialogs’ figures and words', () => {
  it('reads money and percent as a cashier types them', () => {
    expect(typedMoney('12.5', 'CNY')).toBe(1250);
    expect(typedMoney('3,20', 'CNY')).toBe(320);
    expect(typedMoney('abc', 'CNY')).toBeNull();
    expect(typedPercent('10')).toBe(10);
    expect(typedPercent('12.5%')).toBe(12.5);
    expect(typedPercent('0')).toBeNull();
    expect(typedPercent('100.01')).toBeNull();
    expect(typedPercent('1.234')).toBeNull();
  });

  it('says an over-limit refusal with the limit, and asks for less when the approver is over too', () => {
    const cashier = {
      code: 'over_limit',
      message: '',
      details: { limitPercent: 10, percentOff: 30, approver: false },
    };
    expect(overLimit(cashier)).toEqual({ approver: false, limit: 10, off: 30 });
    expect(refusalText(en, cashier)).toMatch(/30 % off is above your limit of 10 %/);
    expect(refusalText(en, { ...cashier, details: { limitPercent: 50, approver: true } })).toMatch(
      /limit of 50 %/,
    );
    expect(refusalText(en, { code: 'staff_denied', message: '' })).toBe('Wrong PIN. Try again.');
    expect(refusalText(en, { code: 'surprise', message: '' })).toBe(en.price.errors.failed);
  });
});

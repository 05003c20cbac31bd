import { describe, expect, it } from 'vitest';
import { lineTotal } from './line';

describe('lineTotal', () => {
  it('multiplies pieces by the unit price', () => {
    expect(lineTotal({ unit: 'each', unitPrice: 350, quantity: 3, taxRateBp: 1300 })).toBe(1050);
    expect(lineTotal({ unit: 'each', unitPrice: 350, quantity: 0, taxRateBp: 1300 })).toBe(0);
  });

  it('prices weighed goods per kilogram from grams, rounding half up', () => {
    // 19.99 per kg × 333 g = 665.667 fen → 666.
    expect(lineTotal({ unit: 'kg', unitPrice: 1999, quantity: 333, taxRateBp: 900 })).toBe(666);
    // 19.99 per kg × 500 g = 999.5 exactly → 1000.
    expect(lineTotal({ unit: 'kg', unitPrice: 1999, quantity: 500, taxRateBp: 900 })).toBe(1000);
    // 0.01 per kg × 500 g = 0.5 exactly → 1; × 499 g = 0.499 → 0.
    expect(lineTotal({ unit: 'kg', unitPrice: 1, quantity: 500, taxRateBp: 900 })).toBe(1);
    expect(lineTotal({ unit: 'kg', unitPrice: 1, quantity: 499, taxRateBp: 900 })).toBe(0);
    // 12.80 per kg × 1 kg.
    expect(lineTotal({ unit: 'kg', unitPrice: 1280, quantity: 1000, taxRateBp: 900 })).toBe(1280);
  });

  it('prices a returned weighed line as the exact negative of the sale', () => {
    expect(lineTotal({ unit: 'kg', unitPrice: 1999, quantity: -500, taxRateBp: 900 })).toBe(-1000);
    expect(lineTotal({ unit: 'each', unitPrice: 350, quantity: -2, taxRateBp: 900 })).toBe(-700);
  });

  it('keeps large weighed lines exact', () => {
    expect(lineTotal({ unit: 'kg', unitPrice: 8_000_000_000_000_001, quantity: 499, taxRateBp: 0 })).toBe(
      3_992_000_000_000_000,
    );
  });

  it('refuses fractional grams or pieces and fractional prices, naming the field', () => {
    expect(() => lineTotal({ unit: 'kg', unitPrice: 1999, quantity: 333.3, taxRateBp: 900 })).toThrow(
      'quantity must be whole grams, got 333.3',
    );
    expect(() => lineTotal({ unit: 'each', unitPrice: 1999, quantity: 1.5, taxRateBp: 900 })).toThrow(
      'quantity must be a whole number of pieces, got 1.5',
    );
    expect(() => lineTotal({ unit: 'each', unitPrice: 19.99, quantity: 1, taxRateBp: 900 })).toThrow(
      /unitPrice/,
    );
  });

  it('refuses a product too large to hold exactly', () => {
    expect(() => lineTotal({ unit: 'each', unitPrice: 2 ** 40, quantity: 2 ** 20, taxRateBp: 0 })).toThrow(
      RangeError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  NO_PICKS,
  dispositionFor,
  enteredQuantity,
  lineInputs,
  parseReturnQuantity,
  pickOf,
  withNextReason,
  withOtherDisposition,
  withQuantity,
} from './refund-picks';

describe('a typed return quantity', () => {
  it('is whole pieces for a piece line', () => {
    expect(parseReturnQuantity('2', 'each')).toBe(2);
    expect(parseReturnQuantity(' 12 ', 'each')).toBe(12);
    for (const bad of ['0', '1.5', '-1', '2kg', 'two', ''])
      expect(parseReturnQuantity(bad, 'each'), bad).toBeNull();
  });

  it('is grams for a weighed line, or kilograms with a decimal point or “kg”', () => {
    expect(parseReturnQuantity('500', 'kg')).toBe(500);
    expect(parseReturnQuantity('500g', 'kg')).toBe(500);
    expect(parseReturnQuantity('500 g', 'kg')).toBe(500);
    expect(parseReturnQuantity('0.5', 'kg')).toBe(500);
    expect(parseReturnQuantity('0.25kg', 'kg')).toBe(250);
    expect(parseReturnQuantity('1KG', 'kg')).toBe(1000);
    for (const bad of ['0', '0g', '0.0001kg', '1.5.0', 'kg', '-5', '1,5'])
      expect(parseReturnQuantity(bad, 'kg'), bad).toBeNull();
  });
});

describe('the lines chosen', () => {
  it('start with nothing back, changed mind and restock', () => {
    expect(pickOf(NO_PICKS, 3)).toEqual({ quantity: 0, reason: 'changed_mind', disposition: 'restock' });
    expect(lineInputs(NO_PICKS)).toEqual([]);
  });

  it('write off a damaged or expired item by default, and restock the rest', () => {
    expect(dispositionFor('damaged')).toBe('write_off');
    expect(dispositionFor('expired')).toBe('write_off');
    expect(dispositionFor('faulty')).toBe('restock');
    // changed_mind → damaged, its disposition following; F2 can still put it back on the shelf.
    const damaged = withNextReason(withQuantity(NO_PICKS, 0, 1), 0, 1);
    expect(pickOf(damaged, 0)).toEqual({ quantity: 1, reason: 'damaged', disposition: 'write_off' });
    expect(pickOf(withOtherDisposition(damaged, 0), 0).disposition).toBe('restock');
    // Backwards from the first reason wraps to the last.
    expect(pickOf(withNextReason(NO_PICKS, 0, -1), 0).reason).toBe('other');
  });

  it('send only the lines with a quantity, in receipt order, reason and disposition kept', () => {
    let picks = withQuantity(NO_PICKS, 2, 500);
    picks = withQuantity(picks, 0, 1);
    picks = withNextReason(picks, 1, 1); // a reason on a line not coming back: not sent
    picks = withQuantity(withQuantity(picks, 3, 2), 3, 0);
    expect(lineInputs(picks)).toEqual([
      { line: 0, quantity: 1, reason: 'changed_mind', disposition: 'restock' },
      { line: 2, quantity: 500, reason: 'changed_mind', disposition: 'restock' },
    ]);
  });
});

describe('Enter on a line', () => {
  const bread = { unit: 'each' as const, refundableQuantity: 2 };
  const bananas = { unit: 'kg' as const, refundableQuantity: 1250 };

  it('with nothing typed takes all that is left, and none again', () => {
    expect(enteredQuantity('', bread, 0)).toEqual({ quantity: 2 });
    expect(enteredQuantity('  ', bread, 2)).toEqual({ quantity: 0 });
    expect(enteredQuantity('', bananas, 0)).toEqual({ quantity: 1250 });
  });

  it('takes what was typed, up to what is left', () => {
    expect(enteredQuantity('1', bread, 0)).toEqual({ quantity: 1 });
    expect(enteredQuantity('0.5kg', bananas, 0)).toEqual({ quantity: 500 });
    expect(enteredQuantity('1250', bananas, 500)).toEqual({ quantity: 1250 });
    expect(enteredQuantity('3', bread, 0)).toEqual({ problem: 'bad_quantity' });
    expect(enteredQuantity('1.3kg', bananas, 0)).toEqual({ problem: 'bad_quantity' });
    expect(enteredQuantity('x', bread, 0)).toEqual({ problem: 'bad_quantity' });
  });

  it('refuses a line with nothing left, whatever is typed', () => {
    const gone = { unit: 'each' as const, refundableQuantity: 0 };
    expect(enteredQuantity('', gone, 0)).toEqual({ problem: 'nothing_left' });
    expect(enteredQuantity('1', gone, 0)).toEqual({ problem: 'nothing_left' });
  });
});

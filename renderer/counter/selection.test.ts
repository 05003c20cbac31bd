import { describe, expect, it } from 'vitest';
import { followSelection, moveSelection, quantityIsFixed } from './selection';

const ids = ['a', 'b', 'c'];

describe('moving the selected line', () => {
  it('steps up and down and stops at the ends', () => {
    expect(moveSelection(ids, 'b', -1)).toBe('a');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'b', 1)).toBe('c');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
  });

  it('starts at the top going down and at the bottom going up', () => {
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('c');
    expect(moveSelection([], null, 1)).toBeNull();
  });
});

describe('the selection after the basket changes', () => {
  it('follows the line a scan added or changed', () => {
    const before = { lineIds: ids, lastChangedLineId: 'c' };
    expect(followSelection(before, 'a', { lineIds: [...ids, 'd'], lastChangedLineId: 'd' }, true)).toBe('d');
    // The same item scanned again: the line it raised is selected even if it was the newest before.
    expect(followSelection(before, 'a', { lineIds: ids, lastChangedLineId: 'c' }, true)).toBe('c');
  });

  it('hands a removed line’s selection to the line that took its place, or the new last one', () => {
    const before = { lineIds: ids, lastChangedLineId: 'c' };
    expect(followSelection(before, 'b', { lineIds: ['a', 'c'], lastChangedLineId: 'c' }, true)).toBe('c');
    expect(followSelection(before, 'c', { lineIds: ['a', 'b'], lastChangedLineId: 'b' }, true)).toBe('b');
    expect(followSelection(before, 'a', { lineIds: [], lastChangedLineId: null }, true)).toBeNull();
  });

  it('keeps the selection when nothing changed', () => {
    const shape = { lineIds: ids, lastChangedLineId: 'c' };
    expect(followSelection(shape, 'a', shape, false)).toBe('a');
  });

  it('selects the newest line of a basket shown for the first time', () => {
    const empty = { lineIds: [], lastChangedLineId: null };
    expect(followSelection(empty, null, { lineIds: ids, lastChangedLineId: 'b' }, false)).toBe('b');
  });
});

describe('lines whose quantity is fixed', () => {
  it('are weighed lines and unique pieces; counted lines step', () => {
    expect(quantityIsFixed({ unit: 'kg', serial: null })).toBe(true);
    expect(quantityIsFixed({ unit: 'each', serial: 'SN-1' })).toBe(true);
    expect(quantityIsFixed({ unit: 'each', serial: null })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseEntry } from './entry';

describe('the counter code entry', () => {
  it('takes a plain code as one piece, without surrounding spaces', () => {
    expect(parseEntry(' 6901234567892 ')).toEqual({ kind: 'code', code: '6901234567892', quantity: 1 });
    expect(parseEntry('MEM20260001')).toEqual({ kind: 'code', code: 'MEM20260001', quantity: 1 });
  });

  it('reads a quantity before a star or a times sign', () => {
    expect(parseEntry('3*6901234567892')).toEqual({ kind: 'code', code: '6901234567892', quantity: 3 });
    expect(parseEntry('12×6901234567892')).toEqual({ kind: 'code', code: '6901234567892', quantity: 12 });
    expect(parseEntry('2 * 6901234567892')).toEqual({ kind: 'code', code: '6901234567892', quantity: 2 });
  });

  it('keeps letters that look like a times sign as part of the code', () => {
    expect(parseEntry('3x6901234567892')).toEqual({ kind: 'code', code: '3x6901234567892', quantity: 1 });
    expect(parseEntry('STAFF-0042')).toEqual({ kind: 'code', code: 'STAFF-0042', quantity: 1 });
  });

  it('refuses a star without a usable quantity or without a code', () => {
    for (const text of ['3*', '*6901234567892', '0*6901234567892', '10000*6901234567892', 'a*123', '2*3*123'])
      expect(parseEntry(text), text).toEqual({ kind: 'invalid' });
  });

  it('takes the largest quantity one line can hold', () => {
    expect(parseEntry('9999*123')).toEqual({ kind: 'code', code: '123', quantity: 9999 });
  });

  it('has nothing to send for an empty entry', () => {
    expect(parseEntry('   ')).toEqual({ kind: 'empty' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSymbologyId } from './symbology';

describe('AIM symbology identifiers', () => {
  it('splits the identifier a scanner sends before the data', () => {
    expect(splitSymbologyId(']E06901234567892')).toEqual({
      aim: { id: ']E0', symbology: 'EAN/UPC', gs1: false },
      data: '6901234567892',
    });
    expect(splitSymbologyId(']d201095060001343521721123110ABC')).toMatchObject({
      aim: { symbology: 'Data Matrix', gs1: true },
      data: '01095060001343521721123110ABC',
    });
    expect(splitSymbologyId(']Q1https://example.com').aim).toMatchObject({
      symbology: 'QR Code',
      gs1: false,
    });
  });

  it('leaves data without an identifier alone', () => {
    expect(splitSymbologyId('6901234567892')).toEqual({ aim: null, data: '6901234567892' });
    expect(splitSymbologyId(']')).toEqual({ aim: null, data: ']' });
  });

  it('never throws, and data plus identifier is what was sent', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const { aim, data } = splitSymbologyId(raw);
        expect((aim?.id ?? '') + data).toBe(raw);
      }),
    );
  });
});

// ESC/POS bytes checked against Epson's ESC/POS Command Reference: ESC @ = 1B 40; ESC a n = 1B 61 n
// (1 centre); GS ! n = 1D 21 n (0x11 double width and height); GS h n = 1D 68 n; GS w n = 1D 77 n;
// GS H n = 1D 48 n (2: text below); GS k m n d… = 1D 6B m n d… (function B: m 67 EAN-13, m 73 Code 128
// whose data begins with "{B" for code set B); ESC d n = 1B 64 n; GS V m n = 1D 56 m n (66 partial cut).
import { describe, expect, it } from 'vitest';
import { barcodeCommand, escPosLabel, escPosLabels } from './escpos';
import { shelfLabel } from './label';

const ascii = (text: string) => Array.from(Buffer.from(text, 'latin1'));
const encodeText = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

const bread = shelfLabel({
  name: 'Toast Bread',
  barcode: '6901234567892',
  currency: 'CNY',
  price: 850,
  unitPrice: null,
  effectiveDate: '2026-12-08',
});

describe('escPosLabel', () => {
  it('is the exact byte sequence of the spec for a label with an EAN-13', () => {
    const expected = [
      ...[0x1b, 0x40],
      ...[0x1b, 0x61, 0x01],
      ...ascii('Toast Bread'),
      0x0a,
      ...[0x1d, 0x21, 0x11],
      ...ascii('CNY 8.50'),
      0x0a,
      ...[0x1d, 0x21, 0x00],
      ...ascii('from 2026-12-08'),
      0x0a,
      ...[0x1d, 0x68, 80, 0x1d, 0x77, 2, 0x1d, 0x48, 2],
      ...[0x1d, 0x6b, 67, 13],
      ...ascii('6901234567892'),
      0x0a,
      ...[0x1b, 0x61, 0x00, 0x1b, 0x64, 3, 0x1d, 0x56, 66, 0],
    ];
    expect([...escPosLabel(bread, { encodeText })]).toEqual(expected);
  });

  it('switches to Chinese character mode right after ESC @ when asked', () => {
    const bytes = escPosLabel(bread, { encodeText, afterInit: [0x1c, 0x26] });
    expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
  });

  it('drops control characters from the text: a name with ESC p cannot kick the drawer', () => {
    const bytes = escPosLabel({ ...bread, name: 'Bread\u001bp\u0000\u0019\u00fa' }, { encodeText });
    expect(Buffer.from(bytes).indexOf(Buffer.from([0x1b, 0x70]))).toBe(-1);
  });

  it('cuts after every label', () => {
    const bytes = Buffer.from(escPosLabels([bread, bread], { encodeText }));
    const cut = Buffer.from([0x1d, 0x56, 66, 0]);
    expect(bytes.indexOf(cut)).toBeGreaterThan(0);
    expect(bytes.indexOf(cut, bytes.indexOf(cut) + 1)).toBe(bytes.length - 4);
  });
});

describe('barcodeCommand', () => {
  it('is Code 128 in code set B for a code that is not an EAN-13, its length counting "{B"', () => {
    expect(barcodeCommand('2000123')).toEqual([0x1d, 0x6b, 73, 9, 0x7b, 0x42, ...ascii('2000123')]);
  });

  it('takes an EAN-13 with a wrong check digit as Code 128 rather than let the printer refuse it', () => {
    expect(barcodeCommand('6901234567890').slice(0, 3)).toEqual([0x1d, 0x6b, 73]);
  });
});

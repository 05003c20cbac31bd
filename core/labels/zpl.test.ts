// ZPL checked against the ZPL II Programming Guide's command syntax (Zebra P1012728): ^XA/^XZ bracket
// a format, ^CI28 selects UTF-8, ^FO x,y places a field, ^A0N,h,w the scalable font, ^BY2 the module
// width, ^BEo,h,f,g EAN-13 (12 data digits, the printer computes the 13th), ^BCo,h,f,g,e Code 128,
// ^FH makes _XX a hex byte in the field data that follows.
import { describe, expect, it } from 'vitest';
import { shelfLabel } from './label';
import { fieldData, zplBytes, zplLabel, zplLabels } from './zpl';

const milk = shelfLabel({
  name: '鲜牛奶 1升',
  barcode: '6901234567892',
  currency: 'CNY',
  price: 1290,
  unitPrice: null,
  effectiveDate: '2026-12-08',
});

describe('zplLabel', () => {
  const zpl = zplLabel(milk);

  it('is one format, ^XA to ^XZ, with UTF-8 field data announced before any field', () => {
    expect(zpl.startsWith('^XA\n^CI28\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it('prints the name, the price and the date the price takes effect as fields', () => {
    expect(zpl).toContain('^FO20,15^A0N,30,30^FB360,1,0,L,0^FH^FD鲜牛奶 1升^FS');
    expect(zpl).toContain('^FO20,55^A0N,60,60^FB360,1,0,L,0^FH^FD' + 'CNY 12.90^FS');
    expect(zpl).toContain('^FH^FDfrom 2026-12-08^FS');
  });

  it('draws an EAN-13 barcode from its 12 data digits with ^BE, text below', () => {
    expect(zpl).toContain('^FO200,170^BY2^BEN,50,Y,N^FD690123456789^FS');
  });

  it('sends the name as UTF-8 bytes', () => {
    const bytes = zplBytes(zpl);
    // 鲜 is U+9C9C: E9 B2 9C in UTF-8.
    const at = Buffer.from(bytes).indexOf(Buffer.from([0xe9, 0xb2, 0x9c]));
    expect(at).toBeGreaterThan(0);
  });

  it('prints a unit price per kg when the label has one, and a Code 128 for a code that is not an EAN-13', () => {
    const apples = shelfLabel({
      name: 'Apples',
      barcode: '2000123',
      currency: 'CNY',
      price: 1280,
      unitPrice: { amount: 1280, per: 'kg' },
      effectiveDate: null,
    });
    const zpl = zplLabel(apples);
    expect(zpl).toContain('^FDCNY 12.80/kg^FS');
    expect(zpl).not.toContain('from ');
    expect(zpl).toContain('^BY2^BCN,50,Y,N,N^FH^FD2000123^FS');
  });

  it('turns ^, ~ and _ of a hostile name into hex and drops control characters: no command gets through', () => {
    expect(fieldData('a^XZ~JR_b\u0007')).toBe('a_5EXZ_7EJR_5Fb');
    const zpl = zplLabel({ ...milk, name: 'Milk^XZ^XA~JA' });
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~JA');
  });

  it('uses a font stored on the printer when one is named (^A@)', () => {
    expect(zplLabel(milk, { font: 'E:SIMSUN.TTF' })).toContain('^A@N,30,30,E:SIMSUN.TTF^FB');
  });

  it('puts several labels one format after the other', () => {
    expect(zplLabels([milk, milk]).match(/\^XA\n\^CI28/g)).toHaveLength(2);
  });
});

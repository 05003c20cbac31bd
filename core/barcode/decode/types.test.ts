import { describe, expect, it } from 'vitest';
import { asScannedText } from './types';

describe('a camera read as scanner input', () => {
  it('puts the AIM identifier before the data, as a serial scanner sends it', () => {
    expect(asScannedText({ text: '4006381333931', format: 'EAN-13', symbologyIdentifier: ']E0' })).toBe(
      ']E04006381333931',
    );
    const gs1 = '0109506000134352\u001d10ABC';
    expect(asScannedText({ text: gs1, format: 'DataMatrix', symbologyIdentifier: ']d2' })).toBe(`]d2${gs1}`);
  });

  it('sends an add-on after the main code under ]E3', () => {
    expect(
      asScannedText({ text: '9771234567003', format: 'EAN-13', symbologyIdentifier: ']E0', addOn: '08' }),
    ).toBe(']E3977123456700308');
  });

  it('sends the bare text when the engine gave no identifier', () => {
    expect(asScannedText({ text: 'MEM12345678', format: 'QRCode' })).toBe('MEM12345678');
  });
});

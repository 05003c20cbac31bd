import { describe, expect, it } from 'vitest';
import { createAgreementFilter } from './agreement';

describe('camera read agreement', () => {
  it('accepts a 1D code only when a second frame agrees within the window', () => {
    const read = createAgreementFilter();
    expect(read('9780764544200', 'EAN13', 0)).toBeNull();
    expect(read('9780764544200', 'EAN13', 200)).toBe('9780764544200');
  });

  it('never accepts a one-off misread, even among good reads', () => {
    const read = createAgreementFilter();
    expect(read('9780764544201', 'EAN13', 0)).toBeNull(); // misread
    expect(read('9780764544200', 'EAN13', 100)).toBeNull();
    expect(read('9780764544200', 'EAN13', 200)).toBe('9780764544200');
    expect(read('9780764544201', 'EAN13', 5000)).toBeNull(); // the old misread has expired
  });

  it('does not count reads further apart than the window', () => {
    const read = createAgreementFilter({ windowMs: 1000 });
    expect(read('96385074', 'EAN8', 0)).toBeNull();
    expect(read('96385074', 'EAN8', 1500)).toBeNull();
    expect(read('96385074', 'EAN8', 1600)).toBe('96385074');
  });

  it('accepts a QR code at once', () => {
    const read = createAgreementFilter();
    expect(read('https://id.example.com/01/09506000134352', 'QRCode', 0)).toBe(
      'https://id.example.com/01/09506000134352',
    );
  });

  it('adds a code held in front of the camera once, and again after it was taken away', () => {
    const read = createAgreementFilter({ repeatAfterMs: 2000 });
    read('96385074', 'EAN8', 0);
    expect(read('96385074', 'EAN8', 100)).toBe('96385074');
    for (let t = 200; t <= 5000; t += 100) expect(read('96385074', 'EAN8', t)).toBeNull();
    read('96385074', 'EAN8', 8000);
    expect(read('96385074', 'EAN8', 8100)).toBe('96385074');
  });
});

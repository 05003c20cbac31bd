import { describe, expect, it } from 'vitest';
import { paymentPayload as fixture } from '../../../test/helpers/fixtures';
import { emvCrc } from './crc';
import { decodeEmv } from './decode';
import { buildDynamicBankQr } from './dynamic';
import { buildEmv } from './encode';
import { valueAt } from './lookup';
import type { EmvDecoded } from './types';

function built(result: ReturnType<typeof buildDynamicBankQr>): EmvDecoded {
  if (!result.ok) throw new Error(result.error.message);
  const decoded = decodeEmv(result.payload);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded;
}

describe('a one-sale code from a static bank QR', () => {
  it('puts the amount and the txid into a static Pix key code', () => {
    const code = built(
      buildDynamicBankQr(fixture('pix-bcb-static-manual'), {
        amountMinor: 1234,
        currency: 'BRL',
        reference: 'RCPT42',
      }),
    );
    expect(code.deviations).toEqual([]);
    expect(code.fields).toMatchObject({ pointOfInitiation: 'dynamic', amount: '12.34', amountMinor: 1234 });
    expect(code.fields.additionalData).toEqual({ referenceLabel: 'RCPT42' });
    expect(code.dataObjects.map((o) => o.id)).toEqual([
      '00',
      '01',
      '26',
      '52',
      '53',
      '54',
      '58',
      '59',
      '60',
      '62',
      '63',
    ]);
  });

  it('keeps the deviations of the bank code it did not touch, and checks what it wrote afresh', () => {
    // The Thai P2P code has no MCC, name or city: still true of the one-sale code, so still accepted.
    const thai = built(
      buildDynamicBankQr(fixture('promptpay-phone'), { amountMinor: 422, currency: 'THB', reference: 'R7' }),
    );
    expect(thai.fields).toMatchObject({
      amount: '4.22',
      pointOfInitiation: 'dynamic',
      additionalData: { billNumber: 'R7' },
    });
    expect(thai.deviations.map((d) => `${d.code} ${d.path}`)).toEqual([
      'out_of_order ',
      'missing 52',
      'missing 59',
      'missing 60',
    ]);
    // The too-long city stays; the hyphenated txid is replaced, and a new bad one is refused.
    const city = fixture('pix-brutils-city-too-long');
    const ok = built(buildDynamicBankQr(city, { amountMinor: 1000, currency: 'BRL', reference: 'SALE1' }));
    expect(ok.deviations.map((d) => d.path)).toEqual(['60']);
    expect(
      buildDynamicBankQr(city, { amountMinor: 1000, currency: 'BRL', reference: 'SALE-1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'pix.txid_format', path: '62.05' },
    });
  });

  it('makes a PayNow amount not editable and writes the bill number', () => {
    const base = buildEmv([
      { id: '01', value: '11' },
      {
        id: '26',
        children: [
          { id: '00', value: 'SG.PAYNOW' },
          { id: '01', value: '2' },
          { id: '02', value: '201403121W' },
          { id: '03', value: '1' },
        ],
      },
      { id: '52', value: '5411' },
      { id: '53', value: '702' },
      { id: '58', value: 'SG' },
      { id: '59', value: 'FRESH MART' },
      { id: '60', value: 'Singapore' },
    ]);
    const code = built(
      buildDynamicBankQr(base.ok ? base.payload : '', {
        amountMinor: 995,
        currency: 'SGD',
        reference: 'S1-T2-000381',
      }),
    );
    expect(code.deviations).toEqual([]);
    expect(valueAt(code.dataObjects, '26.03')).toBe('0');
    expect(code.fields).toMatchObject({ amount: '9.95', additionalData: { billNumber: 'S1-T2-000381' } });
    expect(code.profiles[0]!.details.amountEditable).toBe('no');
  });

  it('writes whole dong and the VietQR message field, or the field asked for', () => {
    const body = '00020101021138570010A00000072701270006970415011300110019324180208QRIBFTTA53037045802VN6304';
    const payload = body + emvCrc(body);
    const code = built(
      buildDynamicBankQr(payload, { amountMinor: 50000, currency: 'VND', reference: 'DH 1042' }),
    );
    expect(code.fields).toMatchObject({ amount: '50000', additionalData: { purpose: 'DH 1042' } });
    const bill = built(
      buildDynamicBankQr(payload, {
        amountMinor: 5,
        currency: 'vnd',
        reference: 'DH1',
        referenceField: '05',
      }),
    );
    expect(bill.fields.additionalData).toEqual({ referenceLabel: 'DH1' });
  });

  it('refuses what cannot become a one-sale code, saying why', () => {
    const refusal = (payload: string, sale: Partial<Parameters<typeof buildDynamicBankQr>[1]>) => {
      const result = buildDynamicBankQr(payload, {
        amountMinor: 100,
        currency: 'BRL',
        reference: 'R1',
        ...sale,
      });
      return result.ok ? 'built' : `${result.error.code} ${result.error.path}`;
    };
    const pix = fixture('pix-bcb-static-manual');
    expect(refusal(pix, {})).toBe('built');
    expect(refusal(pix, { currency: 'USD' })).toBe('bad_input 53');
    expect(refusal(pix, { amountMinor: 0 })).toBe('bad_input 54');
    expect(refusal(pix, { amountMinor: 1.5 })).toBe('bad_input 54');
    expect(refusal(pix, { reference: 'R'.repeat(26) })).toBe('too_long 62.05');
    expect(refusal(fixture('pix-utils-dynamic-onetime'), {})).toBe('bad_input 01');
    expect(refusal(fixture('pix-utils-dynamic'), {})).toBe('bad_input ');
    expect(refusal(fixture('pix-banrisul-bad-crc'), {})).toBe('bad_crc 63');
  });
});

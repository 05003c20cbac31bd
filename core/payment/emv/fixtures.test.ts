// Every published vector of test/fixtures/payment-qr-vectors.json: valid ones round-trip byte for byte,
// broken ones are refused.
import { describe, expect, it } from 'vitest';
import { paymentVectors } from '../../../test/helpers/fixtures';
import { decodeEmv } from './decode';
import { encodeEmv } from './encode';

const vectors = paymentVectors();
const emv = vectors.filter((v) => v.kind === 'emv-mpm');
const valid = emv.filter((v) => v.expectValid === true);
const broken = emv.filter((v) => v.expectValid === false);

describe('the payment QR fixture vectors', () => {
  it('has the vectors this suite is about', () => {
    expect(valid.length).toBeGreaterThanOrEqual(15);
    expect(broken.length).toBeGreaterThanOrEqual(2);
  });

  it.each(valid.map((v) => [v.id, v] as const))('%s decodes and re-encodes byte for byte', (_, vector) => {
    const decoded = decodeEmv(vector.payload);
    if (!decoded.ok) throw new Error(`${vector.id}: ${decoded.error.message}`);
    expect(decoded.fields.crc).toBe(vector.crc);
    // Through JSON, as `openlane emv decode | openlane emv encode -` carries it.
    const again = encodeEmv(JSON.parse(JSON.stringify(decoded)));
    expect(again).toEqual({ ok: true, payload: vector.payload });
    // The data objects alone are enough; payload, fields and profiles only have to agree when present.
    expect(encodeEmv({ dataObjects: decoded.dataObjects, deviations: decoded.deviations })).toEqual(again);
  });

  it.each(broken.map((v) => [v.id, v] as const))('%s is refused for its wrong CRC', (_, vector) => {
    const decoded = decodeEmv(vector.payload);
    expect(decoded).toMatchObject({ ok: false, error: { code: 'bad_crc', path: '63' } });
    expect(!decoded.ok && decoded.error.message).toContain(`the CRC is ${vector.crc} but`);
  });

  it('reads the Chinese text of the EMVCo example, whose lengths count characters', () => {
    const vector = valid.find((v) => v.id === 'emvco-mpm-annexB')!;
    const decoded = decodeEmv(vector.payload);
    expect(new TextEncoder().encode(vector.payload).length).toBeGreaterThan(vector.payload.length);
    expect(decoded).toMatchObject({
      ok: true,
      fields: {
        merchantName: 'BEST TRANSPORT',
        merchantCity: 'BEIJING',
        countryCode: 'CN',
        currency: '156',
        currencyCode: 'CNY',
        amount: '23.72',
        amountMinor: 2372,
        tipOrConvenience: 'prompt',
        language: { preference: 'ZH', merchantName: '最佳运输', merchantCity: '北京' },
        additionalData: {
          storeLabel: '1234',
          customerLabel: '***',
          terminalLabel: 'A6008667',
          consumerDataRequest: 'ME',
        },
        unreserved: [{ id: '91', gui: 'A011223344998877', fields: { '07': '12345678' } }],
      },
    });
    expect(decoded.ok && decoded.dataObjects.find((o) => o.id === '64')).toEqual({
      id: '64',
      children: [
        { id: '00', value: 'ZH' },
        { id: '01', value: '最佳运输' },
        { id: '02', value: '北京' },
      ],
    });
  });

  it('keeps the order of the spec example (64 before 54), reported as a deviation from canonical order', () => {
    const annexB = decodeEmv(valid.find((v) => v.id === 'emvco-mpm-annexB')!.payload);
    const sorted = decodeEmv(valid.find((v) => v.id === 'emvco-example-reordered-steplix')!.payload);
    expect(annexB.ok && annexB.deviations).toEqual([
      {
        code: 'out_of_order',
        path: '',
        message:
          '64 comes before 54; OpenLane writes data objects in ascending ID order (EMVCo itself fixes only 00 first and 63 last)',
      },
    ]);
    expect(sorted.ok && sorted.deviations).toEqual([]);
    // Same data objects, other order: same reading, different CRC.
    expect(annexB.ok && sorted.ok && { ...annexB.fields, crc: '' }).toEqual(
      sorted.ok && { ...sorted.fields, crc: '' },
    );
  });

  it('reads the too-long city of a code found in the wild, and reports it', () => {
    const decoded = decodeEmv(valid.find((v) => v.id === 'pix-brutils-city-too-long')!.payload);
    expect(decoded.ok && decoded.fields.merchantCity).toBe('Presidente Prudente');
    expect(decoded.ok && decoded.deviations).toContainEqual({
      code: 'too_long',
      path: '60',
      message: '60 (Merchant City) "Presidente Prudente" is 19 characters; the limit is 15',
    });
  });

  it('reads the Thai codes that leave out MCC, name and city, and says so', () => {
    for (const vector of valid.filter((v) => v.id.startsWith('promptpay'))) {
      const decoded = decodeEmv(vector.payload);
      expect(decoded.ok && decoded.deviations.filter((d) => d.code === 'missing').map((d) => d.path)).toEqual(
        ['52', '59', '60'],
      );
    }
  });
});

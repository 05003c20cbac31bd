import { describe, expect, it } from 'vitest';
import { emvCrc } from './crc';
import { decodeEmv } from './decode';
import { tlv } from './tlv';

/** A payload from everything before the CRC, with its correct CRC appended. */
const withCrc = (body: string) => `${body}6304${emvCrc(`${body}6304`)}`;

const PAYNOW_ACCOUNT = tlv('26', tlv('00', 'SG.PAYNOW') + tlv('01', '2') + tlv('02', '201403121W'));
const BASE = `000201010211${PAYNOW_ACCOUNT}52040000530370258025904ACME6009Singapore`.replace(
  '5802',
  '5802SG',
);

const deviationsOf = (payload: string) => {
  const decoded = decodeEmv(payload);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.deviations.map((d) => `${d.code} ${d.path}`);
};

describe('decoding an EMV payload', () => {
  it('reads a clean code with no deviation', () => {
    const decoded = decodeEmv(withCrc(BASE));
    expect(decoded).toMatchObject({
      ok: true,
      deviations: [],
      fields: {
        pointOfInitiation: 'static',
        merchantAccounts: [
          { id: '26', network: 'SG.PAYNOW', gui: 'SG.PAYNOW', fields: { '01': '2', '02': '201403121W' } },
        ],
        merchantName: 'ACME',
        currencyCode: 'SGD',
      },
      profiles: [{ id: 'paynow', accountId: '26', details: { proxyType: 'uen', proxy: '201403121W' } }],
    });
  });

  it('is lenient with what real codes bend, naming each bend', () => {
    expect(deviationsOf(withCrc(BASE.replace('52040000', '')))).toEqual(['missing 52']);
    expect(deviationsOf(withCrc(BASE.replace('6009Singapore', '6017Singapore Central')))).toEqual([
      'too_long 60',
    ]);
    expect(deviationsOf(withCrc(BASE.replace('5904ACME', '5904ACMÉ')))).toEqual(['bad_charset 59']);
    expect(deviationsOf(withCrc(BASE.replace('5802SG', '5802sg')))).toEqual([
      'bad_value 58',
      'paynow.country 58',
    ]);
    expect(deviationsOf(withCrc(BASE.replace('010211', '010213')))).toEqual(['bad_value 01']);
    const reordered = withCrc(`000201${PAYNOW_ACCOUNT}5802SG010211520400005303702` + '5904ACME6009Singapore');
    expect(deviationsOf(reordered)).toEqual(['out_of_order ']);
  });

  it('accepts lower-case CRC hex', () => {
    let body = BASE;
    // Find a variant whose CRC has a letter, so that lower case differs.
    for (let i = 0; !/[A-F]/.test(emvCrc(`${body}6304`)); i++) body = `${BASE}6101${i % 10}`;
    const payload = withCrc(body);
    const lower = payload.slice(0, -4) + payload.slice(-4).toLowerCase();
    const decoded = decodeEmv(lower);
    expect(decoded).toMatchObject({ ok: true, fields: { crc: payload.slice(-4).toLowerCase() } });
    expect(decoded.ok && decoded.deviations.map((d) => d.code)).toEqual(['crc_lowercase']);
  });

  it('checks amounts against the currency and the tip rules', () => {
    expect(deviationsOf(withCrc(`${BASE}5404.005`))).toEqual(['out_of_order ', 'bad_value 54']);
    const inOrder = (extra: string) => withCrc(BASE.replace('5802SG', `${extra}5802SG`));
    expect(deviationsOf(inOrder('54041.50'))).toEqual([]);
    expect(deviationsOf(inOrder('54051.505'))).toEqual(['bad_value 54']);
    expect(deviationsOf(inOrder('54040.00'))).toEqual(['bad_value 54']);
    expect(deviationsOf(inOrder('54041,50'))).toEqual(['bad_value 54']);
    expect(deviationsOf(inOrder('550202'))).toEqual(['conditional 56']);
    expect(deviationsOf(inOrder('55020256041.00'))).toEqual([]);
    expect(deviationsOf(inOrder('55020356041.00'))).toEqual(['conditional 56', 'conditional 57']);
    expect(deviationsOf(inOrder('5502035704.500'))).toEqual(['bad_value 57']);
    expect(deviationsOf(inOrder('550203570412.5'))).toEqual([]);
  });

  it('checks the nested templates: GUI present, language template complete, consumer data request letters', () => {
    expect(deviationsOf(withCrc(`${BASE}62070903AMA`))).toEqual(['bad_value 62.09']);
    expect(deviationsOf(withCrc(`${BASE}62070903EMA`))).toEqual([]);
    expect(deviationsOf(withCrc(`${BASE}64060002ZH`))).toEqual(['missing 64.01']);
    expect(deviationsOf(withCrc(`${BASE}64140002zh0104北京超市`))).toEqual([]);
    expect(deviationsOf(withCrc(`${BASE}81080104abcd`))).toEqual(['missing 81.00']);
    expect(deviationsOf(withCrc(`${BASE}62140503abc0103xyz`))).toEqual(['out_of_order 62']);
    expect(deviationsOf(withCrc(`${BASE}6200`))).toEqual(['empty_value 62']);
  });

  it('refuses a wrong CRC, naming both', () => {
    const payload = withCrc(BASE);
    const wrong = payload.slice(0, -4) + (payload.endsWith('0000') ? '0001' : '0000');
    expect(decodeEmv(wrong)).toEqual({
      ok: false,
      payload: wrong,
      error: {
        code: 'bad_crc',
        path: '63',
        message: `the CRC is ${wrong.slice(-4)} but the payload's CRC-16/CCITT-FALSE is ${payload.slice(-4)}: the code is damaged or was altered`,
        position: wrong.length - 8,
      },
    });
  });

  it('refuses what is not an EMV payload at all, with the reason', () => {
    const cases: [string, string, string][] = [
      ['', 'empty', ''],
      ['hello world', 'bad_id', ''],
      ['0102110002016304ABCD', 'not_emv', '01'],
      [BASE, 'missing_crc', '63'],
      [`${withCrc(BASE)}6101X`, 'crc_not_last', '63'],
      [`${BASE}6302AB`, 'bad_crc_format', '63'],
      [`${BASE}6304XYZW`, 'bad_crc_format', '63'],
      [withCrc(BASE).slice(0, -1), 'truncated', '63'],
      [`${BASE}59X1`, 'bad_length', '59'],
      [withCrc(`${BASE}5904ACME`), 'duplicate_id', '59'],
      [withCrc(`${BASE}62070504***`), 'truncated', '62.05'],
      [withCrc(`${BASE}62140503***0503***`), 'duplicate_id', '62.05'],
      [withCrc(`${BASE}6206ab0101`), 'bad_id', '62'],
    ];
    for (const [payload, code, path] of cases) {
      const decoded = decodeEmv(payload);
      expect([payload, decoded.ok || decoded.error.code, decoded.ok || decoded.error.path]).toEqual([
        payload,
        code,
        path,
      ]);
    }
  });

  it('points at the character where the TLV breaks, counting characters', () => {
    const decoded = decodeEmv(withCrc(`${BASE}64120002ZH0103北京`));
    expect(decoded).toMatchObject({ ok: false, error: { code: 'truncated', path: '64.01' } });
    expect(!decoded.ok && decoded.error.position).toBe([...BASE].length + 4 + 6);
  });
});

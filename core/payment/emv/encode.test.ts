import { describe, expect, it } from 'vitest';
import { emvCrc } from './crc';
import { decodeEmv } from './decode';
import { buildEmv, encodeEmv } from './encode';
import { valueAt, withValue } from './lookup';
import type { EmvDataObject, EmvDecoded } from './types';

const withCrc = (body: string) => `${body}6304${emvCrc(`${body}6304`)}`;

// A PayNow UEN code, in ascending ID order and within every limit.
const SHOP: EmvDataObject[] = [
  { id: '00', value: '01' },
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
];

function decoded(payload: string): EmvDecoded {
  const result = decodeEmv(payload);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const refusal = (objects: EmvDataObject[]) => {
  const result = encodeEmv({ dataObjects: objects });
  return result.ok ? 'encoded' : `${result.error.code} ${result.error.path}`;
};

describe('encoding an EMV payload', () => {
  it('writes data objects in the order given with the CRC computed, ignoring a stale 63', () => {
    const result = encodeEmv({ dataObjects: [...SHOP, { id: '63', value: 'FFFF' }] });
    expect(result.ok).toBe(true);
    const payload = result.ok ? result.payload : '';
    expect(payload).toBe(
      withCrc(
        '00020101021126370009SG.PAYNOW010120210201403121W030115204541153037025802SG5910FRESH MART6009Singapore',
      ),
    );
    expect(decoded(payload)).toMatchObject({
      deviations: [],
      dataObjects: [...SHOP, { id: '63', value: payload.slice(-4) }],
    });
  });

  it('refuses every rule a new code would break, naming the field and the fault', () => {
    const without = (id: string) => SHOP.filter((o) => o.id !== id);
    const set = (path: string, value: string) => withValue(SHOP, path, value);
    expect(refusal(without('52'))).toBe('missing 52');
    expect(refusal(without('26'))).toBe('missing 02-51');
    expect(refusal(set('59', 'A VERY LONG SUPERMARKET NAME'))).toBe('too_long 59');
    expect(refusal(set('60', 'São Paulo'))).toBe('bad_charset 60');
    expect(refusal(set('53', '70'))).toBe('wrong_length 53');
    expect(refusal(set('54', '12.345'))).toBe('bad_value 54');
    expect(refusal(set('62.01', ''))).toBe('empty_value 62.01');
    expect(refusal(set('26.02', 'not a uen'))).toBe('paynow.proxy 26.02');
    expect(refusal([SHOP[0]!, SHOP[3]!, ...SHOP.slice(1, 3), ...SHOP.slice(4)])).toBe('out_of_order ');
    const result = encodeEmv({ dataObjects: withValue(set('59', 'x'.repeat(26)), '58', 'sg') });
    // All of them, in payload order, the first as the error.
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'too_long',
        path: '59',
        message: `59 (Merchant Name) "${'x'.repeat(26)}" is 26 characters; the limit is 25 (and 2 more)`,
      },
    });
    expect(!result.ok && result.violations.map((v) => `${v.code} ${v.path}`)).toEqual([
      'too_long 59',
      'bad_value 58',
      'paynow.country 58',
    ]);
  });

  it('accepts exactly the deviations the input lists, and no edited variant of them', () => {
    const payload = withCrc(
      '00020126580014br.gov.bcb.pix0136bee05743-4291-4f3c-9259-595df1307ba15204000053039865802BR5914Alexandre Lima6019Presidente Prudente62070503***',
    );
    const real = decoded(payload);
    expect(real.deviations.map((d) => d.path)).toEqual(['60']);
    expect(encodeEmv(real)).toEqual({ ok: true, payload });
    expect(encodeEmv({ dataObjects: real.dataObjects })).toMatchObject({
      ok: false,
      error: { code: 'too_long', path: '60' },
    });
    // Another city just as long is another deviation: it was never accepted.
    const edited = withValue(real.dataObjects, '60', 'Presidente Bernarde');
    expect(encodeEmv({ dataObjects: edited, deviations: real.deviations })).toMatchObject({
      ok: false,
      violations: [
        {
          code: 'too_long',
          path: '60',
          message: '60 (Merchant City) "Presidente Bernarde" is 19 characters; the limit is 15',
        },
      ],
    });
  });

  it('keeps lower-case CRC hex only when the input came that way and says so', () => {
    let objects = SHOP;
    for (let i = 0; !/[A-F]/.test(emvCrc(buildPayload(objects).slice(0, -4))); i++)
      objects = withValue(SHOP, '61', `${i}`);
    const upper = buildPayload(objects);
    const lower = upper.slice(0, -4) + upper.slice(-4).toLowerCase();
    expect(encodeEmv(decoded(lower))).toEqual({ ok: true, payload: lower });
    expect(encodeEmv({ dataObjects: decoded(lower).dataObjects })).toMatchObject({
      ok: false,
      error: { code: 'crc_lowercase' },
    });
  });

  it('refuses input whose payload, fields or profiles disagree with its data objects', () => {
    const real = decoded(buildPayload(withValue(SHOP, '54', '10.00')));
    expect(encodeEmv({ ...real, fields: { ...real.fields, amount: '20.00' } })).toEqual({
      ok: false,
      violations: [],
      error: {
        code: 'inconsistent',
        path: 'fields.amount',
        message:
          'fields.amount does not match the data objects, which give "10.00"; edit dataObjects, then remove payload, fields and profiles (or make them match)',
      },
    });
    const more = withValue(real.dataObjects, '54', '20.00');
    expect(encodeEmv({ ...real, dataObjects: more })).toMatchObject({
      ok: false,
      error: { path: 'payload' },
    });
    const profiles = [{ ...real.profiles[0]!, details: { ...real.profiles[0]!.details, proxy: 'x' } }];
    expect(encodeEmv({ dataObjects: real.dataObjects, profiles })).toMatchObject({
      ok: false,
      error: { path: 'profiles[0].details.proxy' },
    });
    const again = encodeEmv({ dataObjects: more });
    expect(again.ok && valueAt(decoded(again.payload).dataObjects, '54')).toBe('20.00');
  });

  it('refuses input it cannot write, saying what is wrong with it', () => {
    const shape = (input: unknown) => {
      const result = encodeEmv(input as never);
      return result.ok ? 'encoded' : `${result.error.code} ${result.error.path}`;
    };
    expect(shape(null)).toBe('bad_input ');
    expect(shape({ ok: false, error: { message: 'the CRC is wrong' } })).toBe('bad_input ');
    expect(shape({ dataObjects: [] })).toBe('bad_input dataObjects');
    expect(shape({ dataObjects: SHOP, deviations: [{ code: 'x' }] })).toBe('bad_input deviations');
    expect(shape({ dataObjects: [...SHOP, 'x'] })).toBe('bad_input ');
    expect(shape({ dataObjects: [...SHOP, { id: 61, value: '1' }] })).toBe('bad_input ');
    expect(shape({ dataObjects: [...SHOP, { id: '62', value: '0503***' }] })).toBe('bad_input 62');
    expect(shape({ dataObjects: [...SHOP, { id: '61', children: [] }] })).toBe('bad_input 61');
    expect(shape({ dataObjects: [...SHOP, { id: '61', value: 5 }] })).toBe('bad_input 61');
    expect(shape({ dataObjects: [...SHOP, { id: '59', value: 'X' }] })).toBe('duplicate_id 59');
    expect(
      shape({ dataObjects: [...SHOP, { id: '80', children: [{ id: '00', value: 'x'.repeat(100) }] }] }),
    ).toBe('bad_input 80.00');
    expect(
      shape({ dataObjects: [...SHOP, { id: '80', children: [{ id: '00', value: 'x'.repeat(96) }] }] }),
    ).toBe('bad_input 80');
    expect(shape({ dataObjects: SHOP.slice(1) })).toBe('not_emv 01');
    expect(shape({ dataObjects: [SHOP[0], { id: '63', value: 'ABCD' }, ...SHOP.slice(1)] })).toBe(
      'crc_not_last 63',
    );
  });
});

function buildPayload(objects: EmvDataObject[]): string {
  const result = buildEmv(objects);
  if (!result.ok) throw new Error(result.error.message);
  return result.payload;
}

describe('building a new code', () => {
  it('puts data objects in ascending ID order at every level and adds the format indicator', () => {
    const shuffled: EmvDataObject[] = [
      SHOP[5]!,
      {
        id: '62',
        children: [
          { id: '05', value: 'REF1' },
          { id: '01', value: 'INV-9' },
        ],
      },
      ...SHOP.slice(1, 5).reverse(),
      ...SHOP.slice(6),
    ];
    const payload = buildPayload(shuffled);
    const ids = decoded(payload).dataObjects.map((o) => o.id);
    expect(ids).toEqual(['00', '01', '26', '52', '53', '58', '59', '60', '62', '63']);
    expect(payload).toContain('62170105INV-90504REF1');
  });

  it('accepts no deviation at all', () => {
    expect(buildEmv(SHOP.filter((o) => o.id !== '60'))).toMatchObject({
      ok: false,
      error: { code: 'missing', path: '60' },
    });
  });
});

describe('editing data objects', () => {
  it('sets, adds in ID order (before the root 63) and removes values without touching the original', () => {
    const base = [...SHOP, { id: '63', value: 'ABCD' }];
    const added = withValue(base, '54', '1.00');
    expect(added.map((o) => o.id)).toEqual(['00', '01', '26', '52', '53', '54', '58', '59', '60', '63']);
    expect(
      withValue(base, '64.00', 'ZH')
        .map((o) => o.id)
        .slice(-2),
    ).toEqual(['64', '63']);
    expect(valueAt(withValue(base, '26.03', '0'), '26.03')).toBe('0');
    expect(withValue(base, '26.03', undefined).find((o) => o.id === '26')).toEqual({
      id: '26',
      children: SHOP[2] && 'children' in SHOP[2] ? SHOP[2].children.slice(0, 3) : [],
    });
    expect(withValue(withValue(base, '62.01', 'A'), '62.01', undefined).some((o) => o.id === '62')).toBe(
      false,
    );
    expect(base).toHaveLength(SHOP.length + 1);
  });
});

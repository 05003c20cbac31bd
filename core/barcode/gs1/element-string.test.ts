import { describe, expect, it } from 'vitest';
import { GS, encodeElementString, formatElementString, parseElementString } from './element-string';

const GTIN = '09506000134352';

describe('parseElementString: the scanner form', () => {
  const expected = [
    { ai: '01', title: 'GTIN', raw: GTIN, value: { kind: 'gtin', gtin14: GTIN } },
    {
      ai: '17',
      title: 'USE BY or EXPIRY',
      raw: '261231',
      value: { kind: 'date', iso: '2026-12-31', year: 2026, month: 12, day: 31 },
    },
    { ai: '10', title: 'BATCH/LOT', raw: 'ABC123', value: { kind: 'text', text: 'ABC123' } },
    { ai: '21', title: 'SERIAL', raw: 'SER1', value: { kind: 'text', text: 'SER1' } },
  ];

  it('reads GTIN, expiry, lot and serial from GS-separated data and from the bracketed form', () => {
    const scanned = `01${GTIN}17261231` + `10ABC123${GS}21SER1`;
    expect(parseElementString(scanned)).toEqual({ ok: true, elements: expected });
    expect(parseElementString('(01)09506000134352(17)261231(10)ABC123(21)SER1')).toEqual({
      ok: true,
      elements: expected,
    });
  });

  it('tolerates a leading FNC1/GS, a trailing GS, a GS after a predefined-length field and a GS1 AIM id', () => {
    const plain = parseElementString(`01${GTIN}10ABC123`);
    expect(plain.ok).toBe(true);
    expect(parseElementString(`${GS}01${GTIN}10ABC123${GS}`)).toEqual(plain);
    expect(parseElementString(`01${GTIN}${GS}10ABC123`)).toEqual(plain);
    expect(parseElementString(`]d201${GTIN}10ABC123`)).toEqual(plain);
    expect(parseElementString(`]C1${GS}01${GTIN}10ABC123`)).toEqual(plain);
  });

  it('reads a variable field up to the end of the data when it is last', () => {
    const result = parseElementString(`01${GTIN}21${'9'.repeat(20)}`);
    expect(result.ok && result.elements[1]!.raw).toBe('9'.repeat(20));
  });

  it('reads an SSCC', () => {
    expect(parseElementString('00106141411234567897')).toEqual({
      ok: true,
      elements: [
        {
          ai: '00',
          title: 'SSCC',
          raw: '106141411234567897',
          value: { kind: 'sscc', sscc: '106141411234567897' },
        },
      ],
    });
  });

  it('keeps weights as an integer and its decimals (3103, 3102, 3202)', () => {
    const kg = parseElementString(`01${GTIN}3103000750`);
    expect(kg.ok && kg.elements[1]).toEqual({
      ai: '3103',
      title: 'NET WEIGHT (kg)',
      raw: '000750',
      value: { kind: 'measure', value: 750, decimals: 3, unit: 'kg' },
    });
    const kg2 = parseElementString(`(01)${GTIN}(3102)001250`);
    expect(kg2.ok && kg2.elements[1]!.value).toEqual({
      kind: 'measure',
      value: 1250,
      decimals: 2,
      unit: 'kg',
    });
    const lb = parseElementString(`(01)${GTIN}(3202)000150`);
    expect(lb.ok && lb.elements[1]!.value).toEqual({ kind: 'measure', value: 150, decimals: 2, unit: 'lb' });
  });

  it('reads prices: 3922 in the local currency and 3932 with ISO 4217 currency 978 (EUR)', () => {
    const price = parseElementString(`01${GTIN}39220349`);
    expect(price.ok && price.elements[1]).toEqual({
      ai: '3922',
      title: 'PRICE',
      raw: '0349',
      value: { kind: 'amount', digits: '0349', decimals: 2 },
    });
    const euro = parseElementString(`01${GTIN}39329781299${GS}10L1`);
    expect(euro.ok && euro.elements[1]!.value).toEqual({
      kind: 'amount',
      digits: '1299',
      decimals: 2,
      currencyNumeric: '978',
    });
  });

  it('reads counts (30 and 37)', () => {
    const result = parseElementString(`(02)${GTIN}(37)24`);
    expect(result.ok && result.elements[1]!.value).toEqual({ kind: 'count', count: 24 });
    const variable = parseElementString(`01${GTIN}3012`);
    expect(variable.ok && variable.elements[1]!.value).toEqual({ kind: 'count', count: 12 });
  });

  it('reads 8008 production date and time to the hour, minute or second', () => {
    const at = (digits: string) => {
      const result = parseElementString(`01${GTIN}8008${digits}`);
      return result.ok ? result.elements[1]!.value : result;
    };
    expect(at('26123114')).toMatchObject({ kind: 'datetime', iso: '2026-12-31T14:00:00', precision: 'hour' });
    expect(at('2612311430')).toMatchObject({ iso: '2026-12-31T14:30:00', precision: 'minute', minute: 30 });
    expect(at('261231143015')).toMatchObject({ iso: '2026-12-31T14:30:15', precision: 'second', second: 15 });
    expect(at('2612311')).toMatchObject({ ok: false, reason: 'bad_length' });
    expect(at('26123124')).toMatchObject({
      ok: false,
      reason: 'bad_date',
      message: expect.stringContaining('hour 24'),
    });
    expect(at('26123100')).toMatchObject({ kind: 'datetime' });
    expect(at('26123000')).toMatchObject({ kind: 'datetime', iso: '2026-12-30T00:00:00' });
    expect(at('26120010')).toMatchObject({ ok: false, reason: 'bad_date' });
  });

  it('reads 7003 expiry date and time, which needs its separator though it is fixed-length', () => {
    const result = parseElementString(`01${GTIN}70032612311200${GS}10A`);
    expect(result.ok && result.elements[1]!.value).toMatchObject({ iso: '2026-12-31T12:00:00' });
    expect(parseElementString(`01${GTIN}7003261231120010A`)).toMatchObject({
      ok: false,
      reason: 'bad_length',
    });
  });
});

describe('parseElementString: dates', () => {
  const expiry = (yymmdd: string, referenceYear?: number) => {
    const result = parseElementString(`01${GTIN}17${yymmdd}`, { referenceYear });
    return result.ok ? result.elements[1]!.value : result;
  };

  it('reads day 00 as the last day of the month, February of leap years included', () => {
    expect(expiry('261100')).toMatchObject({ iso: '2026-11-30', day: 30 });
    expect(expiry('261200')).toMatchObject({ iso: '2026-12-31' });
    expect(expiry('280200')).toMatchObject({ iso: '2028-02-29' });
    expect(expiry('270200')).toMatchObject({ iso: '2027-02-28' });
    expect(expiry('000200', 2100)).toMatchObject({ iso: '2100-02-28' });
    expect(expiry('000200', 2000)).toMatchObject({ iso: '2000-02-29' });
  });

  it('refuses days and months that do not exist, naming them', () => {
    expect(expiry('261331')).toEqual({
      ok: false,
      reason: 'bad_date',
      message: 'AI (17) USE BY or EXPIRY "261331": month 13 does not exist',
    });
    expect(expiry('260229')).toMatchObject({
      reason: 'bad_date',
      message: expect.stringContaining('day 29'),
    });
    expect(expiry('280229')).toMatchObject({ iso: '2028-02-29' });
    expect(expiry('261131')).toMatchObject({ reason: 'bad_date' });
    expect(expiry('260001')).toMatchObject({
      reason: 'bad_date',
      message: expect.stringContaining('month 00'),
    });
  });

  it('puts two-digit years in the window from 49 years before to 50 after the reference year', () => {
    expect(expiry('760101')).toMatchObject({ year: 2076 });
    expect(expiry('770101')).toMatchObject({ year: 1977 });
    expect(expiry('250101', 2075)).toMatchObject({ year: 2125 });
    expect(expiry('990101', 2001)).toMatchObject({ year: 1999 });
    expect(expiry('500101', Number.NaN)).toMatchObject({ year: 2050 });
  });
});

describe('parseElementString: refusals name the AI and what was wrong', () => {
  it('refuses a GTIN with a wrong check digit', () => {
    expect(parseElementString('0109506000134353')).toEqual({
      ok: false,
      reason: 'bad_check_digit',
      message: 'AI (01) GTIN "09506000134353": check digit 3 should be 2',
    });
    expect(parseElementString('00106141411234567890')).toMatchObject({ reason: 'bad_check_digit' });
    expect(parseElementString(`(02)09506000134353(37)1`)).toMatchObject({ reason: 'bad_check_digit' });
  });

  it('refuses an unknown AI', () => {
    expect(parseElementString(`01${GTIN}7777ABC`)).toMatchObject({
      ok: false,
      reason: 'unknown_ai',
      message: expect.stringContaining('"7777"'),
    });
    expect(parseElementString('(7777)ABC')).toMatchObject({
      reason: 'unknown_ai',
      message: expect.stringContaining('(7777)'),
    });
  });

  it('refuses a variable field that is too long or empty', () => {
    expect(parseElementString(`01${GTIN}10${'A'.repeat(21)}`)).toEqual({
      ok: false,
      reason: 'bad_length',
      message: `AI (10) BATCH/LOT "${'A'.repeat(21)}": 21 characters; at most 20 allowed`,
    });
    expect(parseElementString(`01${GTIN}10${GS}21X`)).toMatchObject({ reason: 'bad_length' });
    expect(parseElementString(`(01)${GTIN}(10)`)).toMatchObject({ reason: 'bad_length' });
  });

  it('refuses a fixed field cut short by the end of the data or by a GS', () => {
    expect(parseElementString('010950600013435')).toMatchObject({
      reason: 'bad_length',
      message: expect.stringContaining('13 characters'),
    });
    expect(parseElementString(`0109506${GS}10ABC`)).toMatchObject({ reason: 'bad_length' });
    expect(parseElementString(`(01)095060001343`)).toMatchObject({ reason: 'bad_length' });
  });

  it('refuses characters outside the AI character set', () => {
    expect(parseElementString(`01${GTIN}10AB C`)).toEqual({
      ok: false,
      reason: 'bad_charset',
      message: 'AI (10) BATCH/LOT "AB C": character " " at position 3 is not allowed (GS1 character set 82)',
    });
    expect(parseElementString(`01${GTIN}3103000A50`)).toMatchObject({ reason: 'bad_charset' });
    expect(parseElementString(`01${GTIN}10ABC#`)).toMatchObject({ reason: 'bad_charset' });
    expect(parseElementString(`(01)${GTIN}(10)ÄBC`)).toMatchObject({ reason: 'bad_charset' });
  });

  it('refuses an AI repeated with another value, and two AIs of one family', () => {
    expect(parseElementString(`(01)${GTIN}(10)A(10)B`)).toMatchObject({ reason: 'duplicate_ai' });
    expect(parseElementString(`(01)${GTIN}(3103)000750(3102)000075`)).toMatchObject({
      reason: 'conflicting_ai',
      message: expect.stringContaining('(3102)'),
    });
    expect(parseElementString(`(01)${GTIN}(3922)100(3932)978100`)).toMatchObject({
      reason: 'conflicting_ai',
    });
    const repeated = parseElementString(`(01)${GTIN}(10)A(10)A`);
    expect(repeated.ok && repeated.elements.map((e) => e.ai)).toEqual(['01', '10']);
  });

  it('refuses empty data, stray separators and broken brackets', () => {
    expect(parseElementString('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseElementString(GS)).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseElementString(`10A${GS}${GS}21B`)).toMatchObject({ reason: 'bad_separator' });
    expect(parseElementString('(01')).toMatchObject({ reason: 'bad_syntax' });
    expect(parseElementString('(AB)12')).toMatchObject({ reason: 'bad_syntax' });
  });
});

describe('formatting and encoding', () => {
  const pairs = [
    { ai: '01', raw: GTIN },
    { ai: '3103', raw: '000750' },
    { ai: '10', raw: 'AB(1)' },
    { ai: '422', raw: '276' },
    { ai: '21', raw: 'S1' },
  ];

  it('puts a GS only after fields without a predefined length, never at the end', () => {
    expect(encodeElementString(pairs)).toBe(`01${GTIN}3103000750` + `10AB(1)${GS}422276${GS}21S1`);
    expect(encodeElementString([])).toBe('');
  });

  it('writes the bracketed form, escaping a literal "(" in data so it reads back the same', () => {
    const text = formatElementString(pairs);
    expect(text).toBe(`(01)${GTIN}(3103)000750(10)AB\\(1)(422)276(21)S1`);
    const back = parseElementString(text);
    expect(back.ok && back.elements.map(({ ai, raw }) => ({ ai, raw }))).toEqual(pairs);
    const scanned = parseElementString(encodeElementString(pairs));
    expect(scanned).toEqual(back);
  });
});

// Decision tests: real GS1 element strings of every format kind the dictionary has, and each check
// routine's yes and no, as a scanner's data would meet them.
import { describe, expect, it } from 'vitest';
import { GS, parseElementString } from './element-string';
import { lint } from './linters';

const GTIN = '09506000134352';
const read = (data: string) => parseElementString(data, { referenceYear: 2026 });
const raws = (data: string) => {
  const result = read(data);
  return result.ok ? result.elements.map(({ ai, raw }) => `${ai}=${raw}`) : result;
};

describe('element strings of every format kind', () => {
  it('reads a logistic label: SSCC, content GTIN, count, dates, ship-to GLN and postal code', () => {
    // GS1 General Specifications' logistic label example shape: (00) (02) (37) (15) (410) (420)
    const data =
      `00106141411234567897` + `02${GTIN}37${'24'}${GS}` + `15261200` + `4109506000000008` + `42012345`;
    expect(raws(data)).toEqual([
      '00=106141411234567897',
      `02=${GTIN}`,
      '37=24',
      '15=261200',
      '410=9506000000008',
      '420=12345',
    ]);
    const best = read(data);
    expect(best.ok && best.elements[3]!.value).toMatchObject({ kind: 'date', iso: '2026-12-31' });
  });

  it('reads predefined-length AIs the dictionary adds (12, 13, 416) without separators', () => {
    expect(raws(`01${GTIN}13261130` + `4169506000000008` + `10L1`)).toEqual([
      `01=${GTIN}`,
      '13=261130',
      '416=9506000000008',
      '10=L1',
    ]);
    // 422 has a fixed length but is not in the predefined table: it needs its separator.
    expect(read(`01${GTIN}422276${GS}10L1`)).toMatchObject({ ok: true });
    expect(read(`01${GTIN}42227610L1`)).toMatchObject({ ok: false, reason: 'bad_length' });
  });

  it('reads a field of several components: country + postal code, several countries, date + time', () => {
    expect(raws(`(00)106141411234567897(421)276D-80331`)).toEqual([
      '00=106141411234567897',
      '421=276D-80331',
    ]);
    expect(raws(`(01)${GTIN}(423)276250380`)).toEqual([`01=${GTIN}`, '423=276250380']);
    expect(raws(`(01)${GTIN}(7007)260501260510`)).toEqual([`01=${GTIN}`, '7007=260501260510']);
    const expiry = read(`(01)${GTIN}(7003)2612312359`);
    expect(expiry.ok && expiry.elements[1]!.value).toMatchObject({
      kind: 'datetime',
      iso: '2026-12-31T23:59:00',
    });
  });

  it('refuses a field whose length does not divide into its components', () => {
    expect(read(`(01)${GTIN}(423)2762503`)).toEqual({
      ok: false,
      reason: 'bad_length',
      message:
        'AI (423) COUNTRY - INITIAL PROCESS "2762503": 7 characters do not fit its parts N3 [N3] [N3] [N3] [N3]',
    });
    expect(read(`(01)${GTIN}(8008)261231081`)).toMatchObject({ reason: 'bad_length' });
  });

  it('checks character sets 39 (CPID) and 64 (digital signature)', () => {
    expect(raws('(8010)9506000-ABC/1#(8011)12')).toEqual(['8010=9506000-ABC/1#', '8011=12']);
    expect(read('(8010)9506000abc(8011)12')).toMatchObject({
      reason: 'bad_charset',
      message: expect.stringContaining('GS1 character set 39'),
    });
    expect(read(`(00)106141411234567897(8030)MEUCIQD_sig-nature`)).toMatchObject({ ok: true });
    expect(read(`(00)106141411234567897(8030)MEUC+sig`)).toMatchObject({
      reason: 'bad_charset',
      message: expect.stringContaining('GS1 character set 64'),
    });
  });

  it('reads a GS1 payment slip: pay-to GLN, reference, amount and IBAN', () => {
    expect(raws('(415)9506000000008(8020)INV-2026-1(3902)12345(8007)GB82WEST12345698765432')).toEqual([
      '415=9506000000008',
      '8020=INV-2026-1',
      '3902=12345',
      '8007=GB82WEST12345698765432',
    ]);
  });
});

describe('check routines', () => {
  const refused = (data: string, reason: string, words: string) =>
    expect(read(data)).toMatchObject({ ok: false, reason, message: expect.stringContaining(words) });

  it('csum: a mod-10 check digit on GTINs, GLNs, SSCCs, ITIPs and GSRNs', () => {
    refused('(414)9506000000009', 'bad_check_digit', 'check digit 9 should be 8');
    refused(`(8006)${GTIN.slice(0, -1)}10102`, 'bad_check_digit', 'check digit 1 should be 2');
    expect(lint('csum', '106141411234567897', 2026)).toBeNull();
  });

  it('csumalpha: the check character pair of a GMN (8013)', () => {
    expect(read('(8013)1987654Ad4X4bL5ttr2310c2K')).toMatchObject({ ok: true });
    refused('(8013)1987654Ad4X4bL5ttr2310cXK', 'bad_check_digit', 'check characters XK should be 2K');
  });

  it('gcppos1/gcppos2: a key starts with a GS1 Company Prefix', () => {
    refused('(8004)ABC123', 'bad_value', 'does not start with a GS1 Company Prefix');
    expect(read('(8004)9506000ABC123')).toMatchObject({ ok: true });
  });

  it('yymmd0, yymmdd, yyyymmdd, hh, mi, hhmi: calendar dates and clock times', () => {
    expect(read(`(01)${GTIN}(17)260200`)).toMatchObject({ ok: true });
    refused(`(01)${GTIN}(7006)260200`, 'bad_date', 'day 00 is not allowed');
    refused(`(01)${GTIN}(7006)270229`, 'bad_date', 'day 29 does not exist in 2027-02');
    expect(read('(8018)950600013435200008(7250)20000229')).toMatchObject({ ok: true });
    refused('(8018)950600013435200008(7250)19000229', 'bad_date', 'day 29 does not exist in 1900-02');
    refused(`(01)${GTIN}(8008)2612312401`, 'bad_date', 'hour 24 does not exist');
    refused(`(01)${GTIN}(7003)2612311260`, 'bad_date', 'minute 60 does not exist');
    refused('(00)106141411234567897(4324)2612312400', 'bad_date', 'hour 24 does not exist');
  });

  it('iso3166, iso3166999, iso3166alpha2, iso4217: country and currency codes', () => {
    refused(`(01)${GTIN}(422)999`, 'bad_value', '"999" is not an ISO 3166 country code');
    expect(read(`(01)${GTIN}(7030)999PLANT-7`)).toMatchObject({ ok: true });
    refused(`(01)${GTIN}(7030)000PLANT-7`, 'bad_value', 'is not an ISO 3166 country code or 999');
    refused('(00)106141411234567897(4307)XX', 'bad_value', 'two-letter country code');
    expect(read(`(01)${GTIN}(30)1(3932)9781299`)).toMatchObject({ ok: true });
    refused(`(01)${GTIN}(30)1(3932)1231299`, 'bad_value', '"123" is not an ISO 4217 currency code');
  });

  it('pieceoftotal, posinseqslash, nozeroprefix, hasnondigit, nonzero, winding, yesno, hyphen', () => {
    refused(`(8006)${GTIN}0302`, 'bad_value', 'piece 3 of 2 does not exist');
    refused(`(8006)${GTIN}0002`, 'bad_value', 'piece and total must both be at least 1');
    refused('(8018)950600013435200008(7259)TWIN(7258)3/2', 'bad_value', 'position 3 of 2');
    refused('(8010)9506000ABC(8011)012', 'bad_value', 'may not start with 0');
    refused(`(01)${GTIN}(8014)950600000863`, 'bad_value', 'not a digit');
    refused(`(01)${GTIN}(8001)00001000010011`, 'bad_value', 'may not be zero');
    refused(`(01)${GTIN}(8001)10001000010021`, 'bad_value', 'winding direction');
    refused('(00)106141411234567897(4321)2', 'bad_value', '0 (no) or 1 (yes)');
    expect(read('(00)106141411234567897(4330)000440-')).toMatchObject({ ok: true });
    refused('(00)106141411234567897(4330)000440+', 'bad_value', 'may only be "-"');
  });

  it('latitude, longitude, pcenc, mediatype, iso5218, iban', () => {
    expect(read('(00)106141411234567897(4309)18000000000000000000')).toMatchObject({ ok: true });
    refused('(00)106141411234567897(4309)18000000013600000000', 'bad_value', 'beyond the poles');
    refused('(00)106141411234567897(4309)18000000003600000001', 'bad_value', 'beyond ±180°');
    expect(read('(00)106141411234567897(4301)Jo%20Bloggs')).toMatchObject({ ok: true });
    refused('(00)106141411234567897(4301)100%', 'bad_value', 'not followed by two hexadecimal digits');
    refused('(8017)950600013435200008(7241)50', 'bad_value', 'not an AIDC media type');
    refused('(8018)950600013435200008(7252)3', 'bad_value', 'ISO/IEC 5218');
    refused('(415)9506000000008(8020)R1(8007)GB83WEST12345698765432', 'bad_check_digit', 'IBAN check digits');
    refused(
      '(415)9506000000008(8020)R1(8007)XX82WEST12345698765432',
      'bad_value',
      'XX is not a country code',
    );
  });

  it('passes a routine it does not know, rather than refusing the label', () => {
    expect(lint('a-routine-from-a-future-dictionary', 'anything', 2026)).toBeNull();
    expect(read(`(8110)106141412345501234`)).toMatchObject({ ok: true });
  });
});

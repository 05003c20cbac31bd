import { describe, expect, it } from 'vitest';
import { formatDigitalLink, parseDigitalLink } from './digital-link';
import { gs1Fields } from './fields';

const GTIN = '09506000134352';
const pairsOf = (result: ReturnType<typeof parseDigitalLink>) =>
  result.ok ? result.elements.map(({ ai, raw }) => `${ai}=${raw}`) : result;

describe('parseDigitalLink', () => {
  it('reads path qualifiers, query attributes and other parameters on any domain', () => {
    const result = parseDigitalLink(
      `https://id.example.com/01/${GTIN}/10/ABC/21/XYZ?17=261231&3103=000750&linkType=gs1:pip`,
    );
    expect(result).toMatchObject({ ok: true, scheme: 'https', domain: 'id.example.com', pathPrefix: '' });
    expect(pairsOf(result)).toEqual([`01=${GTIN}`, '10=ABC', '21=XYZ', '17=261231', '3103=000750']);
    expect(result.ok && result.otherParams).toEqual({ linkType: 'gs1:pip' });
    expect(result.ok && gs1Fields(result.elements)).toEqual({
      gtin14: GTIN,
      lot: 'ABC',
      serial: 'XYZ',
      expiry: '2026-12-31',
      netWeightGrams: 750,
    });

    const other = parseDigitalLink(
      `https://QR.Shop.Example:8443/01/${GTIN}/21/XYZ?linkType=gs1%3Acertification`,
    );
    expect(other).toMatchObject({
      ok: true,
      domain: 'qr.shop.example:8443',
      otherParams: { linkType: 'gs1:certification' },
    });
    expect(pairsOf(other)).toEqual([`01=${GTIN}`, '21=XYZ']);
  });

  it('keeps a path prefix before the primary key', () => {
    const result = parseDigitalLink(`https://example.com/shop/fr/01/${GTIN}/10/L%2F42?3922=0349`);
    expect(result).toMatchObject({ ok: true, domain: 'example.com', pathPrefix: '/shop/fr' });
    expect(pairsOf(result)).toEqual([`01=${GTIN}`, '10=L/42', '3922=0349']);
  });

  it('works over plain http, with a trailing slash, a fragment and surrounding whitespace', () => {
    expect(pairsOf(parseDigitalLink(`http://example.org/01/${GTIN}/`))).toEqual([`01=${GTIN}`]);
    expect(parseDigitalLink(` http://example.org/01/${GTIN}#top\r\n`)).toMatchObject({
      ok: true,
      scheme: 'http',
    });
  });

  it('pads a GTIN-8, -12 or -13 to GTIN-14 and accepts the old short names', () => {
    expect(pairsOf(parseDigitalLink('https://example.com/01/9506000134352'))).toEqual([`01=${GTIN}`]);
    expect(pairsOf(parseDigitalLink('https://example.com/01/036000291452'))).toEqual(['01=00036000291452']);
    expect(pairsOf(parseDigitalLink('https://example.com/01/96385074'))).toEqual(['01=00000096385074']);
    expect(pairsOf(parseDigitalLink(`https://example.com/gtin/${GTIN}/lot/A1/ser/S9?exp=280200`))).toEqual([
      `01=${GTIN}`,
      '10=A1',
      '21=S9',
      '17=280200',
    ]);
  });

  it('reads other primary keys: SSCC and GLN with its extension', () => {
    expect(pairsOf(parseDigitalLink('https://example.com/00/106141411234567897'))).toEqual([
      '00=106141411234567897',
    ]);
    expect(pairsOf(parseDigitalLink('https://example.com/414/9506000000008/254/DOCK-3'))).toEqual([
      '414=9506000000008',
      '254=DOCK-3',
    ]);
  });

  it("takes each primary key's qualifier orders from the dictionary's dlpkey", () => {
    // 414 dlpkey=254|7040; 01 dlpkey=22,10,21|235 — one alternative or the other, never mixed.
    expect(pairsOf(parseDigitalLink('https://example.com/414/9506000000008/7040/1AB_'))).toEqual([
      '414=9506000000008',
      '7040=1AB_',
    ]);
    expect(pairsOf(parseDigitalLink(`https://example.com/01/${GTIN}/235/TPX-1`))).toEqual([
      `01=${GTIN}`,
      '235=TPX-1',
    ]);
    expect(parseDigitalLink(`https://example.com/01/${GTIN}/22/C/235/TPX-1`)).toMatchObject({
      reason: 'bad_qualifier',
      message: expect.stringContaining('22/10/21 or 235'),
    });
  });

  it('takes in the query only the AIs the dictionary marks as data attributes', () => {
    expect(
      parseDigitalLink(`https://example.com/01/${GTIN}?8200=${encodeURIComponent('https://x.example')}`),
    ).toEqual({
      ok: false,
      reason: 'not_data_attribute',
      message: 'AI (8200) PRODUCT URL may not be a Digital Link query attribute',
    });
    expect(pairsOf(parseDigitalLink(`https://example.com/01/${GTIN}?7006=260501&4326=260601`))).toEqual([
      `01=${GTIN}`,
      '7006=260501',
      '4326=260601',
    ]);
  });

  it('refuses a bad GTIN with the same message as the element string', () => {
    expect(parseDigitalLink('https://example.com/01/09506000134353/10/ABC')).toEqual({
      ok: false,
      reason: 'bad_check_digit',
      message: 'AI (01) GTIN "09506000134353": check digit 3 should be 2',
    });
    expect(parseDigitalLink('https://example.com/01/123')).toMatchObject({ ok: false, reason: 'bad_length' });
  });

  it('validates query attributes with the AI rules', () => {
    expect(parseDigitalLink(`https://example.com/01/${GTIN}?17=261331`)).toMatchObject({
      reason: 'bad_date',
      message: expect.stringContaining('month 13'),
    });
    expect(parseDigitalLink(`https://example.com/01/${GTIN}?7777=1`)).toMatchObject({ reason: 'unknown_ai' });
    expect(parseDigitalLink(`https://example.com/01/${GTIN}?17=261231&17=261130`)).toMatchObject({
      reason: 'duplicate_ai',
    });
  });

  it('refuses qualifiers out of order, or given in the query', () => {
    expect(parseDigitalLink(`https://example.com/01/${GTIN}/21/S/10/L`)).toMatchObject({
      ok: false,
      reason: 'bad_qualifier',
    });
    expect(parseDigitalLink(`https://example.com/01/${GTIN}?10=L`)).toMatchObject({
      reason: 'bad_qualifier',
      message: expect.stringContaining('belongs in the path'),
    });
  });

  it('refuses compressed links, other URIs and primary keys a till cannot use, clearly', () => {
    expect(parseDigitalLink('https://id.gs1.org/AQnYUc1gmiEBw')).toMatchObject({
      reason: 'compressed_digital_link',
    });
    expect(parseDigitalLink(`https://id.gs1.org/01/${GTIN}/DBHKVAdpQgqrCg`)).toMatchObject({
      reason: 'compressed_digital_link',
    });
    expect(parseDigitalLink('https://example.com/products/apples')).toMatchObject({
      reason: 'not_digital_link',
    });
    expect(parseDigitalLink('ftp://example.com/01/09506000134352')).toMatchObject({
      reason: 'not_digital_link',
    });
    expect(parseDigitalLink('')).toMatchObject({ reason: 'not_digital_link' });
    expect(parseDigitalLink('https://example.com/8004/0950600013430000001')).toMatchObject({
      reason: 'unsupported_primary_key',
    });
    expect(parseDigitalLink('https://example.com/01/%E0%A4%A')).toMatchObject({ reason: 'bad_uri' });
  });

  it('answers at once on pathological input, and refuses URIs longer than any barcode holds', () => {
    expect(parseDigitalLink(`https://a/${'01/'.repeat(2500)}`)).toMatchObject({ ok: false });
    expect(parseDigitalLink(`https://${'a'.repeat(8000)} b`)).toMatchObject({ reason: 'not_digital_link' });
    expect(parseDigitalLink(`https://a/01/${GTIN}?x=${'y'.repeat(9000)}`)).toMatchObject({
      reason: 'bad_uri',
    });
    expect(parseDigitalLink(`https://a/01/${GTIN}/10/${'L'.repeat(21)}`)).toMatchObject({
      reason: 'bad_length',
    });
  });

  it('keeps a "__proto__" query parameter as plain data', () => {
    const result = parseDigitalLink(`https://example.com/01/${GTIN}?__proto__=x&constructor=y`);
    expect(result.ok && Object.keys(result.otherParams)).toEqual(['__proto__', 'constructor']);
    expect(result.ok && Object.getPrototypeOf(result.otherParams)).toBe(Object.prototype);
  });
});

describe('formatDigitalLink', () => {
  it('puts the primary key and qualifiers in the path and the rest in the query', () => {
    const elements = [
      { ai: '17', raw: '261231' },
      { ai: '21', raw: 'S/1' },
      { ai: '01', raw: GTIN },
      { ai: '10', raw: 'L&1' },
    ];
    expect(formatDigitalLink(elements, 'https://example.com/shop/')).toEqual({
      ok: true,
      uri: `https://example.com/shop/01/${GTIN}/10/L%261/21/S%2F1?17=261231`,
    });
    expect(formatDigitalLink([{ ai: '10', raw: 'L' }])).toMatchObject({
      ok: false,
      reason: 'not_digital_link',
    });
  });
});

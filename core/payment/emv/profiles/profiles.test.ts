import { describe, expect, it } from 'vitest';
import { emvCrc } from '../crc';
import { decodeEmv } from '../decode';
import { withValue } from '../lookup';
import { serialiseObjects } from '../tree';
import type { EmvDataObject, EmvDecoded } from '../types';
import { cnpjValid, cpfValid, pixKeyType } from './pix';
import { EMV_SCHEMES } from '.';

/** A payload of these data objects with a correct CRC, whatever rules they break. */
function decode(objects: EmvDataObject[]): EmvDecoded {
  const body = `${serialiseObjects(objects)}6304`;
  const result = decodeEmv(body + emvCrc(body));
  if (!result.ok) throw new Error(result.error.message);
  return result;
}
const schemeDeviations = (objects: EmvDataObject[]) =>
  decode(objects)
    .deviations.filter((d) => d.code.includes('.'))
    .map((d) => `${d.code} ${d.path}`);

const merchant = (country: string, currency: string): EmvDataObject[] => [
  { id: '52', value: '5411' },
  { id: '53', value: currency },
  { id: '58', value: country },
  { id: '59', value: 'MERCADO' },
  { id: '60', value: 'CITY' },
];
const account = (id: string, children: [string, string][]): EmvDataObject => ({
  id,
  children: children.map(([k, value]) => ({ id: k, value })),
});

describe('Pix', () => {
  const pix = (children: [string, string][], txid = '***', id = '26') => [
    { id: '00', value: '01' },
    account(id, [['00', 'br.gov.bcb.pix'], ...children]),
    ...merchant('BR', '986'),
    { id: '62', children: [{ id: '05', value: txid }] },
  ];

  it('reads the key, its kind, the description and the txid', () => {
    expect(
      decode(
        pix(
          [
            ['01', '+5561912345678'],
            ['02', 'Pedido 7'],
          ],
          'PED7',
        ),
      ),
    ).toMatchObject({
      deviations: [],
      profiles: [
        {
          id: 'pix',
          accountId: '26',
          details: {
            gui: 'br.gov.bcb.pix',
            keyType: 'phone',
            key: '+5561912345678',
            description: 'Pedido 7',
            txid: 'PED7',
          },
        },
      ],
    });
  });

  it('tells the kinds of key apart and checks CPF and CNPJ check digits', () => {
    expect(pixKeyType('123e4567-e12b-12d1-a456-426655440000')).toEqual({ type: 'evp' });
    expect(pixKeyType('fulano@example.com.br')).toEqual({ type: 'email' });
    expect(pixKeyType('52998224725')).toEqual({ type: 'cpf' });
    expect(pixKeyType('11222333000181')).toEqual({ type: 'cnpj' });
    for (const bad of ['52998224726', '11222333000182', '+1555123', 'fulano@', 'chave']) {
      expect([bad, 'problem' in pixKeyType(bad)]).toEqual([bad, true]);
    }
    expect(cpfValid('11111111111')).toBe(false);
    expect(cnpjValid('00000000000000')).toBe(false);
  });

  it('wants exactly one of key and URL, a URL without its scheme, BRL in Brazil and a txid', () => {
    expect(
      schemeDeviations(
        pix([
          ['01', 'x@y.com'],
          ['25', 'psp.example/abc'],
        ]),
      ),
    ).toEqual(['pix.key_or_url 26']);
    expect(schemeDeviations(pix([['02', 'no key']]))).toEqual(['pix.key_or_url 26']);
    expect(schemeDeviations(pix([['01', '52998224726']]))).toEqual(['pix.key_format 26.01']);
    expect(schemeDeviations(pix([['25', 'https://psp.example/abc']]))).toEqual(['pix.url_format 26.25']);
    expect(schemeDeviations(pix([['25', 'psp.example/abc']], 'TX1'))).toEqual(['pix.txid_dynamic 62.05']);
    expect(schemeDeviations(pix([['01', 'x@y.com']], 'TX-1'))).toEqual(['pix.txid_format 62.05']);
    expect(schemeDeviations(pix([['01', 'x@y.com']], '***', '27'))).toEqual(['pix.template_id 27']);
    const noTxid = pix([['01', 'x@y.com']]).filter((o) => o.id !== '62');
    expect(schemeDeviations(noTxid)).toEqual(['pix.txid_missing 62.05']);
    const usd = withValue(withValue(pix([['01', 'x@y.com']]), '53', '840'), '58', 'US');
    expect(schemeDeviations(usd)).toEqual(['pix.country 58', 'pix.currency 53']);
  });
});

describe('PromptPay', () => {
  const thai = (id: string, children: [string, string][]) => [
    { id: '00', value: '01' },
    { id: '01', value: '11' },
    account(id, children),
    ...merchant('TH', '764'),
  ];
  const CREDIT = ['00', 'A000000677010111'] as [string, string];
  const BILL = ['00', 'A000000677010112'] as [string, string];

  it('reads the proxy of a credit transfer and the biller of a bill payment', () => {
    expect(decode(thai('29', [CREDIT, ['01', '0066812345678']])).profiles[0]!.details).toEqual({
      aid: 'A000000677010111',
      kind: 'creditTransfer',
      proxyType: 'mobile',
      proxy: '0066812345678',
      phone: '0812345678',
    });
    const bill = decode(thai('30', [BILL, ['01', '010753600031501'], ['02', 'INV0001']]));
    expect(bill.deviations).toEqual([]);
    expect(bill.profiles[0]).toMatchObject({
      accountId: '30',
      details: { kind: 'billPayment', billerId: '010753600031501', reference1: 'INV0001' },
    });
  });

  it('wants one well-formed proxy, a 15-digit biller with a reference, and each AID in its own template', () => {
    expect(schemeDeviations(thai('29', [CREDIT, ['01', '0812345678']]))).toEqual([
      'promptpay.proxy_format 29.01',
    ]);
    expect(schemeDeviations(thai('29', [CREDIT, ['02', '123']]))).toEqual(['promptpay.proxy_format 29.02']);
    expect(schemeDeviations(thai('29', [CREDIT, ['03', '12345678901234']]))).toEqual([
      'promptpay.proxy_format 29.03',
    ]);
    expect(schemeDeviations(thai('29', [CREDIT, ['01', '0066812345678'], ['02', '1111111111111']]))).toEqual([
      'promptpay.proxy 29',
    ]);
    expect(schemeDeviations(thai('29', [CREDIT]))).toEqual(['promptpay.proxy 29']);
    expect(schemeDeviations(thai('30', [BILL, ['01', '0107536000315']]))).toEqual([
      'promptpay.biller_id 30.01',
      'promptpay.reference 30.02',
    ]);
    expect(schemeDeviations(thai('30', [BILL, ['01', '010753600031501'], ['02', 'inv 1']]))).toEqual([
      'promptpay.reference 30.02',
    ]);
    expect(schemeDeviations(thai('30', [CREDIT, ['02', '1111111111111']]))).toEqual([
      'promptpay.template_id 30',
    ]);
  });
});

describe('PayNow', () => {
  const sg = (children: [string, string][], amount?: string) => [
    { id: '00', value: '01' },
    account('26', [['00', 'SG.PAYNOW'], ...children]),
    ...merchant('SG', '702').slice(0, 2),
    ...(amount ? [{ id: '54', value: amount }] : []),
    ...merchant('SG', '702').slice(2),
  ];

  it('reads proxy type, proxy, whether the amount is editable, and the expiry', () => {
    const decoded = decode(
      sg(
        [
          ['01', '0'],
          ['02', '+6591234567'],
          ['03', '0'],
          ['04', '20261231'],
        ],
        '5.00',
      ),
    );
    expect(decoded.deviations).toEqual([]);
    expect(decoded.profiles[0]!.details).toEqual({
      gui: 'SG.PAYNOW',
      proxyType: 'mobile',
      proxy: '+6591234567',
      amountEditable: 'no',
      expiry: '2026-12-31',
    });
  });

  it('checks the proxy against its type, the editable flag, the amount it needs and the date', () => {
    expect(
      schemeDeviations(
        sg([
          ['01', '1'],
          ['02', 'X'],
        ]),
      ),
    ).toEqual(['paynow.proxy_type 26.01']);
    expect(
      schemeDeviations(
        sg([
          ['01', '0'],
          ['02', '91234567'],
        ]),
      ),
    ).toEqual(['paynow.proxy 26.02']);
    expect(
      schemeDeviations(
        sg([
          ['01', '2'],
          ['02', '2014-0312'],
        ]),
      ),
    ).toEqual(['paynow.proxy 26.02']);
    expect(schemeDeviations(sg([['01', '2']]))).toEqual(['paynow.proxy 26.02']);
    expect(
      schemeDeviations(
        sg([
          ['01', '2'],
          ['02', '201403121W'],
          ['03', 'Y'],
        ]),
      ),
    ).toEqual(['paynow.editable 26.03']);
    expect(
      schemeDeviations(
        sg([
          ['01', '2'],
          ['02', '201403121W'],
          ['03', '0'],
        ]),
      ),
    ).toEqual(['paynow.editable 26.03']);
    expect(
      schemeDeviations(
        sg([
          ['01', '2'],
          ['02', '201403121W'],
          ['04', '20260230'],
        ]),
      ),
    ).toEqual(['paynow.expiry 26.04']);
  });
});

describe('VietQR', () => {
  // Published with github.com/subiz/vietqr's README: 120,000 VND to account 0011001932418 at BIN 970415.
  const SUBIZ =
    '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';

  it('reads the published example: bank BIN, account and service from the nested 38.01', () => {
    const decoded = decodeEmv(SUBIZ);
    expect(decoded).toMatchObject({
      ok: true,
      fields: {
        amount: '120000',
        amountMinor: 120000,
        currencyCode: 'VND',
        additionalData: { purpose: 'ung ho lu lut' },
      },
      profiles: [
        {
          id: 'vietqr',
          accountId: '38',
          details: { gui: 'A000000727', bin: '970415', accountNumber: '0011001932418', service: 'account' },
        },
      ],
    });
    // Like Thai P2P codes, VietQR transfers leave out MCC, name and city.
    expect(decoded.ok && decoded.deviations.map((d) => `${d.code} ${d.path}`)).toEqual([
      'missing 52',
      'missing 59',
      'missing 60',
    ]);
  });

  it('checks the nested beneficiary, the service code and whole-dong amounts', () => {
    const vn = (beneficiary: string, service = 'QRIBFTTA', amount = '50000') => [
      { id: '00', value: '01' },
      account('38', [
        ['00', 'A000000727'],
        ['01', beneficiary],
        ['02', service],
      ]),
      ...merchant('VN', '704').slice(0, 2),
      { id: '54', value: amount },
      ...merchant('VN', '704').slice(2),
    ];
    expect(schemeDeviations(vn('0006970415010812345678'))).toEqual([]);
    expect(schemeDeviations(vn('0006970415019912'))).toEqual(['vietqr.beneficiary 38.01']);
    expect(schemeDeviations(vn('000597041010812345678'))).toEqual(['vietqr.bin 38.01.00']);
    expect(schemeDeviations(vn('0006970415'))).toEqual(['vietqr.account 38.01.01']);
    expect(schemeDeviations(vn('0006970415010812345678', 'QRXX'))).toEqual(['vietqr.service 38.02']);
    expect(decode(vn('0006970415010812345678', 'QRIBFTTC', '500.50')).deviations.map((d) => d.path)).toEqual([
      '54',
    ]);
  });
});

describe('the generic EMV profile', () => {
  it('names the merchant accounts by network or GUI when no national scheme is present', () => {
    const decoded = decode([
      { id: '00', value: '01' },
      { id: '04', value: '5413330089600010' },
      account('27', [
        ['00', 'COM.EXAMPLE.PAY'],
        ['01', 'M-1'],
      ]),
      ...merchant('US', '840'),
    ]);
    expect(decoded.profiles).toEqual([
      {
        id: 'emv',
        name: 'EMVCo Merchant-Presented Mode (generic)',
        details: { '04': 'Mastercard', '27': 'COM.EXAMPLE.PAY' },
      },
    ]);
    expect(decoded.fields.merchantAccounts).toEqual([
      { id: '04', network: 'Mastercard', value: '5413330089600010' },
      { id: '27', network: 'COM.EXAMPLE.PAY', gui: 'COM.EXAMPLE.PAY', fields: { '01': 'M-1' } },
    ]);
  });

  it('says in words what every national profile checks', () => {
    for (const scheme of EMV_SCHEMES)
      expect([scheme.id, scheme.checks.length > 2]).toEqual([scheme.id, true]);
  });
});

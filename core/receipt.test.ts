import { describe, expect, it } from 'vitest';
import { buildReceipt, eReceiptUrl, formatReceiptNumber, receiptText, type ReceiptInput } from './receipt';

const input: ReceiptInput = {
  receiptNumber: 'S001-K02-000042',
  storeName: 'OpenLane Market',
  storeAddress: '88 Century Avenue, Pudong, Shanghai',
  soldAt: '2025-03-01T14:05:09.123+08:00',
  currency: 'CNY',
  taxMode: 'inclusive',
  lines: [
    { name: 'Oolong tea 500ml', unit: 'each', quantity: 2, unitPrice: 350, taxRateBp: 1300 },
    { name: '苹果 富士', unit: 'kg', quantity: 333, unitPrice: 1999, taxRateBp: 900 },
    { name: 'Rice 5kg', unit: 'each', quantity: 1, unitPrice: 1130, taxRateBp: 1300 },
  ],
  payments: [{ method: 'payment_code', provider: 'simulator', amount: 2496, reference: 'PAY-7' }],
  eReceiptBaseUrl: 'https://r.example.com/r/',
};

describe('buildReceipt', () => {
  it('prices lines and totals per rate', () => {
    const receipt = buildReceipt(input);
    expect(receipt.lines.map((l) => l.lineTotal)).toEqual([700, 666, 1130]);
    // 13 %: 7.00 + 11.30 = 18.30, tax 211; 9 %: 6.66, tax 666 × 900 / 10900 = 54.99 → 55.
    expect(receipt.totals).toEqual({
      total: 2496,
      taxTotal: 266,
      subtotal: 2496,
      byRate: [
        { taxRateBp: 900, net: 611, tax: 55, gross: 666 },
        { taxRateBp: 1300, net: 1619, tax: 211, gross: 1830 },
      ],
      itemCount: 4,
    });
    expect(receipt.taxes).toEqual(receipt.totals.byRate);
    expect(receipt.eReceiptUrl).toBe('https://r.example.com/r/S001-K02-000042?join=1');
  });

  it('keeps only receipt fields when given basket lines and payments with more', () => {
    const basketLine = { ...input.lines[0]!, id: 'line-1', gtin: '06901234567892', lineTotal: 1 };
    const payment = { ...input.payments[0]!, id: 'pay-1', status: 'paid' };
    const receipt = buildReceipt({ ...input, lines: [basketLine], payments: [payment] });
    expect(receipt.lines).toEqual([
      {
        name: 'Oolong tea 500ml',
        unit: 'each',
        quantity: 2,
        unitPrice: 350,
        lineTotal: 700,
        taxRateBp: 1300,
        // What the shopper paid for it: no sale discount, tax included.
        paid: 700,
      },
    ]);
    expect(receipt.payments).toEqual([input.payments[0]]);
    expect(Object.keys(receipt).sort()).toEqual(
      [
        'receiptNumber',
        'storeName',
        'storeAddress',
        'soldAt',
        'currency',
        'taxMode',
        'lines',
        'totals',
        'taxes',
        'payments',
        'eReceiptUrl',
      ].sort(),
    );
  });

  it('adds tax on top in exclusive mode', () => {
    const receipt = buildReceipt({
      ...input,
      currency: 'USD',
      taxMode: 'exclusive',
      lines: [{ name: 'Milk', unit: 'each', quantity: 1, unitPrice: 999, taxRateBp: 725 }],
    });
    expect(receipt.totals).toMatchObject({ subtotal: 999, taxTotal: 72, total: 1071 });
  });
});

describe('formatReceiptNumber', () => {
  it('is store-terminal-sequence with the sequence padded to 6 digits', () => {
    expect(formatReceiptNumber('S001', 'K02', 42)).toBe('S001-K02-000042');
    expect(formatReceiptNumber('S001', 'K02', 1)).toBe('S001-K02-000001');
    expect(formatReceiptNumber('S001', 'K02', 1_234_567)).toBe('S001-K02-1234567');
  });

  it('never gives two terminals of a store the same number', () => {
    const a = new Set([1, 2, 3].map((n) => formatReceiptNumber('S1', 'K1', n)));
    const b = [1, 2, 3].map((n) => formatReceiptNumber('S1', 'K2', n));
    expect(b.some((n) => a.has(n))).toBe(false);
  });

  it('refuses ids that would make numbers ambiguous, and bad sequences', () => {
    expect(() => formatReceiptNumber('A-B', 'C', 1)).toThrow(/storeId "A-B"/);
    expect(() => formatReceiptNumber('A', '', 1)).toThrow(/terminalId ""/);
    expect(() => formatReceiptNumber('A', 'B', 0)).toThrow(/sequence/);
    expect(() => formatReceiptNumber('A', 'B', 1.5)).toThrow(/sequence/);
  });
});

describe('eReceiptUrl', () => {
  it('joins base and receipt number with one slash and asks for the loyalty offer', () => {
    expect(eReceiptUrl('https://r.example.com/r', 'S1-K1-000001')).toBe(
      'https://r.example.com/r/S1-K1-000001?join=1',
    );
    expect(eReceiptUrl('https://r.example.com/r//', 'S1-K1-000001')).toBe(
      'https://r.example.com/r/S1-K1-000001?join=1',
    );
  });

  it('encodes a receipt number as one path segment', () => {
    expect(eReceiptUrl('https://r.example.com', 'a/b?c#d e')).toBe(
      'https://r.example.com/a%2Fb%3Fc%23d%20e?join=1',
    );
  });
});

describe('receiptText', () => {
  const columns = (s: string) =>
    [...s].reduce((n, ch) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0);

  it('prints a 42-column receipt with lines, totals, taxes, payment, number and time', () => {
    const text = receiptText(buildReceipt(input));
    expect(text).toEqual([
      '             OpenLane Market',
      '   88 Century Avenue, Pudong, Shanghai',
      '------------------------------------------',
      'Oolong tea 500ml                      7.00',
      '  2 x 3.50',
      '苹果 富士                             6.66',
      '  0.333 kg x 19.99/kg',
      'Rice 5kg                             11.30',
      '------------------------------------------',
      'TOTAL CNY                            24.96',
      'Items                                    4',
      'Tax 9% incl. in 6.66                  0.55',
      'Tax 13% incl. in 18.30                2.11',
      '------------------------------------------',
      'payment_code (simulator)             24.96',
      '  Ref PAY-7',
      '------------------------------------------',
      'Receipt                    S001-K02-000042',
      'Time                   2025-03-01 14:05:09',
    ]);
  });

  it('shows subtotal and tax before the total in exclusive mode', () => {
    const text = receiptText(buildReceipt({ ...input, currency: 'USD', taxMode: 'exclusive' }));
    const at = (label: string) => text.findIndex((l) => l.startsWith(label));
    expect(text[at('Subtotal')]).toMatch(/ 24\.96$/);
    expect(text[at('Tax ')]).toMatch(/ 2\.98$/); // 9 %: 666 × 9 % = 59.94 → 60; 13 %: 1830 × 13 % = 237.9 → 238
    expect(text[at('TOTAL USD')]).toMatch(/ 27\.94$/);
    expect(at('Subtotal')).toBeLessThan(at('TOTAL'));
  });

  it('never prints past the paper width, counting Chinese characters as two columns', () => {
    const long = buildReceipt({
      ...input,
      storeName: '开放通道超市（浦东世纪大道旗舰店）二十四小时营业',
      lines: [
        {
          name: '进口有机特级初榨橄榄油礼盒装两瓶',
          unit: 'each',
          quantity: 12,
          unitPrice: 123456,
          taxRateBp: 1300,
        },
      ],
    });
    for (const width of [32, 42, 48]) {
      const text = receiptText(long, width);
      for (const line of text) expect(columns(line), line).toBeLessThanOrEqual(width);
      expect(text.some((l) => l.endsWith('14814.72'))).toBe(true);
    }
  });

  it('prints yen without decimals', () => {
    const text = receiptText(buildReceipt({ ...input, currency: 'JPY' }));
    expect(text).toContain('TOTAL JPY                             2496');
  });
});

describe("a receipt with the counter's price changes", () => {
  it('shows the old price, the line discount, the sale discount and the savings, and totals agree', () => {
    const receipt = buildReceipt({
      receiptNumber: 'S01-C01-000001',
      storeName: 'Test',
      storeAddress: 'Street 1',
      soldAt: '2026-12-07T07:00:00.000Z',
      currency: 'CNY',
      taxMode: 'exclusive',
      lines: [
        { name: 'Tea', unit: 'each', quantity: 2, unitPrice: 500, taxRateBp: 1300, priceOverride: 450 },
        {
          name: 'Rice',
          unit: 'kg',
          quantity: 1500,
          unitPrice: 800,
          taxRateBp: 900,
          discount: { kind: 'percent', value: 1000 },
        },
      ],
      saleDiscount: { kind: 'amount', value: 100 },
      payments: [],
      eReceiptBaseUrl: 'https://r.example',
    });
    expect(
      receipt.lines.map((l) => [l.unitPrice, l.originalUnitPrice, l.lineTotal, l.discount?.amount]),
    ).toEqual([
      [450, 500, 900, undefined],
      [800, undefined, 1080, 120],
    ]);
    // 9.00 and 10.80 less 1.00 spread 900:1080 → 0.45 and 0.55; tax 13 % of 8.55 and 9 % of 10.25.
    expect(receipt.totals).toMatchObject({
      subtotal: 1980,
      saleDiscount: 100,
      taxTotal: 111 + 92,
      savings: 320,
    });
    expect(receipt.totals.total).toBe(1880 + 203);
    const text = receiptText(receipt).join('\n');
    expect(text).toMatch(/Price was 5\.00\s+now 4\.50/);
    expect(text).toMatch(/Discount 10%\s+-1\.20/);
    expect(text).toMatch(/Subtotal\s+19\.80\nSale discount\s+-1\.00\nTax\s+2\.03/);
    expect(text).toMatch(/You saved\s+3\.20/);
  });
});

// The paper layout as a shopper reads it: every line within the paper's width counted in printer
// cells (a hanzi takes two), amounts flush right, tax per rate in columns that line up.
import { describe, expect, it } from 'vitest';
import { buildReceipt, markTrainingReceipt, type Receipt } from '../../core/receipt';
import { chineseCells, Columns, singleByteCells } from './columns';
import {
  COPY_MARK,
  COPY_MARK_CHINESE,
  receiptLayout,
  localTime,
  TRAINING_MARK,
  type PrintableReceipt,
  type PrintBlock,
} from './layout';

function chineseReceipt(): Receipt {
  return buildReceipt({
    receiptNumber: 'S001-K01-000042',
    storeName: '好又多超市 Harbour Road 店',
    storeAddress: '海港路88号',
    soldAt: '2026-12-01T10:42:05.000Z',
    currency: 'CNY',
    taxMode: 'inclusive',
    lines: [
      { name: '鲜牛奶 1升', unit: 'each', quantity: 2, unitPrice: 1290, taxRateBp: 900 },
      { name: 'Toast Bread', unit: 'each', quantity: 1, unitPrice: 850, taxRateBp: 1300 },
      { name: '红富士苹果', unit: 'kg', quantity: 500, unitPrice: 1001, taxRateBp: 900 },
      {
        name: '特级初榨橄榄油 Extra Virgin Olive Oil 750 ml glass bottle',
        unit: 'each',
        quantity: 1,
        unitPrice: 8990,
        taxRateBp: 1300,
      },
    ],
    payments: [{ method: 'payment_code', provider: 'simulator', amount: 12921, reference: 'OL0000000001' }],
    eReceiptBaseUrl: 'https://receipts.openlane.example/r',
  });
}

const lines = (blocks: PrintBlock[]) => blocks.flatMap((b) => (b.kind === 'line' ? [b.text] : []));
const cjk = (width: number) => new Columns(width, chineseCells);

describe('receiptLayout', () => {
  it('prints a counter sale’s split tenders, the cash rounding as its own line, and the change', () => {
    // 129.21 due: 100.00 by QR, the 29.21 left in cash rounded to 29.20 (−0.01), 50.00 handed.
    const receipt = buildReceipt({
      ...chineseReceipt(),
      lines: chineseReceipt().lines,
      payments: [
        { method: 'qr', provider: 'simulator', amount: 10000, reference: 'OL0000000002' },
        { method: 'cash', provider: '', amount: 2920, reference: '', tendered: 5000 },
      ],
      eReceiptBaseUrl: 'https://receipts.openlane.example/r',
      cashRounding: -1,
      change: 2080,
    });
    const printed = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells }));
    const at = (label: string) => printed.find((l) => l.startsWith(label));
    expect(at('TOTAL CNY')).toMatch(/129\.21$/);
    expect(at('Cash rounding')).toMatch(/-0\.01$/);
    expect(at('TO PAY CNY')).toMatch(/129\.20$/);
    expect(printed.find((l) => /^Cash +29/.test(l))).toMatch(/29\.20$/);
    expect(at('Tendered')).toMatch(/50\.00$/);
    expect(at('CHANGE')).toMatch(/20\.80$/);
    // A sale paid by one code prints none of it.
    const plain = lines(receiptLayout(chineseReceipt(), { columns: 42, cells: chineseCells }));
    expect(plain.some((l) => /Cash rounding|CHANGE|Tendered/.test(l))).toBe(false);
  });

  it('marks a training sale TRAINING at the top and the bottom, and its e-receipt link too', () => {
    const blocks = receiptLayout(markTrainingReceipt(chineseReceipt()), { columns: 42, cells: chineseCells });
    const printed = lines(blocks);
    const marked = printed.map((t, i) => (t.trim() === TRAINING_MARK ? i : -1)).filter((i) => i >= 0);
    expect(marked).toEqual([1, printed.length - 2]);
    expect(blocks[2]).toMatchObject({ kind: 'line', text: '-'.repeat(42) });
    expect(blocks.find((b) => b.kind === 'qr')).toMatchObject({
      data: 'https://receipts.openlane.example/r/S001-K01-000042?join=1&training=1',
    });
    // A real sale's receipt carries no such mark.
    expect(lines(receiptLayout(chineseReceipt(), { columns: 42, cells: chineseCells }))).not.toContain(
      expect.stringContaining('TRAINING'),
    );
  });

  it('marks a reprint COPY at the top and the bottom, and the first print not at all', () => {
    const receipt = chineseReceipt();
    for (const [chinese, mark] of [
      [true, COPY_MARK_CHINESE],
      [false, COPY_MARK],
    ] as const) {
      const blocks = receiptLayout(receipt, { columns: 42, cells: chineseCells, chinese, reprint: true });
      const printed = lines(blocks);
      const marked = printed.map((t, i) => (t.trim() === mark ? i : -1)).filter((i) => i >= 0);
      expect(marked).toEqual([0, printed.length - 1]);
      expect(blocks[0]).toMatchObject({ style: 'title' });
      const first = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells, chinese }));
      expect(first.join('\n')).not.toContain('COPY');
      // Between the marks, the copy is the receipt as first printed.
      expect(printed.slice(1, -1)).toEqual(first);
    }
  });

  for (const columns of [42, 48]) {
    it(`keeps every line within ${columns} printer cells, hanzi counted as two`, () => {
      const printed = lines(receiptLayout(chineseReceipt(), { columns, cells: chineseCells }));
      const cols = cjk(columns);
      for (const text of printed) expect(cols.measure(text), text).toBeLessThanOrEqual(columns);
      // The full-width rule shows the paper is used edge to edge.
      expect(printed).toContain('-'.repeat(columns));
    });
  }

  it('puts each amount flush right, after a Chinese name as after a Latin one', () => {
    const cols = cjk(42);
    const printed = lines(receiptLayout(chineseReceipt(), { columns: 42, cells: chineseCells }));
    const milk = printed.find((t) => t.startsWith('鲜牛奶'))!;
    const bread = printed.find((t) => t.startsWith('Toast Bread'))!;
    expect(milk.endsWith(' 25.80')).toBe(true);
    expect(bread.endsWith(' 8.50')).toBe(true);
    expect(cols.measure(milk)).toBe(42);
    expect(cols.measure(bread)).toBe(42);
    expect(printed).toContain('  2 x 12.90');
    expect(printed).toContain('  0.500 kg x 10.01/kg');
  });

  it('wraps a long product name onto the next line instead of cutting it', () => {
    const printed = lines(receiptLayout(chineseReceipt(), { columns: 42, cells: chineseCells }));
    const at = printed.findIndex((t) => t.startsWith('特级初榨橄榄油'));
    expect(printed[at]!.endsWith(' 89.90')).toBe(true);
    const first = printed[at]!.slice(0, -' 89.90'.length);
    const shown = [first, printed[at + 1], printed[at + 2]].join(' ').replace(/\s+/g, ' ');
    expect(shown).toContain('Extra Virgin Olive Oil 750 ml glass bottle');
  });

  it('shows the total and a tax table per rate whose columns line up', () => {
    const receipt = chineseReceipt();
    const printed = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells }));
    const total = printed.find((t) => t.startsWith('TOTAL CNY'))!;
    expect(total.endsWith(' 129.21')).toBe(true);
    const header = printed.findIndex((t) => t.startsWith('Tax incl.'));
    const rows = printed.slice(header, header + 1 + receipt.taxes.length);
    expect(rows[0]).toMatch(/Net\s+Tax\s+Gross$/);
    // Every row is the full width and each amount column ends at the same cell: 20, 31 and 42.
    for (const row of rows) {
      expect(row.length).toBe(42);
      for (const end of [20, 31, 42]) expect(row[end - 1], row).not.toBe(' ');
    }
    const nine = receipt.taxes.find((t) => t.taxRateBp === 900)!;
    const nineRow = rows.find((r) => r.startsWith('9%'))!;
    expect(nineRow.split(/\s+/)).toEqual([
      '9%',
      ...[nine.net, nine.tax, nine.gross].map((n) => (n / 100).toFixed(2)),
    ]);
    expect(rows.some((r) => r.startsWith('13%'))).toBe(true);
  });

  it('shows a wallet payment by its wallet name and masked code, and the reference', () => {
    const receipt: PrintableReceipt = {
      ...chineseReceipt(),
      payments: [{ ...chineseReceipt().payments[0]!, wallet: 'WeChat Pay', maskedCode: '1345****1230' }],
    };
    const printed = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells }));
    const paid = printed.find((t) => t.startsWith('WeChat Pay'))!;
    expect(paid.endsWith(' 129.21')).toBe(true);
    expect(printed).toContain('  Code 1345****1230');
    expect(printed).toContain('  Ref OL0000000001');
  });

  it('names a wallet given by its pattern id the way the shopper knows it', () => {
    const base = chineseReceipt();
    const receipt: PrintableReceipt = { ...base, payments: [{ ...base.payments[0]!, wallet: 'alipay' }] };
    const printed = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells }));
    expect(printed.some((t) => t.startsWith('Alipay '))).toBe(true);
  });

  it('ends with the receipt number, the local time and the e-receipt QR', () => {
    const receipt = chineseReceipt();
    const blocks = receiptLayout(receipt, { columns: 42, cells: chineseCells, timeZone: 'Asia/Shanghai' });
    const printed = lines(blocks);
    expect(printed.find((t) => t.startsWith('Receipt'))!.endsWith(' S001-K01-000042')).toBe(true);
    // 10:42 UTC is 18:42 in Shanghai: the clock on the shop's wall.
    expect(printed.find((t) => t.startsWith('Time'))!.endsWith(' 2026-12-01 18:42:05')).toBe(true);
    expect(blocks.filter((b) => b.kind === 'qr')).toEqual([
      { kind: 'qr', data: 'https://receipts.openlane.example/r/S001-K01-000042?join=1' },
    ]);
  });

  it('centres the store name as a title', () => {
    const blocks = receiptLayout(chineseReceipt(), { columns: 42, cells: chineseCells });
    const title = blocks[0]!;
    expect(title).toMatchObject({ kind: 'line', style: 'title' });
    const text = (title as { text: string }).text;
    // 26 cells of name on 42: 8 spaces each side (the right ones are not sent).
    expect(text).toBe(' '.repeat(8) + '好又多超市 Harbour Road 店');
  });

  it('counts one cell per character on a single-byte printer', () => {
    const printed = lines(receiptLayout(chineseReceipt(), { columns: 42, cells: singleByteCells }));
    const milk = printed.find((t) => t.startsWith('鲜牛奶'))!;
    expect(milk.length).toBe(42);
  });
});

describe('receiptLayout in the shopper’s language', () => {
  const shopperReceipt = (language: string, wallet?: string) =>
    buildReceipt({
      receiptNumber: 'S001-K01-000043',
      storeName: 'OpenLane Demo Market',
      storeAddress: '88 Harbour Road',
      soldAt: '2026-12-01T10:42:05.000Z',
      currency: 'CNY',
      taxMode: 'inclusive',
      language,
      lines: [
        {
          name: 'Bananas',
          names: { 'zh-CN': '香蕉' },
          unit: 'kg',
          quantity: 1250,
          unitPrice: 690,
          taxRateBp: 900,
        },
        { name: 'Toast Bread', unit: 'each', quantity: 1, unitPrice: 850, taxRateBp: 1300 },
      ],
      payments: [
        {
          method: 'payment_code',
          provider: 'simulator',
          amount: 1713,
          reference: 'OL1',
          ...(wallet ? { wallet } : {}),
        },
      ],
      eReceiptBaseUrl: 'https://receipts.openlane.example/r',
    });

  it('prints the Chinese names and the wallet in Chinese words, falling back to name', () => {
    const printed = lines(
      receiptLayout(shopperReceipt('zh-CN', 'wechat'), { columns: 42, cells: chineseCells, chinese: true }),
    );
    expect(printed.some((t) => t.startsWith('香蕉 ') && t.endsWith(' 8.63'))).toBe(true);
    expect(printed.some((t) => t.startsWith('Toast Bread '))).toBe(true);
    expect(printed.some((t) => t.startsWith('微信支付 ') && t.endsWith(' 17.13'))).toBe(true);
  });

  it('names the payment method in words in either language', () => {
    const zh = lines(
      receiptLayout(shopperReceipt('zh-CN'), { columns: 42, cells: chineseCells, chinese: true }),
    );
    expect(zh.some((t) => t.startsWith('付款码支付 '))).toBe(true);
    const en = lines(
      receiptLayout(shopperReceipt('en'), { columns: 42, cells: chineseCells, chinese: true }),
    );
    expect(en.some((t) => t.startsWith('Bananas '))).toBe(true);
    expect(en.some((t) => t.startsWith('Payment code '))).toBe(true);
  });

  it('prints English on a printer without Chinese, rather than garbage', () => {
    const printed = lines(
      receiptLayout(shopperReceipt('zh-CN', 'wechat'), { columns: 42, cells: singleByteCells }),
    );
    expect(printed.some((t) => t.startsWith('Bananas '))).toBe(true);
    expect(printed.some((t) => t.startsWith('WeChat Pay '))).toBe(true);
  });
});

describe('localTime', () => {
  it('keeps a string it cannot read as it is', () => {
    expect(localTime('not a time')).toBe('not a time');
  });
});

describe('the paper receipt of a counter sale with price changes', () => {
  it('prints the old price, the line discount, the sale discount and the savings, in the paper width', () => {
    const receipt = buildReceipt({
      receiptNumber: 'S001-C01-000007',
      storeName: 'OpenLane',
      storeAddress: 'Harbour Road 88',
      soldAt: '2026-12-07T07:00:00.000Z',
      currency: 'CNY',
      taxMode: 'inclusive',
      lines: [
        {
          name: '鲜牛奶 1升',
          unit: 'each',
          quantity: 1,
          unitPrice: 1290,
          taxRateBp: 900,
          priceOverride: 1190,
        },
        {
          name: 'Toast Bread',
          unit: 'each',
          quantity: 2,
          unitPrice: 850,
          taxRateBp: 1300,
          discount: { kind: 'percent', value: 1000 },
        },
      ],
      saleDiscount: { kind: 'percent', value: 3000 },
      payments: [{ method: 'cash', provider: 'cash', amount: 1904, reference: '' }],
      eReceiptBaseUrl: 'https://receipts.openlane.example/r',
    });
    const printed = lines(receiptLayout(receipt, { columns: 42, cells: chineseCells }));
    const text = printed.join('\n');
    expect(text).toMatch(/Price was 12\.90\s+now 11\.90/);
    expect(text).toMatch(/Discount 10%\s+-1\.70/);
    expect(text).toMatch(/Sale discount\s+-8\.16/);
    expect(text).toMatch(/TOTAL CNY\s+19\.04/);
    expect(text).toMatch(/You saved\s+10\.86/);
    for (const line of printed) expect(cjk(42).measure(line)).toBeLessThanOrEqual(42);
  });
});

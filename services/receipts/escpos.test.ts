// The receipt's bytes as a printer takes them: initialise, Chinese text in GB18030 (or GBK), the QR
// through the printer's own GS ( k command, the cut at the end.
import { describe, expect, it } from 'vitest';
import { buildReceipt } from '../../core/receipt';
import {
  ESC_INIT,
  FS_CHINESE_MODE,
  gb18030Text,
  indexOfBytes,
  lastCut,
  printsQr,
  storedQrCodes,
} from '../../test/helpers/escpos';
import { encodeBlocks } from './escpos';
import { receiptBytes } from './receipt-printer';

const receipt = buildReceipt({
  receiptNumber: 'S001-K01-000007',
  storeName: '好又多超市',
  storeAddress: '海港路88号',
  soldAt: '2026-12-01T10:42:05.000Z',
  currency: 'CNY',
  taxMode: 'inclusive',
  lines: [
    { name: '鲜牛奶 1升', unit: 'each', quantity: 1, unitPrice: 1290, taxRateBp: 900 },
    { name: 'Toast Bread', unit: 'each', quantity: 1, unitPrice: 850, taxRateBp: 1300 },
  ],
  payments: [{ method: 'qr', provider: 'simulator', amount: 2140, reference: 'OL0000000007' }],
  eReceiptBaseUrl: 'https://receipts.openlane.example/r',
});

describe('receiptBytes', () => {
  const bytes = receiptBytes(receipt, { columns: 42, encoding: 'gb18030' });

  it('initialises the printer, then switches it into Chinese character mode', () => {
    expect([...bytes.subarray(0, 2)]).toEqual(ESC_INIT);
    const init = indexOfBytes(bytes, ESC_INIT);
    const chinese = indexOfBytes(bytes, FS_CHINESE_MODE);
    // The encoder's initialise cancels Chinese mode (FS .); ours must come after it, before any text.
    expect(chinese).toBeGreaterThan(indexOfBytes(bytes, [0x1c, 0x2e]));
    expect(chinese).toBeLessThan(indexOfBytes(bytes, Buffer.from('Toast Bread')));
    expect(init).toBe(0);
  });

  it('sends Chinese names as GB18030 bytes, which a GB18030 printer reads back as written', () => {
    // 鲜 = CF CA, 牛 = C5 A3, 奶 = C4 CC in GB2312/GBK/GB18030.
    expect(indexOfBytes(bytes, [0xcf, 0xca, 0xc5, 0xa3, 0xc4, 0xcc])).toBeGreaterThan(0);
    const text = gb18030Text(bytes);
    expect(text).toContain('好又多超市');
    expect(text).toContain('海港路88号');
    expect(text).toMatch(/鲜牛奶 1升 +12\.90/);
    expect(text).toMatch(/TOTAL CNY +21\.40/);
    expect(text).not.toContain('\uFFFD');
  });

  it('stores exactly the e-receipt URL with GS ( k and prints it as a QR code', () => {
    expect(storedQrCodes(bytes)).toEqual([receipt.eReceiptUrl]);
    expect(printsQr(bytes)).toBe(true);
    // The native command, not a picture: no raster image (GS v 0) anywhere.
    expect(indexOfBytes(bytes, [0x1d, 0x76, 0x30])).toBe(-1);
  });

  it('ends with a cut after the last line', () => {
    const cut = lastCut(bytes);
    expect(cut).toBeGreaterThan(indexOfBytes(bytes, Buffer.from('our loyalty programme')));
    expect(bytes.length - cut).toBeLessThanOrEqual(5);
  });
});

describe('encodeBlocks', () => {
  // U+20000 is outside GBK: GB18030 has it as four bytes, a GBK-only printer cannot print it.
  const rare = '\u{20000}';

  it('uses four-byte GB18030 for characters outside GBK', () => {
    const bytes = encodeBlocks([{ kind: 'line', text: `A${rare}B` }], { columns: 42, encoding: 'gb18030' });
    expect(indexOfBytes(bytes, [0x41, 0x95, 0x32, 0x82, 0x36, 0x42])).toBeGreaterThan(0);
  });

  it('prints such a character as ? on a GBK (cp936) printer rather than garbage', () => {
    const bytes = encodeBlocks([{ kind: 'line', text: `A${rare}B 牛` }], { columns: 42, encoding: 'cp936' });
    expect(indexOfBytes(bytes, Buffer.from('A?B '))).toBeGreaterThan(0);
    expect(indexOfBytes(bytes, [0xc5, 0xa3])).toBeGreaterThan(0);
  });

  it('leaves Chinese mode off for a Western printer and lets the encoder pick its code page', () => {
    const bytes = encodeBlocks([{ kind: 'line', text: 'Café 1.00' }], { columns: 42, encoding: 'auto' });
    expect(indexOfBytes(bytes, FS_CHINESE_MODE)).toBe(-1);
    // ESC t 0 selects CP437, where é is 0x82.
    expect(indexOfBytes(bytes, [0x1b, 0x74, 0x00, 0x43, 0x61, 0x66, 0x82])).toBeGreaterThan(0);
  });
});

describe('control characters in printed text', () => {
  const kick = 'Soap\u001bp\u0000\u0019\u00fa\u0010\u0014\u0001\u009b2J\u007f';
  for (const encoding of ['gb18030', 'cp936', 'auto'] as const) {
    it(`never reach the printer as bytes (${encoding})`, () => {
      const bytes = encodeBlocks([{ kind: 'line', text: kick }], { columns: 42, encoding });
      expect(indexOfBytes(bytes, [0x1b, 0x70])).toBe(-1);
      expect(indexOfBytes(bytes, [0x10, 0x14])).toBe(-1);
      expect(indexOfBytes(bytes, [...Buffer.from('Soapp')])).toBeGreaterThan(0);
    });
  }
});

// The receipt printer on a real kernel pseudo-terminal made by socat: serialport opens the "printer"
// end exactly as it opens a USB printer's port, and the test reads what the printer would receive
// from the other end. The receipts come from real sales: a real SQLite file, the real payment
// simulator over HTTP, and the real core receipt builder.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { demoProducts } from '../../core/catalog/demo-store';
import type { Product } from '../../core/types';
import { upsertProducts } from '../../db/catalog';
import { saleByReceiptNumber } from '../../db/sales';
import type { ApiResult, ReceiptView, TerminalEvent } from '../../services/api/contract';
import type { PaymentFlow } from '../../services/checkout/payment-flow';
import type { PaymentSimulator } from '../../services/payments/simulator/server';
import { startTerminalPrinting, type TerminalPrinting } from '../../services/receipts/terminal-printing';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { TRAINING_MARK } from '../../services/receipts/layout';
import { startTerminal } from '../../services/terminal';
import {
  PRODUCTS,
  WALLET,
  openCheckout,
  paymentFlowFor,
  press,
  startSimulator,
  type TestCheckout,
} from '../helpers/checkout';
import { ESC_INIT, gb18030Text, indexOfBytes, lastCut, printsQr, storedQrCodes } from '../helpers/escpos';
import { printerSide } from '../helpers/printer-side';
import { startPtyPair, type PtyPair } from '../helpers/socat';

const WAIT = { timeout: 10_000, interval: 10 };

/** A Chinese product, so the name has to cross the wire as GB18030. */
const SOY_MILK: Product = {
  gtin: withCheckDigit('690000000011').padStart(14, '0'),
  barcode: withCheckDigit('690000000011'),
  department: 'Test',
  name: '原味豆浆 1升',
  price: 990,
  taxRateBp: 900,
  unit: 'each',
  ageLimit: null,
};

let sim: PaymentSimulator;
let dir: string;
let cleanups: (() => Promise<void> | void)[];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-printer-'));
  cleanups = [];
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

interface Lane {
  checkout: TestCheckout;
  flow: PaymentFlow;
  printing: TerminalPrinting;
  pty: PtyPair;
  printer: ReturnType<typeof printerSide>;
  events: TerminalEvent[];
}

async function lane(): Promise<Lane> {
  const pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  cleanups.push(() => pty.kill());
  const printer = printerSide(pty);
  cleanups.push(() => printer.close());
  printer.open();
  const checkout = openCheckout({ storeName: '好又多超市 海港店', storeAddress: '海港路88号' });
  checkout.db.transaction(() => upsertProducts(checkout.db, [SOY_MILK]))();
  cleanups.push(() => checkout.cleanup());
  const flow = paymentFlowFor(checkout, sim.url);
  cleanups.push(() => flow.close());
  const printing = startTerminalPrinting(
    checkout.db,
    { path: pty.devicePath, baudRate: 9600, columns: 42, encoding: 'gb18030' },
    checkout.ctx.events,
    { timeZone: 'Asia/Shanghai', retryMinMs: 20, retryMaxMs: 100 },
  );
  cleanups.push(() => printing.close());
  const events = checkout.events;
  await waitForPrinter(events, true);
  return { checkout, flow, printing, pty, printer, events };
}

/** A plain piece from the demo store (not weighed, no age limit). */
const demoPiece = () => demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Waits for the printer status to become `connected`, counting only statuses after `after`. */
function waitForPrinter(events: TerminalEvent[], connected: boolean, after = 0) {
  return vi.waitFor(() => {
    const statuses = events.slice(after).flatMap((e) => (e.type === 'printer.status' ? [e.printer] : []));
    const last = statuses.at(-1);
    if (last?.connected !== connected)
      throw new Error(`printer not connected=${connected}: ${JSON.stringify(statuses)}`);
    return last;
  }, WAIT);
}

/** Scans soy milk, two bread and gum, then pays with a WeChat Pay code the simulator pays at once. */
async function sell(l: Lane): Promise<ReceiptView> {
  const { basket } = l.checkout;
  for (const code of [SOY_MILK.barcode, PRODUCTS.bread.barcode, PRODUCTS.gum.barcode])
    value(await basket['basket.addScan']({ code, source: 'keypad' }));
  const bread = value(await basket['basket.addScan']({ code: PRODUCTS.bread.barcode, source: 'keypad' }));
  expect(bread.lines.find((line) => line.name === PRODUCTS.bread.name)?.quantity).toBe(2);
  const before = l.events.length;
  value(await basket['basket.addScan']({ code: WALLET.pays, source: 'keypad' }));
  return vi.waitFor(() => {
    const sale = l.events.slice(before).find((e) => e.type === 'sale.completed');
    if (!sale) throw new Error('no sale yet');
    return sale.receipt;
  }, WAIT);
}

describe('receipt printer on a serial port', () => {
  it('prints the sale: header, lines, totals, masked wallet code, number, the e-receipt QR and a cut', async () => {
    const l = await lane();
    const receipt = await sell(l);
    const bytes = await l.printer.receipt();
    await vi.waitFor(() => {
      expect(l.events).toContainEqual({ type: 'receipt.printed', receiptNumber: receipt.receiptNumber });
    }, WAIT);

    expect([...bytes.subarray(0, 2)]).toEqual(ESC_INIT);
    const text = gb18030Text(bytes);
    expect(text).toContain('好又多超市 海港店');
    expect(text).toContain('海港路88号');
    // Each line's name and amount on one line, as the shopper reads them.
    expect(text).toMatch(/原味豆浆 1升 +9\.90/);
    expect(text).toMatch(/Toast Bread +17\.00/);
    expect(text).toMatch(/Mint Gum +2\.50/);
    expect(text).toContain('  2 x 8.50');
    expect(receipt.totals.total).toBe(990 + 1700 + 250);
    expect(text).toMatch(/TOTAL CNY +29\.40/);
    expect(text).toMatch(/9% +9\.08 +0\.82 +9\.90/);
    // The wallet code shows masked; the whole code (a bearer secret) never reaches the paper.
    expect(text).toContain('Code 1345****1230');
    expect(text).not.toContain(WALLET.pays);
    expect(text).toMatch(new RegExp(`Receipt +${receipt.receiptNumber}`));
    expect(text).toMatch(/Time +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(storedQrCodes(bytes)).toEqual([
      `https://receipts.openlane.example/r/${receipt.receiptNumber}?join=1`,
    ]);
    expect(printsQr(bytes)).toBe(true);
    expect(lastCut(bytes)).toBeGreaterThan(indexOfBytes(bytes, Buffer.from('our loyalty programme')));
  });

  it('strips control bytes from a product name, so a name carrying a drawer kick (ESC p) prints as text', async () => {
    const l = await lane();
    // ESC p 0 25 250 opens the cash drawer; DLE DC4 is the real-time pulse; BEL beeps.
    const hostile = {
      ...PRODUCTS.gum,
      name: 'Mint\u001bp\u0000\u0019\u00faGum\u0010\u0014\u0001\u0000\u0007',
    };
    l.checkout.db.transaction(() => upsertProducts(l.checkout.db, [hostile]))();
    await sell(l);
    const bytes = await l.printer.receipt();
    expect(indexOfBytes(bytes, [0x1b, 0x70])).toBe(-1);
    expect(indexOfBytes(bytes, [0x10, 0x14])).toBe(-1);
    expect(bytes.includes(0x07)).toBe(false);
    expect(gb18030Text(bytes)).toMatch(/Mintp\u00faGum +2\.50/);
  });

  it('reprints a receipt by its number, marked COPY / 副本 at the top and bottom and otherwise the same', async () => {
    const l = await lane();
    const receipt = await sell(l);
    const first = gb18030Text(await l.printer.receipt());
    value(await l.printing.handlers['receipt.print']({ receiptNumber: receipt.receiptNumber }));
    const again = gb18030Text(await l.printer.receipt());
    const store = '好又多超市 海港店';
    const mark = '*** COPY 副本 ***';
    expect(again.indexOf(mark)).toBeGreaterThan(-1);
    expect(again.indexOf(mark)).toBeLessThan(again.indexOf(store));
    expect(again.lastIndexOf(mark)).toBeGreaterThan(again.indexOf('扫码查看电子小票并加入会员'));
    // Between the marks, from the store name on, the copy is the receipt as first printed.
    const body = (text: string) =>
      text.slice(text.indexOf(store), text.indexOf('扫码查看电子小票并加入会员'));
    expect(body(again)).toBe(body(first));
    expect(first).not.toContain('COPY');
    const missing = await l.printing.handlers['receipt.print']({ receiptNumber: 'S001-K01-999999' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'receipt_not_found' } });
  });

  it('sells with the printer unplugged, says why it did not print, and reprints once it is back', async () => {
    const l = await lane();
    const mark = l.events.length;
    l.printer.close();
    await l.pty.kill();
    await waitForPrinter(l.events, false, mark);

    // The sale goes through: committed, on screen; only the paper copy is missing, and it says why.
    const receipt = await sell(l);
    expect(saleByReceiptNumber(l.checkout.db, receipt.receiptNumber)).not.toBeNull();
    const failed = await vi.waitFor(() => {
      const event = l.events.find((e) => e.type === 'receipt.printFailed');
      if (event?.type !== 'receipt.printFailed') throw new Error('no print failure reported yet');
      return event;
    }, WAIT);
    expect(failed.receiptNumber).toBe(receipt.receiptNumber);
    expect(failed.error.code).toBe('printer_offline');
    expect(failed.error.message).toContain(l.pty.devicePath);

    // Plugged in again: the port reconnects by itself and the reprint comes out whole.
    const replug = l.events.length;
    await l.pty.restart();
    l.printer.open();
    await waitForPrinter(l.events, true, replug);
    value(await l.printing.handlers['receipt.print']({ receiptNumber: receipt.receiptNumber }));
    const bytes = await l.printer.receipt();
    expect([...bytes.subarray(0, 2)]).toEqual(ESC_INIT);
    expect(storedQrCodes(bytes)).toEqual([receipt.eReceiptUrl]);
    expect(gb18030Text(bytes)).toContain(receipt.receiptNumber);
  });

  it('a terminal with a printer in settings.json prints each sale after it is committed', async () => {
    const pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
    cleanups.push(() => pty.kill());
    const printer = printerSide(pty);
    cleanups.push(() => printer.close());
    printer.open();
    const dataDir = join(dir, 'terminal');
    mkdirSync(dataDir);
    // Only the path: baud rate, columns and encoding take their defaults.
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, printer: { path: pty.devicePath } }),
    );
    const terminal = await startTerminal({ dataDir });
    cleanups.push(() => terminal.close());
    const events: TerminalEvent[] = [];
    terminal.subscribe((event) => events.push(event));
    await waitForPrinter(events, true);

    const item = demoPiece();
    value(await terminal.api['basket.addScan']({ code: item.barcode, source: 'keypad' }));
    const payment = value(await terminal.api['payment.start']({}));
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    const bytes = await printer.receipt();
    const types = await vi.waitFor(() => {
      const now = events.map((e) => e.type);
      if (!now.includes('receipt.printed')) throw new Error('not reported printed yet');
      return now;
    }, WAIT);
    expect(types.indexOf('sale.completed')).toBeLessThan(types.indexOf('receipt.printed'));
    const text = gb18030Text(bytes);
    expect(text).toContain(DEFAULT_SETTINGS.storeName);
    expect(text).toContain(item.name);
    expect(text).toContain('QR payment');
    // The built-in simulator took the money: a training sale, marked on paper first and last, and in
    // its e-receipt link.
    expect(text.split(TRAINING_MARK)).toHaveLength(3);
    expect(text.indexOf(TRAINING_MARK)).toBeLessThan(text.indexOf(DEFAULT_SETTINGS.storeName));
    expect(text.lastIndexOf(TRAINING_MARK)).toBeGreaterThan(text.lastIndexOf('QR payment'));
    expect(storedQrCodes(bytes)).toEqual([
      `${DEFAULT_SETTINGS.eReceiptBaseUrl}/S001-K01-000001?join=1&training=1`,
    ]);
  });

  it('refuses a reprint clearly on a terminal without a printer', async () => {
    const checkout = openCheckout();
    cleanups.push(() => checkout.cleanup());
    const printing = startTerminalPrinting(checkout.db, null, checkout.ctx.events);
    const result = await printing.handlers['receipt.print']({ receiptNumber: 'S001-K01-000001' });
    expect(result).toMatchObject({ ok: false, error: { code: 'no_printer' } });
  });
});

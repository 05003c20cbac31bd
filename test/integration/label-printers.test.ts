// Shelf labels on real kernel pseudo-terminals made by socat: the receipt printer (ESC/POS, Chinese in
// GB18030) and a ZPL label printer each on its own serial port, opened by serialport as a USB printer's
// would be, the test reading what each printer receives. The labels come from a real SQLite store with
// a price change HQ sent (effective tomorrow 06:00), through the label handlers a signed-in clerk calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import type { Product } from '../../core/types';
import { upsertProducts } from '../../db/catalog';
import { savePriceChanges } from '../../db/price-changes';
import { receiptLabelPrinter, serialLabelPrinter } from '../../services/labels/printers';
import { startTerminalPrinting } from '../../services/receipts/terminal-printing';
import { labelHandlers } from '../../services/stock/label-handlers';
import { openCheckout, PRODUCTS, type TestCheckout } from '../helpers/checkout';
import { value } from '../helpers/cli';
import { ESC_INIT, FS_CHINESE_MODE, gb18030Text, indexOfBytes } from '../helpers/escpos';
import { printerSide, readWaiting } from '../helpers/printer-side';
import { startPtyPair } from '../helpers/socat';
import { closeSync, constants, openSync } from 'node:fs';

const WAIT = { timeout: 10_000, interval: 20 };
// Midday UTC: the printed date (the terminal's own zone) is 2026-12-08 wherever the test runs.
const EFFECTIVE = Date.parse('2026-12-08T12:00:00Z');

/** Loose rice sold by weight, with a Chinese name: its label carries a price per kg, in GB18030 / UTF-8. */
const RICE: Product = {
  gtin: withCheckDigit('690000000052').padStart(14, '0'),
  barcode: withCheckDigit('690000000052'),
  department: 'Grocery',
  name: '东北大米 散装',
  price: 990,
  taxRateBp: 900,
  unit: 'kg',
  ageLimit: null,
};

let dir: string;
let cleanups: (() => Promise<void> | void)[];
let checkout: TestCheckout;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-labels-'));
  cleanups = [];
  checkout = openCheckout();
  cleanups.push(() => checkout.cleanup());
  checkout.db.transaction(() => upsertProducts(checkout.db, [RICE]))();
  savePriceChanges(
    checkout.db,
    [
      { hqId: 1, gtin: RICE.gtin, price: 890, effectiveAt: EFFECTIVE, storeLevel: false },
      { hqId: 2, gtin: PRODUCTS.bread.gtin, price: 800, effectiveAt: EFFECTIVE, storeLevel: false },
    ],
    '1:2',
    new Date('2026-12-07T19:00:00Z'),
  );
  checkout.ctx.clock = () => new Date('2026-12-07T21:00:00Z');
  checkout.ctx.duty.current = { id: 'S7', name: 'Lin', role: 'supervisor' };
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The far end of a pty as a ZPL printer: everything received up to a format's ^XZ. */
function zplSide(hostPath: string) {
  let fd: number | null = openSync(hostPath, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
  let received = Buffer.alloc(0);
  return {
    async format(): Promise<string> {
      await expect
        .poll(() => {
          received = Buffer.concat([received, readWaiting(fd!)]);
          return received.toString('utf8').includes('^XZ');
        }, WAIT)
        .toBe(true);
      const text = received.toString('utf8');
      received = Buffer.alloc(0);
      return text;
    },
    /** Closed before socat is killed (a read on a hung-up tty only fails); closing twice is harmless. */
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

describe('shelf labels on serial printers', () => {
  it('prints the coming price on the receipt printer as ESC/POS, Chinese in GB18030 with an EAN-13', async () => {
    const pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
    cleanups.push(() => pty.kill());
    const paper = printerSide(pty);
    cleanups.push(() => paper.close());
    paper.open();
    const config = {
      path: pty.devicePath,
      baudRate: 9600,
      columns: 42 as const,
      encoding: 'gb18030' as const,
    };
    const printing = startTerminalPrinting(checkout.db, config, checkout.ctx.events, {
      retryMinMs: 20,
      retryMaxMs: 100,
    });
    cleanups.push(() => printing.close());
    checkout.ctx.labelPrinters.receipt = receiptLabelPrinter(config, printing.send);
    const labels = labelHandlers(checkout.ctx);
    // The port opens in the background: until it has, a print is refused and nothing is marked printed.
    await expect
      .poll(
        async () =>
          (await labels['labels.print']({ gtins: [RICE.gtin], printer: 'receipt', coming: true })).ok,
        WAIT,
      )
      .toBe(true);
    const bytes = await paper.receipt();
    expect([...bytes.subarray(0, 4)]).toEqual([...ESC_INIT, ...FS_CHINESE_MODE]);
    const text = gb18030Text(bytes);
    expect(text).toContain('东北大米 散装\n');
    expect(text).toContain('CNY 8.90\n');
    expect(text).toContain('CNY 8.90/kg\n');
    expect(text).toContain('from 2026-12-08\n');
    // GS k 67 13 and the 13 digits: the EAN-13 the printer draws.
    expect(indexOfBytes(bytes, [0x1d, 0x6b, 67, 13, ...Buffer.from(RICE.barcode)])).toBeGreaterThan(0);
    const queue = value(await labels['labels.queue']({}));
    expect(queue.labels.map((l) => l.gtin)).toEqual([PRODUCTS.bread.gtin]);
  });

  it("prints a bottle's price per litre in ZPL, from its net content", async () => {
    upsertProducts(checkout.db, [{ ...PRODUCTS.milk, netContent: { amount: 1500, unit: 'ml' } }]);
    const pty = await startPtyPair(dir, { deviceName: 'zebra', hostName: 'roll' });
    cleanups.push(() => pty.kill());
    const roll = zplSide(pty.hostPath);
    cleanups.push(() => roll.close());
    const printer = serialLabelPrinter({ path: pty.devicePath, baudRate: 9600 }, { retryMinMs: 20 });
    cleanups.push(() => printer.close());
    checkout.ctx.labelPrinters.label = printer;
    await expect.poll(() => printer.connected(), WAIT).toBe(true);
    const labels = labelHandlers(checkout.ctx);
    value(await labels['labels.print']({ gtins: [PRODUCTS.milk.gtin], printer: 'label', coming: false }));
    const zpl = await roll.format();
    // 12.90 for 1.5 l is 8.60 per litre.
    expect(zpl).toContain('^FH^FDCNY 12.90^FS');
    expect(zpl).toContain('^FH^FDCNY 8.60/l^FS');
  });

  it('prints ZPL on the label printer, refuses while it is unplugged, and marks only what printed', async () => {
    const pty = await startPtyPair(dir, { deviceName: 'zebra', hostName: 'roll' });
    cleanups.push(() => pty.kill());
    const roll = zplSide(pty.hostPath);
    cleanups.push(() => roll.close());
    const printer = serialLabelPrinter(
      { path: pty.devicePath, baudRate: 9600 },
      { retryMinMs: 20, retryMaxMs: 100, writeTimeoutMs: 2000 },
    );
    cleanups.push(() => printer.close());
    checkout.ctx.labelPrinters.label = printer;
    const labels = labelHandlers(checkout.ctx);
    await expect.poll(() => printer.connected(), WAIT).toBe(true);

    value(await labels['labels.print']({ gtins: [RICE.gtin], printer: 'label', coming: true }));
    const zpl = await roll.format();
    expect(zpl.startsWith('^XA\n^CI28\n')).toBe(true);
    expect(zpl).toContain('^FH^FD东北大米 散装^FS');
    expect(zpl).toContain('^FH^FDCNY 8.90^FS');
    expect(zpl).toContain('^FH^FDCNY 8.90/kg^FS');
    expect(zpl).toContain('^FH^FDfrom 2026-12-08^FS');
    expect(zpl).toContain(`^BEN,50,Y,N^FD${RICE.barcode.slice(0, 12)}^FS`);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);

    roll.close();
    await pty.kill(); // the label printer is unplugged
    await expect.poll(() => printer.connected(), WAIT).toBe(false);
    const refused = await labels['labels.print']({
      gtins: [PRODUCTS.bread.gtin],
      printer: 'label',
      coming: true,
    });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'printer_offline',
      message: expect.stringContaining('the label printer'),
    });
    const queue = value(await labels['labels.queue']({}));
    expect(queue).toEqual({
      labels: [expect.objectContaining({ gtin: PRODUCTS.bread.gtin, price: 800 })],
      printers: ['label'],
    });
  });
});

// `openlane receipt reprint` as store IT runs it: a real process, real sales in a real SQLite file, and
// the receipt printer on a socat pseudo-terminal whose far end the test reads as the printer would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import type { TerminalEvent } from '../../services/api/contract';
import { startTerminal, type Terminal } from '../../services/terminal';
import { press } from '../helpers/checkout';
import { runOpenlane, value } from '../helpers/cli';
import { gb18030Text } from '../helpers/escpos';
import { printerOnPty, type printerSide } from '../helpers/printer-side';
import type { PtyPair } from '../helpers/socat';

const WAIT = { timeout: 10_000, interval: 20 };

describe('openlane receipt reprint', () => {
  let dir: string;
  let data: string;
  let pty: PtyPair;
  let printer: ReturnType<typeof printerSide>;
  const sold: string[] = [];

  /** One paid sale on a running terminal, printed as it completes. */
  async function sell(terminal: Terminal, events: TerminalEvent[]): Promise<string> {
    const item = demoProducts().find((p) => p.unit === 'each' && p.ageLimit === null)!;
    value(await terminal.api['basket.addScan']({ code: item.barcode, source: 'keypad' }));
    const payment = value(await terminal.api['payment.start']({}));
    expect((await press(payment.qrPayload!, 'approve')).status).toBe(200);
    await printer.receipt();
    const completed = await vi.waitFor(() => {
      const event = events.findLast((e) => e.type === 'sale.completed');
      if (event?.type !== 'sale.completed' || sold.includes(event.receipt.receiptNumber))
        throw new Error('the sale has not completed yet');
      return event;
    }, WAIT);
    value(await terminal.api['sale.finish']({}));
    return completed.receipt.receiptNumber;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-reprint-'));
    data = join(dir, 'data');
    mkdirSync(data);
    ({ pty, printer } = await printerOnPty(dir, data));
    const terminal = await startTerminal({ dataDir: data });
    const events: TerminalEvent[] = [];
    terminal.subscribe((event) => events.push(event));
    await vi.waitFor(() => {
      if (!events.some((e) => e.type === 'printer.status' && e.printer.connected))
        throw new Error('the printer has not connected yet');
    }, WAIT);
    sold.push(await sell(terminal, events));
    sold.push(await sell(terminal, events));
    await terminal.close();
  });

  afterAll(async () => {
    printer?.close();
    await pty?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reprints the last sale without a number, marked COPY / 副本', async () => {
    const result = await runOpenlane(['receipt', 'reprint', '--data', data]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Reprinted receipt ${sold[1]} on ${pty.devicePath}.\n`);
    const text = gb18030Text(await printer.receipt());
    expect(text).toContain('*** COPY 副本 ***');
    expect(text).toContain(sold[1]);
  });

  it('reprints a sale by its number', async () => {
    const result = await runOpenlane(['receipt', 'reprint', sold[0]!, '--data', data]);
    expect(result.status).toBe(0);
    const text = gb18030Text(await printer.receipt());
    expect(text).toContain('*** COPY 副本 ***');
    expect(text).toContain(sold[0]);
    expect(text).not.toContain(sold[1]);
  });

  it('says plainly when there is no such receipt', async () => {
    const result = await runOpenlane(['receipt', 'reprint', 'S001-K01-000099', '--data', data]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'openlane receipt reprint: There is no receipt numbered S001-K01-000099 on this terminal\n',
    );
  });

  it('says the running terminal holds the printer, and what to do', async () => {
    const terminal = await startTerminal({ dataDir: data });
    try {
      const result = await runOpenlane(['receipt', 'reprint', '--data', data]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`The printer at ${pty.devicePath} is held by the running terminal`);
    } finally {
      await terminal.close();
    }
  });
});

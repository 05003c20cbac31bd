// `openlane receipt reprint`: a paid sale's receipt printed again, marked COPY / 副本, on the printer
// in settings.json — from the command line, with or without the terminal running beside it.
import { lastSale, saleByReceiptNumber } from '../../db/sales';
import type { ApiResult } from '../api/contract';
import { receiptView } from '../checkout/views';
import { openTerminalStore } from '../store';
import { printableReceipt } from './printable';
import { startReceiptPrinting } from './receipt-printer';

export interface ReprintOptions {
  /** How long to wait for the printer's port to open; default 5 s. */
  connectTimeoutMs?: number;
  timeZone?: string;
}

/** Reprints sale `receiptNumber`, or the last sale without one. Never throws for a printer problem. */
export async function reprintReceipt(
  dataDir: string,
  receiptNumber: string | undefined,
  options: ReprintOptions = {},
): Promise<ApiResult<{ receiptNumber: string; printer: string }>> {
  const { db, settings } = openTerminalStore(dataDir);
  try {
    const sale = receiptNumber === undefined ? lastSale(db) : saleByReceiptNumber(db, receiptNumber);
    if (!sale) {
      const message =
        receiptNumber === undefined
          ? 'This terminal has sold nothing yet, so there is no receipt to reprint'
          : `There is no receipt numbered ${receiptNumber} on this terminal`;
      return { ok: false, error: { code: 'receipt_not_found', message } };
    }
    const config = settings.printer;
    if (!config)
      return {
        ok: false,
        error: {
          code: 'no_printer',
          message: 'This terminal has no receipt printer: "printer" in settings.json is null',
        },
      };
    // Resolves true once the port opens, false when it is held by another process or the wait is over.
    let settle!: (opened: boolean) => void;
    const opened = new Promise<boolean>((resolve) => (settle = resolve));
    let lastError: string | null = null;
    const printing = startReceiptPrinting({
      printer: config,
      timeZone: options.timeZone,
      report: (event) => {
        if (event.type !== 'printer.status') return;
        lastError = event.printer.error;
        if (event.printer.connected) settle(true);
        else if (isLocked(lastError)) settle(false);
      },
    });
    const timer = setTimeout(() => settle(false), options.connectTimeoutMs ?? 5000);
    try {
      if (!(await opened)) return { ok: false, error: printerAway(config.path, lastError) };
      const printed = await printing.print(printableReceipt(db, receiptView(sale.receiptJson)), {
        reprint: true,
      });
      return printed.ok
        ? { ok: true, value: { receiptNumber: sale.receiptNumber, printer: config.path } }
        : printed;
    } finally {
      clearTimeout(timer);
      await printing.close();
    }
  } finally {
    db.close();
  }
}

/** Why the printer did not open: held by the running terminal, or not there. */
function printerAway(path: string, error: string | null) {
  if (isLocked(error))
    return {
      code: 'printer_busy',
      message:
        `The printer at ${path} is held by the running terminal (openlane serve or the kiosk app). ` +
        'Reprint from its paid screen after a staff badge scan, or stop the terminal and run this again',
    };
  return {
    code: 'printer_offline',
    message: `The printer at ${path} is not connected${error ? ` (${error})` : ''}: check that it is on and plugged in`,
  };
}

/** serialport locks a port it opens; a second opener is refused with this. */
function isLocked(error: string | null): boolean {
  return error !== null && /cannot lock|resource temporarily unavailable/i.test(error);
}

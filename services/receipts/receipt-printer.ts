// Printing receipts: the receipt model laid out and encoded, sent to the serial printer, and the
// outcome reported as an event. A print never throws: a sale is committed before it prints, and a
// printer that is off, unplugged or out of paper only ever costs the paper copy, never the sale.
import { PrintError, SerialPrinter, type PrinterStatus } from '../../native/printer/serial-printer';
import type { ApiError, ApiResult } from '../api/contract';
import { cellsFor, encodeBlocks } from './escpos';
import { receiptLayout, type PrintableReceipt } from './layout';
import type { PrinterSettings } from './printer-settings';

export type PrintReport =
  | { type: 'printer.status'; printer: PrinterStatus }
  | { type: 'receipt.printed'; receiptNumber: string }
  | { type: 'receipt.printFailed'; receiptNumber: string; error: ApiError };

export interface ReceiptPrinting {
  /**
   * Prints one receipt; the answer (and a report) says whether it reached the printer. A reprint is
   * marked COPY / 副本 at the top and bottom.
   */
  print(
    receipt: PrintableReceipt,
    options?: { reprint?: boolean },
  ): Promise<ApiResult<{ receiptNumber: string }>>;
  status(): PrinterStatus;
  /**
   * Sends other bytes in the print queue (a Z report, the drawer pulse, a status request), so they never
   * interleave with a receipt. Never throws: the answer says whether they reached the printer.
   */
  send(bytes: Uint8Array, what: string): Promise<ApiResult<null>>;
  close(): Promise<void>;
}

export interface ReceiptPrintingOptions {
  printer: PrinterSettings;
  report: (event: PrintReport) => void;
  /** Time zone the receipt's time is printed in; the terminal's own by default. */
  timeZone?: string;
  /** Passed to the serial printer (tests shorten the reconnect delays). */
  retryMinMs?: number;
  retryMaxMs?: number;
  writeTimeoutMs?: number;
  /** The printer's replies (ESC/POS status bytes), as they arrive. */
  onData?: (chunk: Buffer) => void;
}

/** The bytes of one receipt for a printer configured as `printer`. */
export function receiptBytes(
  receipt: PrintableReceipt,
  printer: Pick<PrinterSettings, 'columns' | 'encoding'>,
  timeZone?: string,
  reprint = false,
): Uint8Array {
  const blocks = receiptLayout(receipt, {
    columns: printer.columns,
    cells: cellsFor(printer.encoding),
    timeZone,
    chinese: printer.encoding !== 'auto',
    reprint,
  });
  return encodeBlocks(blocks, printer);
}

/** Opens the printer port (reconnecting while it is away) and prints receipts on it. */
export function startReceiptPrinting(options: ReceiptPrintingOptions): ReceiptPrinting {
  const { printer: config, report } = options;
  const printer = new SerialPrinter(
    {
      path: config.path,
      baudRate: config.baudRate,
      retryMinMs: options.retryMinMs,
      retryMaxMs: options.retryMaxMs,
      writeTimeoutMs: options.writeTimeoutMs,
      onData: options.onData,
    },
    (status) => report({ type: 'printer.status', printer: status }),
  );
  printer.start();
  return {
    async print(receipt, { reprint = false } = {}) {
      const { receiptNumber } = receipt;
      try {
        await printer.print(receiptBytes(receipt, config, options.timeZone, reprint));
        report({ type: 'receipt.printed', receiptNumber });
        return { ok: true, value: { receiptNumber } };
      } catch (caught) {
        const error = printFailure(caught);
        // The log line is for store IT reading the terminal's output; the event is for the screen.
        console.error(`openlane: receipt ${receiptNumber} was not printed: ${error.message}`);
        report({ type: 'receipt.printFailed', receiptNumber, error });
        return { ok: false, error };
      }
    },
    status: () => printer.status(),
    async send(bytes, what) {
      try {
        await printer.print(bytes);
        return { ok: true, value: null };
      } catch (caught) {
        const error = printFailure(caught);
        console.error(`openlane: ${what} did not reach the printer: ${error.message}`);
        return { ok: false, error };
      }
    },
    close: () => printer.stop(),
  };
}

/** Why a job did not reach the printer, as an error value. */
function printFailure(caught: unknown): ApiError {
  return caught instanceof PrintError
    ? { code: caught.code, message: caught.message }
    : { code: 'print_failed', message: `printing failed: ${(caught as Error).message}` };
}

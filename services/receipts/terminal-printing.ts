// The receipt printer in the terminal: every finished sale prints once it is committed, and the
// `receipt.print` handler reprints one, marked COPY / 副本. Printing runs after the `sale.completed` event, outside the
// sale's transaction, so a printer problem can neither undo nor hold up a sale: the shopper has the
// screen's receipt at once, and a failure arrives as a `receipt.printFailed` event and a log line.
import type { Database } from '../../db/open';
import { saleByReceiptNumber } from '../../db/sales';
import type { ApiResult, TerminalApi } from '../api/contract';
import { receiptView } from '../checkout/views';
import type { EventHub } from '../events';
import { printableReceipt } from './printable';
import type { PrinterSettings } from './printer-settings';
import { startReceiptPrinting, type ReceiptPrintingOptions } from './receipt-printer';

export interface TerminalPrinting {
  handlers: Pick<TerminalApi, 'receipt.print'>;
  /** Other bytes for the printer (a Z report, the drawer pulse), in the receipts' queue; `no_printer` without one. */
  send(bytes: Uint8Array, what: string): Promise<ApiResult<null>>;
  close(): Promise<void>;
}

const NO_PRINTER = {
  ok: false as const,
  error: { code: 'no_printer', message: 'This terminal has no receipt printer (settings: printer is null)' },
};

export function startTerminalPrinting(
  db: Database,
  config: PrinterSettings | null,
  events: EventHub,
  options: Omit<ReceiptPrintingOptions, 'printer' | 'report'> = {},
): TerminalPrinting {
  if (!config) {
    return {
      handlers: {
        'receipt.print': async () => NO_PRINTER,
      },
      send: async () => NO_PRINTER,
      close: async () => {},
    };
  }
  const printing = startReceiptPrinting({
    ...options,
    printer: config,
    report: (event) => events.emit(event),
  });
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'sale.completed') void printing.print(printableReceipt(db, event.receipt));
  });
  return {
    handlers: {
      'receipt.print': async ({ receiptNumber }) => {
        const sale = saleByReceiptNumber(db, receiptNumber);
        if (!sale)
          return {
            ok: false,
            error: { code: 'receipt_not_found', message: `No receipt numbered ${receiptNumber}` },
          };
        return printing.print(printableReceipt(db, receiptView(sale.receiptJson)), { reprint: true });
      },
    },
    send: (bytes, what) => printing.send(bytes, what),
    async close() {
      unsubscribe();
      await printing.close();
    },
  };
}

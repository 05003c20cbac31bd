// The receipt printer in the terminal: every finished sale prints once it is committed, and the
// `receipt.print` handler reprints one, marked COPY / 副本. Printing runs after the `sale.completed` event, outside the
// sale's transaction, so a printer problem can neither undo nor hold up a sale: the shopper has the
// screen's receipt at once, and a failure arrives as a `receipt.printFailed` event and a log line.
import type { Database } from '../../db/open';
import { saleByReceiptNumber } from '../../db/sales';
import type { TerminalApi } from '../api/contract';
import { receiptView } from '../checkout/views';
import type { EventHub } from '../events';
import { printableReceipt } from './printable';
import type { PrinterSettings } from './printer-settings';
import { startReceiptPrinting, type ReceiptPrintingOptions } from './receipt-printer';

export interface TerminalPrinting {
  handlers: Pick<TerminalApi, 'receipt.print'>;
  close(): Promise<void>;
}

export function startTerminalPrinting(
  db: Database,
  config: PrinterSettings | null,
  events: EventHub,
  options: Omit<ReceiptPrintingOptions, 'printer' | 'report'> = {},
): TerminalPrinting {
  if (!config) {
    return {
      handlers: {
        'receipt.print': async () => ({
          ok: false,
          error: {
            code: 'no_printer',
            message: 'This terminal has no receipt printer (settings: printer is null)',
          },
        }),
      },
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
    async close() {
      unsubscribe();
      await printing.close();
    },
  };
}

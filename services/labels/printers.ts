// The printers a terminal prints shelf labels on: the receipt printer (ESC/POS, through the receipts'
// print queue so a label never cuts into a receipt) and a ZPL label printer on its own serial port.
import iconv from 'iconv-lite';
import { escPosLabels } from '../../core/labels/escpos';
import type { ShelfLabel } from '../../core/labels/label';
import { zplBytes, zplLabels } from '../../core/labels/zpl';
import { PrintError } from '../../native/printer/serial-printer';
import { openLabelPrinter } from '../../native/printer/label-printer';
import type { ApiResult, LabelPrinterKind } from '../api/contract';
import type { PrinterSettings } from '../receipts/printer-settings';
import type { LabelPrinterSettings } from './label-printer-settings';

export interface LabelPrinter {
  /** Prints the labels; the answer says whether they reached the printer. Never throws. */
  print(labels: readonly ShelfLabel[]): Promise<ApiResult<null>>;
}

export type LabelPrinters = Partial<Record<LabelPrinterKind, LabelPrinter>>;

/** ESC @ cancels Chinese character mode, so FS & follows it on a Chinese printer (as on receipts). */
const FS_CHINESE_MODE = [0x1c, 0x26];

/** Labels on the receipt printer, sent with its queue's `send`. */
export function receiptLabelPrinter(
  printer: Pick<PrinterSettings, 'encoding'>,
  send: (bytes: Uint8Array, what: string) => Promise<ApiResult<null>>,
): LabelPrinter {
  const chinese = printer.encoding !== 'auto';
  const encodeText = chinese
    ? (text: string) => Uint8Array.from(iconv.encode(text, printer.encoding))
    : (text: string) => Uint8Array.from(Buffer.from(text.replace(/[^\x20-\x7e]/g, '?'), 'latin1'));
  return {
    print: (labels) =>
      send(
        escPosLabels(labels, { encodeText, afterInit: chinese ? FS_CHINESE_MODE : [] }),
        `${labels.length} shelf label(s)`,
      ),
  };
}

/** The ZPL label printer on its serial port; close() releases the port. */
export function serialLabelPrinter(
  settings: LabelPrinterSettings,
  timing: { retryMinMs?: number; retryMaxMs?: number; writeTimeoutMs?: number } = {},
): LabelPrinter & { connected(): boolean; close(): Promise<void> } {
  const printer = openLabelPrinter({ path: settings.path, baudRate: settings.baudRate, ...timing });
  return {
    async print(labels) {
      try {
        await printer.print(zplBytes(zplLabels(labels, { font: settings.font })));
        return { ok: true, value: null };
      } catch (caught) {
        const error =
          caught instanceof PrintError
            ? { code: caught.code, message: `the label printer: ${caught.message}` }
            : { code: 'print_failed', message: `printing labels failed: ${(caught as Error).message}` };
        console.error(`openlane: shelf labels were not printed: ${error.message}`);
        return { ok: false, error };
      }
    },
    connected: () => printer.status().connected,
    close: () => printer.stop(),
  };
}

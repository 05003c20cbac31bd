// A label printer on a serial port (ZPL): the receipt printer's port code (SerialPrinter: reconnecting,
// one job at a time, a job sent while it is away fails at once) with nothing read back. A label that
// did not reach the printer is reported and not marked printed; staff print it again.
import { SerialPrinter, type PrinterStatus } from './serial-printer';

export interface LabelPrinterPort {
  path: string;
  baudRate: number;
  /** Tests shorten the reconnect delays and the write timeout. */
  retryMinMs?: number;
  retryMaxMs?: number;
  writeTimeoutMs?: number;
}

/** Opens the label printer's port (it keeps retrying while the printer is missing). */
export function openLabelPrinter(
  port: LabelPrinterPort,
  onStatus: (status: PrinterStatus) => void = () => {},
): SerialPrinter {
  const printer = new SerialPrinter(port, onStatus);
  printer.start();
  return printer;
}

// A receipt printer on a serial port: writes bytes, waits until they have left for the printer, and
// keeps reconnecting while the printer is unplugged or switched off. It knows bytes, not receipts.
//
// A print sent while the printer is offline FAILS at once (it is not queued). A queued receipt would
// come out minutes later, when the printer is back, in front of the next shopper; the shopper who paid
// already has the on-screen receipt and the e-receipt, and staff can reprint. A print that the port
// loses half-way (unplugged mid-receipt) fails too: what was printed is torn off, and a reprint is whole.
//
// Opening the port and reconnecting is ReconnectingPort's; this file is the print queue on top of it.
import { errorText, ReconnectingPort, type ReconnectingPortOptions } from '../serial/reconnecting-port';

export interface PrinterStatus {
  path: string;
  connected: boolean;
  error: string | null;
}

/** path, baudRate and the reconnect delays are the port's (ReconnectingPortOptions). */
export interface SerialPrinterOptions extends ReconnectingPortOptions {
  /**
   * How long one print may take to leave the port. A printer out of paper holds its flow control and
   * would hold the write for ever; after this the print fails and says so.
   */
  writeTimeoutMs?: number;
  /** The printer's replies (ESC/POS real-time status bytes, e.g. to DLE EOT), as they arrive. */
  onData?: (chunk: Buffer) => void;
}

/** Why a print did not reach the printer; `code` is stable for events and logs. */
export class PrintError extends Error {
  constructor(
    readonly code: 'printer_offline' | 'printer_write_failed' | 'printer_timeout',
    message: string,
  ) {
    super(message);
  }
}

export class SerialPrinter {
  readonly path: string;
  readonly baudRate: number;
  private readonly listener: (status: PrinterStatus) => void;
  private readonly writeTimeoutMs: number;
  private readonly port: ReconnectingPort;
  /** Prints go out one after the other: two receipts' bytes must never interleave. */
  private queueTail: Promise<void> = Promise.resolve();

  constructor(options: SerialPrinterOptions, listener: (status: PrinterStatus) => void = () => {}) {
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.listener = listener;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
    // The port reads the printer's bytes even without a hook, to notice an unplug; the drawer's
    // status (DLE EOT) is read through onData.
    this.port = new ReconnectingPort(options, { status: () => this.reportStatus(), data: options.onData });
  }

  status(): PrinterStatus {
    return { path: this.path, ...this.port.state };
  }

  /** Opens the port; if the printer is missing it keeps trying until stop(). */
  start(): void {
    this.port.start();
  }

  /** Stops retrying and closes the port; resolves once the port is closed. */
  stop(): Promise<void> {
    return this.port.stop();
  }

  /**
   * Sends one job and resolves once the bytes have drained to the printer. Rejects with a PrintError
   * when the printer is not connected, the write fails, or it does not drain in writeTimeoutMs.
   */
  print(bytes: Uint8Array): Promise<void> {
    const job = this.queueTail.then(() => this.write(bytes));
    this.queueTail = job.catch(() => {});
    return job;
  }

  private write(bytes: Uint8Array): Promise<void> {
    const port = this.port.openPort;
    if (!port) {
      const { error } = this.port.state;
      const why = error ? `: ${error}` : '';
      return Promise.reject(
        new PrintError('printer_offline', `the printer at ${this.path} is not connected${why}`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: PrintError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        port.removeListener('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onClose = (): void =>
        finish(
          new PrintError('printer_write_failed', `the printer at ${this.path} went away while printing`),
        );
      const timer = setTimeout(
        () =>
          finish(
            new PrintError(
              'printer_timeout',
              `the printer at ${this.path} did not take the receipt within ${this.writeTimeoutMs} ms (out of paper or cover open?)`,
            ),
          ),
        this.writeTimeoutMs,
      );
      port.once('close', onClose);
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (writeError) => {
        if (writeError) {
          finish(
            new PrintError(
              'printer_write_failed',
              `writing to ${this.path} failed: ${errorText(writeError)}`,
            ),
          );
          return;
        }
        // write() only hands the bytes to the stream; drain() waits until the OS has sent them.
        port.drain((drainError) => {
          if (drainError)
            finish(
              new PrintError(
                'printer_write_failed',
                `writing to ${this.path} failed: ${errorText(drainError)}`,
              ),
            );
          else finish();
        });
      });
    });
  }

  private reportStatus(): void {
    try {
      this.listener(this.status());
    } catch (listenerError) {
      console.error(`printer ${this.path}: status listener threw:`, listenerError);
    }
  }
}

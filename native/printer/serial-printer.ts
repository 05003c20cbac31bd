// A receipt printer on a serial port: writes bytes, waits until they have left for the printer, and
// keeps reconnecting while the printer is unplugged or switched off. It knows bytes, not receipts.
//
// A print sent while the printer is offline FAILS at once (it is not queued). A queued receipt would
// come out minutes later, when the printer is back, in front of the next shopper; the shopper who paid
// already has the on-screen receipt and the e-receipt, and staff can reprint. A print that the port
// loses half-way (unplugged mid-receipt) fails too: what was printed is torn off, and a reprint is whole.
import { SerialPortStream } from '@serialport/stream';
import { hangupAwareBinding } from '../scanner/hangup-binding';

type SerialPort = SerialPortStream;
const binding = hangupAwareBinding();

export interface PrinterStatus {
  path: string;
  connected: boolean;
  error: string | null;
}

export interface SerialPrinterOptions {
  path: string;
  baudRate: number;
  /** First reconnect delay; doubles per failed attempt up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /**
   * How long one print may take to leave the port. A printer out of paper holds its flow control and
   * would hold the write for ever; after this the print fails and says so.
   */
  writeTimeoutMs?: number;
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
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly writeTimeoutMs: number;
  private running = false;
  private port: SerialPort | null = null;
  private opening: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private current: { connected: boolean; error: string | null } = { connected: false, error: null };
  /** Prints go out one after the other: two receipts' bytes must never interleave. */
  private queueTail: Promise<void> = Promise.resolve();

  constructor(options: SerialPrinterOptions, listener: (status: PrinterStatus) => void = () => {}) {
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.listener = listener;
    this.retryMinMs = options.retryMinMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 2000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
    this.retryDelay = this.retryMinMs;
  }

  status(): PrinterStatus {
    return { path: this.path, ...this.current };
  }

  /** Opens the port; if the printer is missing it keeps trying until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.retryDelay = this.retryMinMs;
    this.connect();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.opening) await this.opening;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await closePort(port);
    this.setStatus(false, null);
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
    const port = this.port;
    if (!port?.isOpen) {
      const why = this.current.error ? `: ${this.current.error}` : '';
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
            new PrintError('printer_write_failed', `writing to ${this.path} failed: ${plain(writeError)}`),
          );
          return;
        }
        // write() only hands the bytes to the stream; drain() waits until the OS has sent them.
        port.drain((drainError) => {
          if (drainError)
            finish(
              new PrintError('printer_write_failed', `writing to ${this.path} failed: ${plain(drainError)}`),
            );
          else finish();
        });
      });
    });
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    let port: SerialPort;
    try {
      port = new SerialPortStream({ binding, path: this.path, baudRate: this.baudRate, autoOpen: false });
    } catch (error) {
      this.failed(null, error);
      return;
    }
    port.on('error', (error) => this.failed(port, error));
    this.opening = new Promise((resolve) => {
      port.open((error) => {
        this.opening = null;
        if (error) this.failed(null, error);
        else this.opened(port);
        resolve();
      });
    });
  }

  private opened(port: SerialPort): void {
    this.port = port;
    if (!this.running) return; // stop() is waiting on this open and closes the port itself
    this.retryDelay = this.retryMinMs;
    // The printer's status bytes are not used, but reading is how a hangup (unplug) is noticed:
    // the hangup-aware binding turns the 0-byte read into a close.
    port.on('data', () => {});
    port.on('close', (error: Error | null) => this.failed(port, error ?? new Error('port closed')));
    port.on('end', () => this.failed(port, new Error('port reached end of stream')));
    this.setStatus(true, null);
  }

  private failed(port: SerialPort | null, error: unknown): void {
    if (port !== null && port !== this.port) return; // an old port's late event
    if (port) {
      this.port = null;
      port.removeAllListeners('data');
      port.removeAllListeners('end');
      if (port.isOpen) void closePort(port);
    }
    if (!this.running) return;
    this.setStatus(false, plain(error));
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.running) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // Only changes are reported, so a missing printer retrying every 2 s stays quiet.
  private setStatus(connected: boolean, error: string | null): void {
    if (this.current.connected === connected && this.current.error === error) return;
    this.current = { connected, error };
    try {
      this.listener(this.status());
    } catch (listenerError) {
      console.error(`printer ${this.path}: status listener threw:`, listenerError);
    }
  }
}

/** serialport's native errors read "Error: No such file…"; the type prefix is noise on a status line. */
function plain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error: /, '');
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) {
      resolve();
      return;
    }
    port.close(() => resolve());
  });
}

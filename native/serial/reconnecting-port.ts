// The connection half of every serial device: opens the port, says whether it is connected (and if
// not, why), and keeps reopening it with back-off while the device is unplugged, switched off or not
// there yet. It never throws into the caller's event loop. What travels over the port is the owner's
// business: the scanner frames the bytes it reads, the printer writes receipts to `openPort`.
import { SerialPortStream } from '@serialport/stream';
import { hangupAwareBinding } from './hangup-binding';

export type SerialPort = SerialPortStream;

const binding = hangupAwareBinding();

export interface PortState {
  connected: boolean;
  /** Why the port is not connected, for a status line; null when connected or stopped. */
  error: string | null;
}

export interface ReconnectingPortOptions {
  path: string;
  baudRate: number;
  /** Character framing; 8-N-1 unless the device wants another (a Magellan scanner-scale: 7-O-1). */
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** First reconnect delay; doubles per failed attempt up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

/** What the owner hears. Called synchronously from serialport's callbacks, so none may throw. */
export interface ReconnectingPortHooks {
  /** The state changed. Only changes are reported, so a missing device retrying stays quiet. */
  status: (state: PortState) => void;
  /** A port has just opened and nothing has been read from it yet: reset per-connection state. */
  opened?: () => void;
  /** Bytes the device sent, in the tick they arrived. */
  data?: (chunk: Buffer) => void;
}

export class ReconnectingPort {
  readonly path: string;
  readonly baudRate: number;
  private readonly framing: Pick<ReconnectingPortOptions, 'dataBits' | 'parity' | 'stopBits'>;
  private readonly hooks: ReconnectingPortHooks;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private running = false;
  private port: SerialPort | null = null;
  /** Removes the listeners opened() put on `port` (and only those: see failed()). */
  private detach: (() => void) | null = null;
  private opening: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private current: PortState = { connected: false, error: null };

  constructor(options: ReconnectingPortOptions, hooks: ReconnectingPortHooks) {
    this.path = options.path;
    this.baudRate = options.baudRate;
    const { dataBits, parity, stopBits } = options;
    this.framing = { dataBits, parity, stopBits };
    this.hooks = hooks;
    this.retryMinMs = options.retryMinMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 2000;
    this.retryDelay = this.retryMinMs;
  }

  /** A copy, so an owner spreading it into its own status object cannot change ours. */
  get state(): PortState {
    return { ...this.current };
  }

  /** The port while it is open, for the owner to write to; null while the device is away. */
  get openPort(): SerialPort | null {
    return this.port?.isOpen ? this.port : null;
  }

  /** Starts opening the port; if the device is missing it keeps trying until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.retryDelay = this.retryMinMs;
    this.connect();
  }

  /** Stops retrying and closes the port; resolves once the port is closed. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    // An open in flight would otherwise leave a port open behind our back.
    if (this.opening) await this.opening;
    const port = this.port;
    this.port = null;
    this.detach = null; // the close below is ours: failed() ignores a port it no longer holds
    if (port?.isOpen) await closePort(port);
    this.setState(false, null);
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    let port: SerialPort;
    try {
      port = new SerialPortStream({
        binding,
        path: this.path,
        baudRate: this.baudRate,
        ...definedOnly(this.framing),
        autoOpen: false,
      });
    } catch (error) {
      // Bad options throw synchronously; treat like an unopenable device so the owner sees why.
      this.failed(null, error);
      return;
    }
    // Without an 'error' listener a late stream error would crash the process; it stays for good.
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
    this.hooks.opened?.();
    // Read even when the owner has no use for the bytes (a printer's status replies): reading is
    // how a hangup is noticed, since the hangup-aware binding turns the 0-byte read into a close.
    const onData = (chunk: Buffer): void => this.hooks.data?.(chunk);
    const onClose = (error: Error | null): void => this.failed(port, error ?? new Error('port closed'));
    // A read of 0 bytes ends the stream without a close on some platforms: same as unplugged.
    const onEnd = (): void => this.failed(port, new Error('port reached end of stream'));
    port.on('data', onData);
    port.on('close', onClose);
    port.on('end', onEnd);
    this.detach = () => {
      port.removeListener('data', onData);
      port.removeListener('close', onClose);
      port.removeListener('end', onEnd);
    };
    this.setState(true, null);
  }

  /** The port (or the attempt to open it) failed: report, drop the port, try again later. */
  private failed(port: SerialPort | null, error: unknown): void {
    if (port !== null && port !== this.port) return; // an old port's late event
    if (port) {
      this.port = null;
      // Only our own listeners go: an owner's 'close' listener (the printer's print in flight) must
      // still hear the close below, or that print would wait for its timeout instead of failing now.
      this.detach?.();
      this.detach = null;
      if (port.isOpen) void closePort(port);
    }
    if (!this.running) return;
    this.setState(false, errorText(error));
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.running) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // Only changes are reported, so a missing device retrying every 2 s stays quiet.
  private setState(connected: boolean, error: string | null): void {
    if (this.current.connected === connected && this.current.error === error) return;
    this.current = { connected, error };
    this.hooks.status(this.state);
  }
}

/** serialport's native errors read "Error: No such file…"; the type prefix is noise on a status line. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error: /, '');
}

/** serialport refuses an option present but undefined; absent means its default (8-N-1). */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) {
      resolve();
      return;
    }
    port.close(() => resolve()); // a failed close leaves nothing for us to do
  });
}

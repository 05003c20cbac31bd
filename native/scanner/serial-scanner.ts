// One serial barcode scanner: opens the port, frames its bytes into scans, and keeps reconnecting
// while the device is unplugged or not there yet. Never throws into the caller's event loop.
import { performance } from 'node:perf_hooks';
import { SerialPortStream } from '@serialport/stream';
import { createFramer } from './framer';
import type { Framer, GarbageReason } from './framer';
import { hangupAwareBinding } from './hangup-binding';

type SerialPort = SerialPortStream;
const binding = hangupAwareBinding();

export type ScannerEvent =
  | { type: 'scan'; scannerId: string; text: string; receivedAt: number }
  | { type: 'garbage'; scannerId: string; bytes: string; reason: GarbageReason; detail: string }
  | { type: 'status'; scannerId: string; connected: boolean; error: string | null };

export type ScannerListener = (event: ScannerEvent) => void;

export interface ScannerStatus {
  scannerId: string;
  path: string;
  connected: boolean;
  error: string | null;
}

export interface SerialScannerOptions {
  id: string;
  path: string;
  baudRate: number;
  maxFrameBytes?: number;
  /** First reconnect delay; doubles per failed attempt up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Text the scanner is programmed to send before / after each code (e.g. a store ID); removed. */
  prefix?: string;
  suffix?: string;
}

/** Wall-clock milliseconds with sub-ms precision, comparable across processes (unlike performance.now). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export class SerialScanner {
  readonly id: string;
  readonly path: string;
  readonly baudRate: number;
  private readonly listener: ScannerListener;
  private readonly framer: Framer;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly affixes: { prefix?: string; suffix?: string };
  private running = false;
  private port: SerialPort | null = null;
  private opening: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private current: { connected: boolean; error: string | null } = { connected: false, error: null };

  constructor(options: SerialScannerOptions, listener: ScannerListener) {
    this.id = options.id;
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.listener = listener;
    this.framer = createFramer({ maxFrameBytes: options.maxFrameBytes ?? 4096 });
    this.retryMinMs = options.retryMinMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 2000;
    this.retryDelay = this.retryMinMs;
    this.affixes = { prefix: options.prefix, suffix: options.suffix };
  }

  get connected(): boolean {
    return this.current.connected;
  }

  status(): ScannerStatus {
    return { scannerId: this.id, path: this.path, ...this.current };
  }

  /** Starts reading; if the device is missing it keeps trying until stop(). */
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
    if (port?.isOpen) await closePort(port);
    this.framer.reset();
    this.setStatus(false, null);
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    let port: SerialPort;
    try {
      port = new SerialPortStream({ binding, path: this.path, baudRate: this.baudRate, autoOpen: false });
    } catch (error) {
      // Bad options throw synchronously; treat like an unopenable device so the caller sees why.
      this.failed(null, error);
      return;
    }
    // Without an 'error' listener a late stream error would crash the process.
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
    this.framer.reset();
    this.retryDelay = this.retryMinMs;
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', (error: Error | null) => this.failed(port, error ?? new Error('port closed')));
    // A read of 0 bytes ends the stream without a close on some platforms: same as unplugged.
    port.on('end', () => this.failed(port, new Error('port reached end of stream')));
    this.setStatus(true, null);
  }

  // The scan path: framed and delivered synchronously, in the same tick the bytes arrived.
  private onData(chunk: Buffer): void {
    const receivedAt = preciseNow();
    for (const event of this.framer.push(chunk)) {
      if (event.kind === 'frame') {
        const text = stripAffixes(event.text, this.affixes.prefix, this.affixes.suffix);
        if (text) this.emit({ type: 'scan', scannerId: this.id, text, receivedAt });
      } else {
        const bytes = Buffer.from(event.bytes.buffer, event.bytes.byteOffset, event.bytes.length).toString(
          'hex',
        );
        this.emit({ type: 'garbage', scannerId: this.id, bytes, reason: event.reason, detail: event.detail });
      }
    }
  }

  /** The port (or the attempt to open it) failed: report, drop the port, try again later. */
  private failed(port: SerialPort | null, error: unknown): void {
    if (port !== null && port !== this.port) return; // an old port's late event
    if (port) {
      this.port = null;
      port.removeAllListeners('data');
      port.removeAllListeners('close');
      port.removeAllListeners('end');
      if (port.isOpen) void closePort(port);
    }
    if (!this.running) return;
    // serialport's native errors read "Error: No such file…"; the type prefix is noise on a status line.
    const message = error instanceof Error ? error.message : String(error);
    this.setStatus(false, message.replace(/^Error: /, ''));
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.running) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.retryMaxMs);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // Only changes are reported, so a missing device retrying every 2 s stays quiet.
  private setStatus(connected: boolean, error: string | null): void {
    if (this.current.connected === connected && this.current.error === error) return;
    this.current = { connected, error };
    this.emit({ type: 'status', scannerId: this.id, connected, error });
  }

  private emit(event: ScannerEvent): void {
    try {
      this.listener(event);
    } catch (error) {
      // A throwing listener must not take the serial port (and every later scan) down with it.
      console.error(`scanner ${this.id}: listener threw on ${event.type}:`, error);
    }
  }
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

/** Removes a configured prefix and suffix; AIM identifiers and GS separators inside stay as sent. */
export function stripAffixes(text: string, prefix = '', suffix = ''): string {
  let start = 0;
  let end = text.length;
  if (prefix && text.startsWith(prefix)) start = prefix.length;
  if (suffix && end - start >= suffix.length && text.endsWith(suffix)) end -= suffix.length;
  return text.slice(start, end);
}

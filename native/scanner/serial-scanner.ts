// One serial barcode scanner: frames the bytes of its port into scans. Opening the port, and
// reconnecting while the device is unplugged or not there yet, is ReconnectingPort's; like it, the
// scanner never throws into the caller's event loop.
import { performance } from 'node:perf_hooks';
import { ReconnectingPort, type ReconnectingPortOptions } from '../serial/reconnecting-port';
import { createFramer } from './framer';
import type { Framer, GarbageReason } from './framer';

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

/**
 * A protocol sharing the scanner's line, e.g. the scale of a scanner-scale (native/scale/magellan-scale):
 * it sees every frame first and hands back the label in it, or null for a frame that was its own.
 */
export interface LineProtocol {
  frame(text: string): string | null;
  /** The port opened (true) or went away (false). */
  lineStatus?(connected: boolean): void;
}

/** path, baudRate and the reconnect delays are the port's (ReconnectingPortOptions). */
export interface SerialScannerOptions extends ReconnectingPortOptions {
  id: string;
  maxFrameBytes?: number;
  /** Text the scanner is programmed to send before / after each code (e.g. a store ID); removed. */
  prefix?: string;
  suffix?: string;
  /** What else talks on this line; without one, every frame is a scan. */
  protocol?: LineProtocol;
}

/** Wall-clock milliseconds with sub-ms precision, comparable across processes (unlike performance.now). */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

export class SerialScanner {
  readonly id: string;
  readonly path: string;
  readonly baudRate: number;
  private readonly listener: ScannerListener;
  private readonly framer: Framer;
  private readonly affixes: { prefix?: string; suffix?: string };
  private readonly port: ReconnectingPort;
  private readonly protocol: LineProtocol | null;

  constructor(options: SerialScannerOptions, listener: ScannerListener) {
    this.id = options.id;
    this.path = options.path;
    this.baudRate = options.baudRate;
    this.listener = listener;
    this.framer = createFramer({ maxFrameBytes: options.maxFrameBytes ?? 4096 });
    this.affixes = { prefix: options.prefix, suffix: options.suffix };
    this.protocol = options.protocol ?? null;
    this.port = new ReconnectingPort(options, {
      // Half a scan left from before an unplug must not be glued to the first scan after it.
      opened: () => this.framer.reset(),
      data: (chunk) => this.onData(chunk),
      status: ({ connected, error }) => {
        this.protocol?.lineStatus?.(connected);
        this.emit({ type: 'status', scannerId: this.id, connected, error });
      },
    });
  }

  /** Writes to the scanner (a scale request); false when the port is not open. */
  write(text: string): boolean {
    const port = this.port.openPort;
    if (!port) return false;
    port.write(text);
    return true;
  }

  get connected(): boolean {
    return this.port.state.connected;
  }

  status(): ScannerStatus {
    return { scannerId: this.id, path: this.path, ...this.port.state };
  }

  /** Starts reading; if the device is missing it keeps trying until stop(). */
  start(): void {
    this.port.start();
  }

  /** Stops retrying and closes the port; resolves once the port is closed. */
  async stop(): Promise<void> {
    await this.port.stop();
    this.framer.reset(); // no half-read scan lingers while stopped (opened() resets again anyway)
  }

  // The scan path: framed and delivered synchronously, in the same tick the bytes arrived.
  private onData(chunk: Buffer): void {
    const receivedAt = preciseNow();
    for (const event of this.framer.push(chunk)) {
      if (event.kind === 'frame') {
        const label = this.protocol ? this.protocol.frame(event.text) : event.text;
        if (label === null) continue;
        const text = stripAffixes(label, this.affixes.prefix, this.affixes.suffix);
        if (text) this.emit({ type: 'scan', scannerId: this.id, text, receivedAt });
      } else {
        const bytes = Buffer.from(event.bytes.buffer, event.bytes.byteOffset, event.bytes.length).toString(
          'hex',
        );
        this.emit({ type: 'garbage', scannerId: this.id, bytes, reason: event.reason, detail: event.detail });
      }
    }
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

/** Removes a configured prefix and suffix; AIM identifiers and GS separators inside stay as sent. */
export function stripAffixes(text: string, prefix = '', suffix = ''): string {
  let start = 0;
  let end = text.length;
  if (prefix && text.startsWith(prefix)) start = prefix.length;
  if (suffix && end - start >= suffix.length && text.endsWith(suffix)) end -= suffix.length;
  return text.slice(start, end);
}

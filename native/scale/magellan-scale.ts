// The scale half of a Magellan scanner-scale on one serial line (./magellan.ts is the protocol).
// The line itself — opening, reconnecting, framing — is the scanner's (native/scanner/serial-scanner):
// the scanner hands every frame to `frame()`, which keeps the scale's answers and gives the scanner
// back its labels. While someone is weighing (`startPolling`), the scale is asked for its state every
// `pollMs`; an answer that does not come within `answerTimeoutMs` makes the state "not answering",
// and an unplugged line "disconnected". Like the scanner, it never throws into the caller's loop.
import { parseMagellanFrame, SCALE_MONITOR_REQUEST, type ScaleReading } from './magellan';

export type ScaleState = ScaleReading['status'] | 'not-answering' | 'disconnected';

export interface ScaleStatus {
  state: ScaleState;
  /** The stable weight in grams; null in every other state. */
  grams: number | null;
  /** When this state was last confirmed by the scale (ms, Date.now), or set by the line. */
  at: number;
}

/** The serial line the scale shares: the scanner's port. */
export interface ScaleLine {
  /** Writes to the port; false when it is not open (unplugged). */
  write(text: string): boolean;
}

export interface MagellanScaleOptions {
  pollMs?: number;
  answerTimeoutMs?: number;
}

export type ScaleListener = (status: ScaleStatus) => void;

export class MagellanScale {
  private readonly pollMs: number;
  private readonly answerTimeoutMs: number;
  private readonly listener: ScaleListener;
  private line: ScaleLine | null = null;
  private connected = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** When the unanswered request went out; null when none is waiting. */
  private askedAt: number | null = null;
  private current: ScaleStatus;
  /** The current state was said by the scale (or the line) since polling last started. */
  private confirmedNow = false;
  /** Malformed scale answers since start, for diagnosis (a wrong baud rate shows up here). */
  malformed = 0;

  constructor(options: MagellanScaleOptions, listener: ScaleListener) {
    this.pollMs = options.pollMs ?? 200;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 1000;
    this.listener = listener;
    this.current = { state: 'disconnected', grams: null, at: Date.now() };
  }

  get status(): ScaleStatus {
    return { ...this.current };
  }

  get polling(): boolean {
    return this.timer !== null;
  }

  /**
   * False from startPolling until the scale's first answer: the weight from the last weighing is
   * history, not what is on the scale now. That first answer is always reported, even if the same.
   */
  get confirmed(): boolean {
    return this.confirmedNow;
  }

  /** The port to ask on; given once the scanner that owns the line exists. */
  attach(line: ScaleLine): void {
    this.line = line;
  }

  /** One frame of the line: a scale answer is kept (null), a label goes back to the scanner. */
  frame(text: string): string | null {
    const parsed = parseMagellanFrame(text);
    if (parsed.kind === 'scan' || parsed.kind === 'bare') return parsed.text;
    if (parsed.kind === 'scale') {
      this.askedAt = null;
      const reading = parsed.reading;
      this.set(reading.status, reading.status === 'stable' ? reading.grams : null);
    } else if (parsed.kind === 'malformed') {
      this.malformed++;
    }
    return null;
  }

  /** The line opened or closed (the scanner's status). */
  lineStatus(connected: boolean): void {
    this.connected = connected;
    this.askedAt = null;
    if (!connected) this.set('disconnected', null);
    else if (this.polling) this.ask();
  }

  /** Asks the scale every pollMs until stopPolling; the first question goes out now. */
  startPolling(): void {
    if (this.timer) return;
    this.askedAt = null;
    this.confirmedNow = false;
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref?.();
    this.tick();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.askedAt = null;
  }

  private tick(): void {
    if (!this.connected) return;
    if (this.askedAt !== null) {
      if (Date.now() - this.askedAt < this.answerTimeoutMs) return;
      // Plugged in but silent: powered off behind its cable, or another device on the port.
      this.set('not-answering', null);
    }
    this.ask();
  }

  private ask(): void {
    if (!this.line?.write(SCALE_MONITOR_REQUEST)) return;
    this.askedAt = Date.now();
  }

  private set(state: ScaleState, grams: number | null): void {
    const changed = !this.confirmedNow || state !== this.current.state || grams !== this.current.grams;
    this.current = { state, grams, at: Date.now() };
    this.confirmedNow = true;
    if (!changed) return;
    try {
      this.listener(this.status);
    } catch (error) {
      console.error('scale: listener threw:', error);
    }
  }
}

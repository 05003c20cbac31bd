// The terminal's scale: the Magellan scale on the scanner-scale's line, its readings judged against the
// store's minimum weight and sent to every screen as `scale.reading` events.
import { MagellanScale, type ScaleStatus } from '../../native/scale/magellan-scale';
import type { SerialScannerOptions } from '../../native/scanner/serial-scanner';
import type { ScaleReadingView } from '../api/contract';
import type { EventHub } from '../events';
import type { ScaleSettings } from './scale-settings';

interface ScannerLine {
  path: string;
  write(text: string): boolean;
}

export interface TerminalScale {
  readonly settings: ScaleSettings;
  /** The scanner-scale's port: a scanner to open with the scale on its line, if none names it yet. */
  scannerPort(configured: readonly { path: string }[]): { path: string; baudRate: number } | null;
  /** For the scanner that opens `path`: the scale's side of the line, and the line's framing. */
  lineFor(path: string): Pick<SerialScannerOptions, 'protocol' | 'dataBits' | 'parity' | 'stopBits'>;
  /** Gives the scale its port to write to, once the scanners exist. */
  attach(scanners: readonly ScannerLine[]): void;
  reading(): ScaleReadingView;
  /** The reading, if it is a sellable weight confirmed by the scale within the last answer window. */
  sellableGrams(): number | null;
  /** Polls the scale for WEIGH_LEASE_MS from now (a renewal starts the lease again). */
  startPolling(): void;
  stopPolling(): void;
  /** Hears when a weighing opens (polling starts) and ends (stopped, sold, or its lease ran out). */
  onWeighing(listener: (open: boolean) => void): () => void;
}

/**
 * How long one scale.weigh keeps the scale polled. The weigh screen renews it while open; a screen
 * that went away without scale.stop (a reload, a crash) leaves the line to the scanner after this.
 */
export const WEIGH_LEASE_MS = 90_000;

export function createTerminalScale(settings: ScaleSettings, events: EventHub): TerminalScale {
  let lease: ReturnType<typeof setTimeout> | null = null;
  const endLease = () => {
    if (lease) clearTimeout(lease);
    lease = null;
  };
  const weighingListeners = new Set<(open: boolean) => void>();
  const tell = (open: boolean) => {
    for (const listener of weighingListeners) listener(open);
  };
  const stop = () => {
    const was = scale.polling;
    scale.stopPolling();
    if (was) tell(false);
  };
  const toView = (status: ScaleStatus): ScaleReadingView => readingView(status, settings.minimumWeightGrams);
  const scale = new MagellanScale(
    { pollMs: settings.pollMs, answerTimeoutMs: settings.answerTimeoutMs },
    (status) => events.emit({ type: 'scale.reading', reading: toView(status) }),
  );
  return {
    settings,
    scannerPort: (configured) =>
      configured.some((s) => s.path === settings.path)
        ? null
        : { path: settings.path, baudRate: settings.baudRate },
    lineFor: (path) =>
      path === settings.path
        ? {
            protocol: scale,
            dataBits: settings.dataBits,
            parity: settings.parity,
            stopBits: settings.stopBits,
          }
        : {},
    attach(scanners) {
      const line = scanners.find((s) => s.path === settings.path);
      if (line) scale.attach({ write: (text) => line.write(text) });
    },
    // A weight the scale has not confirmed since this weighing began is shown as "wait", not sold.
    reading: () =>
      scale.confirmed || scale.status.grams === null
        ? toView(scale.status)
        : { state: 'motion', grams: null },
    sellableGrams() {
      const status = scale.status;
      const fresh = Date.now() - status.at <= settings.answerTimeoutMs + settings.pollMs;
      const view = toView(status);
      return view.state === 'stable' && fresh && scale.polling && scale.confirmed ? view.grams : null;
    },
    startPolling() {
      endLease();
      lease = setTimeout(stop, WEIGH_LEASE_MS);
      lease.unref();
      const was = scale.polling;
      scale.startPolling();
      if (!was) tell(true);
    },
    stopPolling() {
      endLease();
      stop();
    },
    onWeighing(listener) {
      weighingListeners.add(listener);
      return () => weighingListeners.delete(listener);
    },
  };
}

/** A stable weight under the store's minimum sells nothing: it is shown as too light. */
export function readingView(status: ScaleStatus, minimumWeightGrams: number): ScaleReadingView {
  if (status.state === 'stable' && status.grams !== null)
    return { state: status.grams < minimumWeightGrams ? 'too-light' : 'stable', grams: status.grams };
  return { state: status.state, grams: null };
}

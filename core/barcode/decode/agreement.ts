// A camera misreads a 1D code now and then (a blurred bar turns one digit into another with a valid
// check digit), and a misread must never put an item in the basket. So a 1D read counts only once
// enough frames in a short window agree on it; 2D codes correct their own errors and pass at once.
import { isErrorCorrected, type DecodedBarcode } from './types';

export interface AgreementOptions {
  /** Frames that must read the same 1D code within the window; 2 by default. */
  required1D?: number;
  /** How far back agreeing reads count, in ms; 1000 by default. */
  windowMs?: number;
  /**
   * A code once accepted is not accepted again until it has been out of sight this long (ms): it stays
   * in front of the camera for many frames, but it is one item. Defaults to windowMs.
   */
  holdMs?: number;
  /** The clock, injectable for tests. */
  now?: () => number;
}

export interface AgreementFilter {
  /** Feeds the codes read in one frame; returns the codes accepted by this frame (usually none). */
  push(frame: readonly DecodedBarcode[]): DecodedBarcode[];
  /** Forgets every read, e.g. when the camera view closes. */
  reset(): void;
}

/** A filter for a camera stream that lets through only codes the agreement rule accepts. */
export function createAgreementFilter(options: AgreementOptions = {}): AgreementFilter {
  const required = Math.max(1, options.required1D ?? 2);
  const windowMs = options.windowMs ?? 1000;
  const holdMs = options.holdMs ?? windowMs;
  const now = options.now ?? (() => Date.now());
  const reads = new Map<string, number[]>(); // code → times of the frames that read it
  const accepted = new Map<string, number>(); // code → when it was last seen since its acceptance

  return {
    push(frame) {
      const at = now();
      for (const [key, lastSeen] of accepted) if (at - lastSeen >= holdMs) accepted.delete(key);
      for (const [key, times] of reads) {
        const recent = times.filter((t) => at - t < windowMs);
        if (recent.length) reads.set(key, recent);
        else reads.delete(key);
      }
      const out: DecodedBarcode[] = [];
      const inFrame = new Set<string>(); // one frame is one vote, however often it holds the code
      for (const barcode of frame) {
        const key = `${barcode.format}\u0000${barcode.text}\u0000${barcode.addOn ?? ''}`;
        if (inFrame.has(key)) continue;
        inFrame.add(key);
        if (accepted.has(key)) {
          accepted.set(key, at);
          continue;
        }
        const times = [...(reads.get(key) ?? []), at];
        reads.set(key, times);
        if (isErrorCorrected(barcode.format) || times.length >= required) {
          accepted.set(key, at);
          reads.delete(key);
          out.push(barcode);
        }
      }
      return out;
    },
    reset() {
      reads.clear();
      accepted.clear();
    },
  };
}

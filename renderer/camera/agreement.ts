// A camera sees a code many times a second and a 1D code can be misread from a blurred frame.
// A false read must never put an item in the basket, so a 1D code counts only when enough frames
// agree within a short window; 2D codes (QR, DataMatrix) carry their own error correction and
// count at once. The same code is not accepted again until it has left the picture for a while.

const TWO_D = new Set(['QRCode', 'MicroQRCode', 'DataMatrix', 'Aztec', 'PDF417']);

export interface AgreementOptions {
  /** Agreeing reads a 1D code needs. */
  required1D?: number;
  /** How far apart those reads may be. */
  windowMs?: number;
  /** How long an accepted code is ignored, so holding it up does not add it twice. */
  repeatAfterMs?: number;
}

/** Feeds reads in; returns the text of a code when it is accepted. */
export function createAgreementFilter(options: AgreementOptions = {}) {
  const required = options.required1D ?? 2;
  const windowMs = options.windowMs ?? 1500;
  const repeatAfterMs = options.repeatAfterMs ?? 2500;
  const sightings = new Map<string, number[]>();
  const accepted = new Map<string, number>();

  return function read(text: string, format: string, atMs: number): string | null {
    const key = `${format}\u0000${text}`;
    const last = accepted.get(key);
    if (last !== undefined && atMs - last < repeatAfterMs) {
      accepted.set(key, atMs); // still in view: keep ignoring it
      return null;
    }
    const recent = (sightings.get(key) ?? []).filter((t) => atMs - t <= windowMs);
    recent.push(atMs);
    sightings.set(key, recent);
    if (!TWO_D.has(format) && recent.length < required) return null;
    sightings.delete(key);
    accepted.set(key, atMs);
    return text;
  };
}

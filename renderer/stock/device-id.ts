// A handheld's own device name: each browser that opens the stock screen keeps one (in localStorage),
// sent with every count line and adjustment, so two handhelds counting through one terminal are two
// devices at HQ (the same item in the same location from both goes to review rather than being summed).
// The terminal's own screen sends none: the terminal itself is that device.

const KEY = 'openlane.stock.device';
/** What the backend accepts as a device (services/api/stock-schemas.ts), in the shape this screen makes. */
const SHAPE = /^handheld-[0-9a-f]{4,8}$/;

/** The subset of Storage this needs (a test passes a Map-backed one). */
export interface DeviceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A new device name from random bytes: `handheld-` and 8 hex digits (4 bytes). */
export function newDeviceId(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(4));
  return `handheld-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * This browser's device name: the one it kept, or a new one kept from now on. A kept value of another
 * shape (edited by hand, an older build) is replaced rather than sent and refused. Storage that throws
 * (private mode, disabled) still gives a name, for this page's life.
 */
export function handheldDeviceId(
  storage: DeviceStorage | null,
  random: (bytes: Uint8Array) => Uint8Array,
): string {
  let kept: string | null = null;
  try {
    kept = storage?.getItem(KEY) ?? null;
  } catch {
    kept = null;
  }
  if (kept && SHAPE.test(kept)) return kept;
  const made = newDeviceId(random);
  try {
    storage?.setItem(KEY, made);
  } catch {
    // Not kept: the name lasts as long as this page.
  }
  return made;
}

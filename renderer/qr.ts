// QR codes drawn as one SVG path: error correction M and the standard 4-module quiet zone, so
// phone cameras read them from a glossy screen. Synchronous, so the code appears with the screen.
import QRCode from 'qrcode';

export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side including the quiet zone. */
  size: number;
  /** Dark modules, row by row, quiet zone included (true = dark). */
  isDark(x: number, y: number): boolean;
  /** SVG path data with one 1×1 square per dark module, in module units. */
  path: string;
}

/** Encodes text at error correction level M and returns its modules with the quiet zone. */
export function qrMatrix(text: string): QrMatrix {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const inner = code.modules.size;
  const size = inner + 2 * QUIET_ZONE;
  const isDark = (x: number, y: number) => {
    const cx = x - QUIET_ZONE;
    const cy = y - QUIET_ZONE;
    if (cx < 0 || cy < 0 || cx >= inner || cy >= inner) return false;
    return Boolean(code.modules.get(cy, cx));
  };
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    // Runs of dark modules become one rectangle: far fewer path commands than one per module.
    let x = 0;
    while (x < size) {
      if (!isDark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && isDark(x, y)) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, isDark, path: parts.join('') };
}

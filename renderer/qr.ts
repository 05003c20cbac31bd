// QR codes drawn as one SVG path: error correction M and the standard 4-module quiet zone, so
// phone cameras read them from a glossy screen. Synchronous, so the code appears with the screen.
//
// Always one byte-mode segment: a wallet reads payment payloads (EMVCo, URLs) as bytes, and a
// mixed-mode encoding that switches to numeric or kanji mid-payload trips some of them. Text that
// is not plain ASCII (a merchant name in 中文 in EMV's language template) is UTF-8, announced by the
// UTF-8 ECI (26), so no reader has to guess the character set; ASCII needs no ECI and gets none.
import { Byte, Charset, Encoder } from '@nuintun/qrcode';

export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side including the quiet zone. */
  size: number;
  /** Dark modules, row by row, quiet zone included (true = dark). */
  isDark(x: number, y: number): boolean;
  /** SVG path data with one 1×1 square per dark module, in module units. */
  path: string;
}

const encoder = new Encoder({ level: 'M' });
const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

/** Encodes text at error correction level M and returns its modules with the quiet zone. */
export function qrMatrix(text: string): QrMatrix {
  const code = encoder.encode(new Byte(text, isAscii(text) ? Charset.ISO_8859_1 : Charset.UTF_8));
  const inner = code.size;
  const size = inner + 2 * QUIET_ZONE;
  const isDark = (x: number, y: number) => {
    const cx = x - QUIET_ZONE;
    const cy = y - QUIET_ZONE;
    if (cx < 0 || cy < 0 || cx >= inner || cy >= inner) return false;
    return code.get(cx, cy) === 1;
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

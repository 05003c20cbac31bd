import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrMatrix } from './qr';

/** Paints the matrix at `scale` pixels per module into RGBA, the way the screen shows it. */
function paint(text: string, scale: number) {
  const m = qrMatrix(text);
  const px = m.size * scale;
  const data = new Uint8ClampedArray(px * px * 4);
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      const v = m.isDark(Math.floor(x / scale), Math.floor(y / scale)) ? 0 : 255;
      data.set([v, v, v, 255], (y * px + x) * 4);
    }
  }
  return { m, px, data };
}

describe('QR codes on screen', () => {
  it('decode back to the exact payment payload and e-receipt URL', () => {
    for (const text of [
      'http://127.0.0.1:5180/pay/OL1732269000?amount=28859',
      'https://r.example/r/S001-K01-000123',
    ]) {
      const { px, data } = paint(text, 4);
      expect(jsQR(data, px, px)?.data).toBe(text);
    }
  });

  it('are one byte-mode segment, with the UTF-8 ECI only when the text is not ASCII', () => {
    // A URL full of digits would tempt a mixed-mode encoder into numeric segments; we want bytes.
    const ascii = paint('https://r.example/r/S001-K01-000123?p=0000000000001234', 4);
    const plain = jsQR(ascii.data, ascii.px, ascii.px)!;
    expect(plain.chunks.map((c) => c.type)).toEqual(['byte']);

    // An EMVCo payload whose language template (64) carries the merchant's name in Chinese.
    const emv =
      '00020101021252045411530315654041.005802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京6304ABCD';
    const { px, data } = paint(emv, 4);
    const read = jsQR(data, px, px)!;
    expect(read.chunks[0]).toMatchObject({ type: 'eci', assignmentNumber: 26 });
    expect(read.chunks.slice(1).map((c) => c.type)).toEqual(['byte']);
    expect(new TextDecoder().decode(new Uint8Array(read.binaryData))).toBe(emv);
  });

  it('keep a white quiet zone of 4 modules on every side', () => {
    const m = qrMatrix('quiet zone');
    for (let i = 0; i < m.size; i++) {
      for (let q = 0; q < QUIET_ZONE; q++) {
        expect([
          m.isDark(i, q),
          m.isDark(q, i),
          m.isDark(i, m.size - 1 - q),
          m.isDark(m.size - 1 - q, i),
        ]).toEqual([false, false, false, false]);
      }
    }
    // The finder pattern starts right after the quiet zone.
    expect(m.isDark(QUIET_ZONE, QUIET_ZONE)).toBe(true);
  });

  it('draws every dark module into the SVG path and nothing else', () => {
    const m = qrMatrix('path');
    let dark = 0;
    for (let y = 0; y < m.size; y++) for (let x = 0; x < m.size; x++) if (m.isDark(x, y)) dark++;
    const runs = [...m.path.matchAll(/M\d+ \d+h(\d+)/g)].reduce((sum, r) => sum + Number(r[1]), 0);
    expect(runs).toBe(dark);
  });
});

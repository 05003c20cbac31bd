// Reading ESC/POS bytes the way a printer would, for tests: the QR codes stored with GS ( k, the
// cut, and the text as a Chinese printer in GB18030 mode shows it (decoded by the platform's own
// WHATWG GB18030 decoder, not by the library that encoded it).

export const ESC_INIT = [0x1b, 0x40];
export const FS_CHINESE_MODE = [0x1c, 0x26];

/** Where `needle` first occurs in `bytes` from `from` on, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: ArrayLike<number>, from = 0): number {
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The data of every QR code stored in the printer's symbol buffer: GS ( k pL pH cn=49 fn=80 m=48 d…,
 * where pL + 256·pH counts cn, fn and m too, so the data is that length less three.
 */
export function storedQrCodes(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (
    let at = indexOfBytes(bytes, [0x1d, 0x28, 0x6b]);
    at >= 0;
    at = indexOfBytes(bytes, [0x1d, 0x28, 0x6b], at + 1)
  ) {
    const length = bytes[at + 3]! + 256 * bytes[at + 4]!;
    const [cn, fn, m] = [bytes[at + 5], bytes[at + 6], bytes[at + 7]];
    if (cn !== 0x31 || fn !== 0x50 || m !== 0x30) continue;
    if (at + 5 + length > bytes.length)
      throw new Error(`GS ( k at ${at} claims ${length} bytes past the end`);
    found.push(Buffer.from(bytes.subarray(at + 8, at + 5 + length)).toString('latin1'));
  }
  return found;
}

/** Whether the bytes ask the printer to print the stored QR code (GS ( k 3 0 49 81 48). */
export function printsQr(bytes: Uint8Array): boolean {
  return indexOfBytes(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]) >= 0;
}

/** Offset of the last cut command (GS V m, m = 0/1/48/49, or GS V 65/66 n), or -1. */
export function lastCut(bytes: Uint8Array): number {
  for (let i = bytes.length - 3; i >= 0; i--) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x56 && [0, 1, 48, 49, 65, 66].includes(bytes[i + 2]!))
      return i;
  }
  return -1;
}

/** The bytes read as GB18030 text; commands stay in as control characters. */
export function gb18030Text(bytes: Uint8Array): string {
  return new TextDecoder('gb18030').decode(bytes);
}

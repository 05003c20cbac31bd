/**
 * CRC-16/CCITT-FALSE as EMVCo MPM uses it (poly 0x1021, init 0xFFFF, no reflection, no final XOR),
 * computed over the UTF-8 bytes of the payload up to and including "6304".
 */

// One table lookup per byte instead of eight shifts; built once, pure.
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[byte] = crc & 0xffff;
  }
  return table;
})();

const UTF8 = new TextEncoder();

/** CRC-16/CCITT-FALSE of some bytes; "123456789" in ASCII gives 0x29B1. */
export function crc16CcittFalse(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!) & 0xffff;
  return crc;
}

/** The 4 upper-case hex digits of the CRC of `text` (which must end with "6304") as UTF-8. */
export function emvCrc(text: string): string {
  return crc16CcittFalse(UTF8.encode(text)).toString(16).toUpperCase().padStart(4, '0');
}

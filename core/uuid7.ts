/** UUIDv7 (RFC 9562): time-ordered ids made on the terminal, so events sort by creation and never collide. */

let lastMillis = -1;
let lastCounter = 0;

/** A new UUIDv7; within one millisecond a 12-bit counter keeps ids strictly increasing. */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  if (now <= lastMillis) {
    now = lastMillis;
    lastCounter++;
    if (lastCounter > 0xfff) {
      // Counter exhausted: borrow the next millisecond rather than lose ordering.
      now = ++lastMillis;
      lastCounter = 0;
    }
  } else {
    lastMillis = now;
    lastCounter = bytes[6]! & 0x07; // random start, leaving room to count upwards
  }
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((lastCounter >> 8) & 0x0f);
  bytes[7] = lastCounter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

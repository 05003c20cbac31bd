// Turns the raw byte stream of a serial barcode scanner into frames (one per scan).
// Pure: no I/O, no timers, so it behaves the same however the kernel splits the bytes.

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
/** GS1 group separator: scanners send it between variable-length AIs, so it belongs to the text. */
const GS = 0x1d;
const DEL = 0x7f;

export type GarbageReason = 'control-byte' | 'invalid-utf8' | 'too-long';

export type FrameEvent =
  | { kind: 'frame'; text: string }
  | { kind: 'garbage'; bytes: Uint8Array; reason: GarbageReason; detail: string };

export interface FramerOptions {
  /** Longest frame accepted; a longer run without a line end is reported as garbage and dropped. */
  maxFrameBytes?: number;
}

export interface Framer {
  /** Feeds bytes as they arrived; returns the frames and garbage they completed, in order. */
  push(chunk: Uint8Array): FrameEvent[];
  /** Bytes held waiting for a line end. */
  pendingBytes(): number;
  /** Forgets any partial frame (after a reconnect the old half-frame is meaningless). */
  reset(): void;
}

/** Creates a framer for CR, LF or CRLF terminated scanner output. */
export function createFramer(options: FramerOptions = {}): Framer {
  const maxFrameBytes = options.maxFrameBytes ?? 4096;
  if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1) {
    throw new RangeError(`maxFrameBytes must be a positive integer, got ${String(maxFrameBytes)}`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffer = new Uint8Array(Math.min(maxFrameBytes, 256));
  let length = 0;
  // The previous byte was CR: an LF right after it (even in the next chunk) completes CRLF.
  let afterCR = false;
  // An over-long run was reported; its tail up to the next line end is garbage too, not a frame.
  let resyncing = false;

  const append = (chunk: Uint8Array, start: number, end: number, out: FrameEvent[]): void => {
    while (start < end) {
      if (length === maxFrameBytes) {
        out.push(tooLong(buffer.slice(0, length), maxFrameBytes));
        length = 0;
        resyncing = true;
      }
      const take = Math.min(end - start, maxFrameBytes - length);
      if (length + take > buffer.length) {
        const grown = new Uint8Array(Math.min(maxFrameBytes, Math.max(buffer.length * 2, length + take)));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(chunk.subarray(start, start + take), length);
      length += take;
      start += take;
    }
  };

  const endFrame = (out: FrameEvent[]): void => {
    const bytes = buffer.slice(0, length);
    length = 0;
    if (resyncing) {
      resyncing = false;
      if (bytes.length > 0) out.push(tooLong(bytes, maxFrameBytes));
      return;
    }
    if (bytes.length === 0) return;
    out.push(classify(bytes, decoder));
  };

  return {
    push(chunk) {
      const out: FrameEvent[] = [];
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte !== CR && byte !== LF) continue;
        if (i > start) {
          append(chunk, start, i, out);
          afterCR = false;
        }
        start = i + 1;
        if (byte === LF && afterCR) {
          afterCR = false; // the LF of a CRLF: one terminator, not an empty frame
          continue;
        }
        afterCR = byte === CR;
        endFrame(out);
      }
      if (start < chunk.length) {
        afterCR = false;
        append(chunk, start, chunk.length, out);
      }
      return out;
    },
    pendingBytes: () => length,
    reset() {
      length = 0;
      afterCR = false;
      resyncing = false;
    },
  };
}

function tooLong(bytes: Uint8Array, maxFrameBytes: number): FrameEvent {
  return {
    kind: 'garbage',
    bytes,
    reason: 'too-long',
    detail: `no line end (CR or LF) within ${maxFrameBytes} bytes; dropped ${bytes.length} bytes`,
  };
}

function classify(bytes: Uint8Array, decoder: TextDecoder): FrameEvent {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if ((byte < 0x20 && byte !== TAB && byte !== GS) || byte === DEL) {
      return {
        kind: 'garbage',
        bytes,
        reason: 'control-byte',
        detail: `control byte 0x${hex2(byte)} at offset ${i} of a ${bytes.length}-byte frame`,
      };
    }
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      kind: 'garbage',
      bytes,
      reason: 'invalid-utf8',
      detail: `${bytes.length}-byte frame is not valid UTF-8`,
    };
  }
  // C1 controls (U+0080–U+009F) are line noise decoded as valid UTF-8, never barcode content.
  const c1 = text.search(/[\u0080-\u009f]/);
  if (c1 >= 0) {
    const code = text.charCodeAt(c1).toString(16).toUpperCase().padStart(4, '0');
    return { kind: 'garbage', bytes, reason: 'control-byte', detail: `control character U+${code} in frame` };
  }
  return { kind: 'frame', text };
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

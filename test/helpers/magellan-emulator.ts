// A Datalogic Magellan scanner-scale on the far end of a socat pty pair, playing the device by its
// documented "Single Cable" protocol (Datalogic KA-01089; see native/scale/magellan.ts): it answers
// the scale monitor request S14 with S140–S145 (S144 + five metric digits for a stable weight), the
// simple weight request S11 only when a stable weight is there, and sends scanned labels as S08 +
// label identifier + data. Written from the document, not from our parser, so the two check each other.
import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { startPtyPair, type PtyPair } from './socat';

/** What the scale has on it; `silent` is a scale that hears but never answers (powered off). */
export type EmulatedScale =
  | { state: 'stable'; grams: number }
  | { state: 'motion' | 'zero' | 'under-zero' | 'over-capacity' | 'zero-error' | 'silent' };

const STATUS_DIGIT = {
  'zero-error': '0',
  motion: '1',
  'over-capacity': '2',
  zero: '3',
  'under-zero': '5',
} as const;

export interface MagellanEmulator {
  readonly pty: PtyPair;
  /** The path the terminal opens. */
  readonly devicePath: string;
  set(scale: EmulatedScale): void;
  /** A label read by the scanner: EAN-13 is sent with identifier F, EAN-8 with FF. */
  scan(code: string): void;
  /** Raw bytes on the line, as a bad cable or a wrong baud rate would make them. */
  garbage(bytes: string | Uint8Array): void;
  /** How many weight requests the scale has heard. */
  requests(): number;
  /** The cable is pulled: socat goes, and with it both ends. */
  unplug(): Promise<void>;
  /** Plugged in again under the same path. */
  plugBack(): Promise<void>;
  close(): Promise<void>;
}

export async function startMagellanEmulator(dir: string, name = 'magellan'): Promise<MagellanEmulator> {
  const pty = await startPtyPair(dir, { deviceName: `${name}-dev`, hostName: `${name}-host` });
  let fd: number | null = null;
  let scale: EmulatedScale = { state: 'zero' };
  let pending = '';
  let heard = 0;

  const open = () => {
    fd = openSync(pty.hostPath, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  };
  const send = (bytes: string | Uint8Array) => {
    if (fd === null) return;
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
  };
  const answer = (command: string) => {
    if (command !== 'S14' && command !== 'S11') return;
    heard++;
    if (scale.state === 'silent') return;
    if (scale.state === 'stable') {
      const digits = String(scale.grams).padStart(5, '0');
      send(command === 'S14' ? `S144${digits}\r` : `S11${digits}\r`);
    } else if (command === 'S14') {
      send(`S14${STATUS_DIGIT[scale.state]}\r`);
    }
    // S11 without a stable weight: the scale holds its answer (we never send S11, so none is owed).
  };
  // The terminal's requests, read without blocking (a device has no one to wait on).
  const poll = setInterval(() => {
    if (fd === null) return;
    const chunk = Buffer.alloc(4096);
    for (;;) {
      let n = 0;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch {
        return; // EAGAIN: nothing more now; EIO: the line hung up (unplug() closes us)
      }
      if (n === 0) return;
      pending += chunk.subarray(0, n).toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r')) >= 0) {
        answer(pending.slice(0, end).replace(/^\n/, ''));
        pending = pending.slice(end + 1);
      }
    }
  }, 5);
  const close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
    pending = '';
  };

  open();
  return {
    pty,
    devicePath: pty.devicePath,
    set: (next) => void (scale = next),
    scan(code) {
      const id = code.length === 13 ? 'F' : code.length === 8 ? 'FF' : '';
      send(`S08${id}${code}\r`);
    },
    garbage: (bytes) => send(bytes),
    requests: () => heard,
    async unplug() {
      close();
      await pty.kill();
    },
    async plugBack() {
      await pty.restart();
      open();
    },
    async close() {
      clearInterval(poll);
      close();
      await pty.kill();
    },
  };
}

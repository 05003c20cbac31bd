// The printer's end of a socat pty pair: what a receipt printer would receive, read without blocking.
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { vi } from 'vitest';
import { lastCut } from './escpos';
import type { PtyPair } from './socat';

const WAIT = { timeout: 10_000, interval: 10 };

/**
 * The printer's side of the wire: reads whatever has arrived, without blocking. Opened fresh after
 * every replug, and closed before socat is killed (a read on a hung-up tty would only fail).
 */
export function printerSide(pty: PtyPair) {
  let fd: number | null = null;
  let received = Buffer.alloc(0);
  const take = (): Buffer => {
    fd ??= openSync(pty.hostPath, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    const chunk = Buffer.alloc(65_536);
    for (;;) {
      let n = 0;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw error;
      }
      if (n === 0) break;
      received = Buffer.concat([received, chunk.subarray(0, n)]);
    }
    return received;
  };
  const close = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    /** Opens the printer end now, so nothing sent from here on is missed. */
    open: () => void take(),
    /** Waits until a whole receipt (up to its cut) has arrived and returns the bytes, then forgets them. */
    async receipt(): Promise<Buffer> {
      const bytes = await vi.waitFor(() => {
        const now = take();
        if (lastCut(now) < 0) throw new Error(`no cut yet in ${now.length} bytes`);
        return now;
      }, WAIT);
      received = Buffer.alloc(0);
      return bytes;
    },
    close,
  };
}

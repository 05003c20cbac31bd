// The printer's end of a socat pty pair: what a receipt printer would receive, read without blocking.
import { closeSync, constants, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { lastCut } from './escpos';
import { startPtyPair, type PtyPair } from './socat';

const WAIT = { timeout: 10_000, interval: 10 };

/** Every byte waiting on a non-blocking fd, without waiting for more. */
export function readWaiting(fd: number): Buffer {
  const chunks: Buffer[] = [];
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
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/**
 * The printer's side of the wire: reads whatever has arrived, without blocking. Opened fresh after
 * every replug, and closed before socat is killed (a read on a hung-up tty would only fail).
 */
export function printerSide(pty: PtyPair) {
  let fd: number | null = null;
  let received = Buffer.alloc(0);
  const take = (): Buffer => {
    fd ??= openSync(pty.hostPath, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    received = Buffer.concat([received, readWaiting(fd)]);
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

/**
 * A receipt printer on a socat pty in `dir`, its far end open to read what it prints, and a
 * settings.json in `dataDir` (the demo store's) that names it. The caller closes both.
 */
export async function printerOnPty(dir: string, dataDir: string) {
  const pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  const printer = printerSide(pty);
  printer.open();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, printer: { path: pty.devicePath } }),
  );
  return { pty, printer };
}

// A receipt printer with a cash drawer on its kick-out connector, played on the far end of a socat pty:
// it keeps every byte it receives, opens its drawer on each ESC p pulse (unless jammed), and answers
// DLE EOT 1 (printer status) as an Epson TM does: bits 1 and 4 set, bit 2 = the drawer switch on pin 3
// (high while the drawer is open, as the terminal's default `openLevel: 'high'` reads it).
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { indexOfBytes } from './escpos';
import { readWaiting } from './printer-side';
import type { PtyPair } from './socat';

const DLE_EOT_1 = [0x10, 0x04, 0x01];
const ESC_P = [0x1b, 0x70];

export interface DrawerPrinter {
  /** Everything received so far. */
  received(): Buffer;
  /** The ESC p pulses received so far, each as its 5 bytes. */
  pulses(): number[][];
  /** The drawer's switch: open after a pulse, until shut by hand. */
  drawerOpen: boolean;
  /** A jammed drawer stays shut whatever pulse comes. */
  jammed: boolean;
  close(): void;
}

/** Starts answering on `pty.hostPath`; polls every 5 ms until close(). */
export function drawerPrinter(pty: PtyPair): DrawerPrinter {
  const fd = openSync(pty.hostPath, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  let received = Buffer.alloc(0);
  /** Where the next command search starts, so each command is acted on once. */
  let scanned = 0;
  const printer: DrawerPrinter = {
    received: () => received,
    pulses() {
      const found: number[][] = [];
      for (let at = indexOfBytes(received, ESC_P); at >= 0; at = indexOfBytes(received, ESC_P, at + 1))
        found.push([...received.subarray(at, at + 5)]);
      return found;
    },
    drawerOpen: false,
    jammed: false,
    close() {
      clearInterval(timer);
      closeSync(fd);
    },
  };
  const poll = (): void => {
    received = Buffer.concat([received, readWaiting(fd)]);
    // Act on commands in the order they came: a pulse before a status request shows in its answer.
    for (;;) {
      const pulse = indexOfBytes(received, ESC_P, scanned);
      const status = indexOfBytes(received, DLE_EOT_1, scanned);
      const next = [pulse, status].filter((i) => i >= 0).sort((a, b) => a - b)[0];
      if (next === undefined) break;
      if (next === pulse) {
        if (received.length < pulse + 5) break;
        if (!printer.jammed) printer.drawerOpen = true;
        scanned = pulse + 5;
      } else {
        writeSync(fd, Uint8Array.of(0x12 | (printer.drawerOpen ? 0x04 : 0)));
        scanned = status + 3;
      }
    }
  };
  const timer = setInterval(poll, 5);
  return printer;
}

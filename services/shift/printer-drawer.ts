// The cash drawer on the receipt printer's kick-out connector: opened by the ESC/POS pulse (ESC p) sent
// in the printer's queue, and watched through the printer's real-time status (DLE EOT 1), whose bit 2 is
// the connector's pin 3 — the drawer's open/shut switch. After each kick the drawer is asked about once
// the pulse has had time to work: a drawer that still reads shut is reported as `stayed_shut`, so a
// drawer that silently stays shut shows on the counter.
import type { DrawerStatusView } from '../api/shift-contract';
import type { CashDrawer, DrawerReason } from '../checkout/context';
import type { EventHub } from '../events';
import { drawerPulseBytes } from '../receipts/escpos';
import type { DrawerSettings } from '../receipts/printer-settings';

/** DLE EOT 1: "transmit printer status", answered at once, ahead of anything queued. */
export const DLE_EOT_PRINTER_STATUS = Uint8Array.of(0x10, 0x04, 0x01);

/** A printer status byte has bits 1 and 4 set and bits 0 and 7 clear; anything else is not one. */
export function isPrinterStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

export interface PrinterDrawer extends CashDrawer {
  status(): DrawerStatusView;
  /** Asks the printer for the drawer's state now; the answer comes as a `drawer.status` event. */
  refresh(): void;
  /** The printer's bytes, as they arrive. */
  onData(chunk: Buffer): void;
  close(): void;
}

export interface PrinterDrawerOptions {
  settings: DrawerSettings;
  send: (bytes: Uint8Array, what: string) => Promise<{ ok: boolean }>;
  events: EventHub;
  /** How long after a kick the drawer is expected to read open; by default the pulse's on + off time. */
  settleMs?: number;
}

export function createPrinterDrawer(options: PrinterDrawerOptions): PrinterDrawer {
  const { settings, send, events } = options;
  const pulse = drawerPulseBytes(settings);
  const settleMs = options.settleMs ?? settings.onMs + settings.offMs;
  let view: DrawerStatusView = { state: 'unknown', lastReason: null };
  /** Set between a kick and the status read that follows it. */
  let kicked = false;
  let timer: NodeJS.Timeout | null = null;

  const update = (next: DrawerStatusView): void => {
    if (next.state === view.state && next.lastReason === view.lastReason) return;
    view = next;
    events.emit({ type: 'drawer.status', drawer: view });
  };
  const ask = (): void => void send(DLE_EOT_PRINTER_STATUS, 'the drawer status request');

  return {
    open(reason: DrawerReason) {
      kicked = true;
      update({ state: view.state === 'stayed_shut' ? 'unknown' : view.state, lastReason: reason });
      void send(pulse, `the drawer pulse (${reason})`).then((sent) => {
        if (!sent.ok) {
          kicked = false;
          update({ state: 'stayed_shut', lastReason: reason });
          return;
        }
        if (timer) clearTimeout(timer);
        timer = setTimeout(ask, settleMs);
      });
    },
    status: () => view,
    refresh: ask,
    onData(chunk) {
      // The last status byte in the chunk is the freshest answer; other bytes (ASB, XOFF) are not ours.
      const byte = [...chunk].reverse().find(isPrinterStatusByte);
      if (byte === undefined) return;
      const high = (byte & 0b0000_0100) !== 0;
      const open = high === (settings.openLevel === 'high');
      const state = open ? 'open' : kicked ? 'stayed_shut' : 'closed';
      kicked = false;
      update({ state, lastReason: view.lastReason });
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

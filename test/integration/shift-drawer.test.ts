// The counter's cash drawer and Z report on a real receipt printer port: a socat pseudo-terminal whose
// far end plays an ESC/POS printer with a drawer on its kick-out connector (test/helpers/drawer-printer).
// Pay-ins, pay-outs and no-sales kick the drawer with ESC p through the printer; the drawer's switch is
// read back with DLE EOT 1, and a drawer that stays shut shows; the Z report comes out on the paper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, TerminalEvent } from '../../services/api/contract';
import { createCheckoutContext, type CheckoutContext } from '../../services/checkout/context';
import { createEventHub } from '../../services/events';
import type { PrinterSettings } from '../../services/receipts/printer-settings';
import { startTerminalPrinting, type TerminalPrinting } from '../../services/receipts/terminal-printing';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { startCounterShift, type CounterShift } from '../../services/shift/shift-handlers';
import { hashPin } from '../../services/staff/pin';
import { ATTENDANT_PIN } from '../helpers/attendant';
import { drawerPrinter, type DrawerPrinter } from '../helpers/drawer-printer';
import { gb18030Text, lastCut } from '../helpers/escpos';
import { insertCounterSale } from '../helpers/shift-sales';
import { startPtyPair, type PtyPair } from '../helpers/socat';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-db';

const WAIT = { timeout: 10_000, interval: 10 };
/** ESC p 0 25 250: pin 2, 50 ms on, 500 ms off (the default pulse). */
const PULSE = [0x1b, 0x70, 0x00, 25, 250];
const PIN_HASH = hashPin(ATTENDANT_PIN, { N: 1024, r: 8, p: 1 });

let dir: string;
let temp: TempDatabase;
let pty: PtyPair;
let paper: DrawerPrinter;
let printing: TerminalPrinting;
let shift: CounterShift;
let ctx: CheckoutContext;
let events: TerminalEvent[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-drawer-'));
  temp = openTempDatabase();
  pty = await startPtyPair(dir, { deviceName: 'printer', hostName: 'paper' });
  paper = drawerPrinter(pty);
  const printer: PrinterSettings = { path: pty.devicePath, baudRate: 9600, columns: 42, encoding: 'gb18030' };
  const hub = createEventHub();
  events = [];
  hub.subscribe((event) => events.push(event));
  ctx = createCheckoutContext(
    temp.db,
    {
      ...DEFAULT_SETTINGS,
      storeId: 'S001',
      terminalId: 'C01',
      role: 'counter',
      printer,
      attendants: [
        { id: 'C01', name: 'Wang Fang', badge: 'STAFF-C01X', pinHash: PIN_HASH, role: 'cashier' },
        { id: 'S01', name: 'Zhao Lei', badge: 'STAFF-S01X', pinHash: PIN_HASH, role: 'supervisor' },
      ],
    },
    hub,
  );
  ctx.duty.current = { id: 'C01', name: 'Wang Fang', role: 'cashier' };
  printing = startTerminalPrinting(temp.db, printer, hub, {
    retryMinMs: 20,
    retryMaxMs: 100,
    onData: (chunk) => shift.onPrinterData(chunk),
  });
  shift = startCounterShift(ctx, printer, printing.send);
  await vi.waitFor(() => {
    if (!events.some((e) => e.type === 'printer.status' && e.printer.connected)) throw new Error('not yet');
  }, WAIT);
});

afterEach(async () => {
  shift.close();
  await printing.close();
  paper.close();
  await pty.kill();
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const drawerStates = () => events.flatMap((e) => (e.type === 'drawer.status' ? [e.drawer.state] : []));

describe('the cash drawer on the receipt printer', () => {
  it('opening the shift kicks nothing; a pay-out kicks ESC p and the drawer reads open', async () => {
    const api = shift.handlers;
    value(await api['shift.open']({ counts: { '10000': 2 } }));
    value(await api['shift.payOut']({ amount: 1200, reason: 'window cleaner' }));
    await expect.poll(() => paper.pulses()).toEqual([PULSE]);
    await expect.poll(drawerStates).toContain('open');
    expect(value(await api['drawer.status']({}))).toEqual({ state: 'open', lastReason: 'pay_out' });
  });

  it('a drawer that stays shut after a no-sale kick shows as stayed_shut', async () => {
    const api = shift.handlers;
    value(await api['shift.open']({ counts: { '10000': 2 } }));
    paper.jammed = true;
    value(await api['shift.noSale']({ reason: 'change for a note' }));
    await expect.poll(() => paper.pulses()).toHaveLength(1);
    await expect.poll(drawerStates).toContain('stayed_shut');
    expect(value(await api['drawer.status']({}))).toMatchObject({
      state: 'stayed_shut',
      lastReason: 'no_sale',
    });
  });

  it('a pulse per cash event, then the Z report printed with its figures and approver', async () => {
    const api = shift.handlers;
    const opened = value(await api['shift.open']({ counts: { '10000': 2 } }));
    insertCounterSale(temp.db, {
      shiftId: opened.id,
      total: 8750,
      tenders: [{ kind: 'cash', amount: 8750, tendered: 10_000 }],
    });
    ctx.drawer.open('cash_tender');
    value(await api['shift.payIn']({ amount: 5000, reason: 'change from the bank' }));
    value(await api['shift.payOut']({ amount: 1200, reason: 'window cleaner' }));
    value(await api['shift.noSale']({ reason: 'change for a note' }));
    await expect.poll(() => paper.pulses()).toEqual([PULSE, PULSE, PULSE, PULSE]);
    // Expected 200 + 87.50 + 50 − 12 = 325.50; counted 324.50: 1.00 short, within the cashier's 5.00.
    const counts = { '10000': 3, '2000': 1, '100': 4, '50': 1 };
    const z = value(await api['shift.close']({ counts }));
    expect(z).toMatchObject({ number: 1, printed: true, figures: { count: { difference: -100 } } });
    const text = await vi.waitFor(() => {
      const bytes = paper.received();
      if (lastCut(bytes) < 0) throw new Error('no cut yet');
      return gb18030Text(bytes);
    }, WAIT);
    expect(text).toContain('Z REPORT 1');
    expect(text).toMatch(/Sales \(1\) +87\.50/);
    expect(text).toMatch(/Pay-ins \(1\) +50\.00/);
    expect(text).toMatch(/Pay-outs \(1\) +12\.00/);
    expect(text).toMatch(/No-sale openings +1/);
    expect(text).toMatch(/Expected cash CNY +325\.50/);
    expect(text).toMatch(/Counted cash CNY +324\.50/);
    expect(text).toMatch(/Difference \(short\) +-1\.00/);
    expect(text).toMatch(/Approved by +-/);
    // Closing kicks no drawer: the cash was counted out of it.
    expect(paper.pulses()).toHaveLength(4);
  });
});

// `openlane shift report` and the Z check of `openlane journal verify`, on a terminal store written by
// the counter's shift service (real SQLite in a data directory, as the terminal leaves it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckoutContext } from '../../services/checkout/context';
import { createEventHub } from '../../services/events';
import { DEFAULT_SETTINGS, type Settings } from '../../services/settings';
import { createShiftService, type ShiftService } from '../../services/shift/shift-service';
import { hashPin } from '../../services/staff/pin';
import { openTerminalStore, type TerminalStore } from '../../services/store';
import { ATTENDANT_PIN } from '../../test/helpers/attendant';
import { insertCounterSale } from '../../test/helpers/shift-sales';
import { journalCommand } from './journal';
import { shiftCommand } from './shift';

const PIN_HASH = hashPin(ATTENDANT_PIN, { N: 1024, r: 8, p: 1 });
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  storeId: 'S001',
  terminalId: 'C01',
  role: 'counter',
  attendants: [
    { id: 'C01', name: 'Wang Fang', badge: 'STAFF-C01X', pinHash: PIN_HASH, role: 'cashier' },
    { id: 'S01', name: 'Zhao Lei', badge: 'STAFF-S01X', pinHash: PIN_HASH, role: 'supervisor' },
  ],
};

let dir: string;
let store: TerminalStore;
let service: ShiftService;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openlane-shift-cli-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(SETTINGS));
  store = openTerminalStore(dir);
  const ctx = createCheckoutContext(store.db, store.settings, createEventHub());
  ctx.duty.current = { id: 'C01', name: 'Wang Fang', role: 'cashier' };
  service = createShiftService(ctx);
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
});
afterEach(() => {
  vi.restoreAllMocks();
  if (store.db.open) store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** ¥200 float, a 87.50 cash sale (100 handed over), a 25.00 QR sale, a 12.00 pay-out. */
function dayOfShift(): string {
  const opened = service.open({ '10000': 1, '5000': 1, '2000': 2, '1000': 1 });
  if (!opened.ok) throw new Error(opened.error.message);
  const shiftId = opened.value.id;
  insertCounterSale(store.db, {
    shiftId,
    total: 8750,
    tenders: [{ kind: 'cash', amount: 8750, tendered: 10_000 }],
  });
  insertCounterSale(store.db, { shiftId, total: 2500, tenders: [{ kind: 'merchant_qr', amount: 2500 }] });
  service.payOut(1200, 'window cleaner');
  return shiftId;
}

describe('openlane shift report', () => {
  it('prints the X report of the open shift: sales, tenders, float, pay-out and the expected cash', async () => {
    dayOfShift();
    expect(await shiftCommand(['report', '--data', dir])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('X REPORT - SHIFT STILL OPEN');
    expect(text).toMatch(/Sales \(2\) +112\.50/);
    expect(text).toMatch(/ {2}Cash +87\.50/);
    expect(text).toMatch(/ {2}Merchant QR +25\.00/);
    expect(text).toMatch(/Pay-outs \(1\) +12\.00/);
    expect(text).toMatch(/Expected cash CNY +275\.50/);
    expect(text).not.toContain('Counted');
  });

  it('--z N --json: Z report N as closed, with counted cash, difference and the approver', async () => {
    dayOfShift();
    // Expected 275.50; counted 245.50: 30.00 short, over the cashier's 5.00.
    const counts = { '10000': 2, '2000': 2, '500': 1, '50': 1 };
    expect(service.close(counts)).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    expect(service.close(counts, { badge: 'STAFF-S01X', pin: ATTENDANT_PIN })).toMatchObject({ ok: true });
    expect(await shiftCommand(['report', '--z', '1', '--json', '--data', dir])).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({
      kind: 'Z',
      z: {
        number: 1,
        terminalId: 'C01',
        closedBy: 'C01',
        approvedBy: 'S01',
        figures: { expectedCash: 27_550, count: { counted: 24_550, difference: -3000 } },
      },
    });
    out.length = 0;
    expect(await shiftCommand(['report', '--z', '1', '--data', dir])).toBe(0);
    expect(out.join('\n')).toMatch(/Z REPORT 1[\s\S]*Difference \(short\) +-30\.00[\s\S]*Approved by +S01/);
  });

  it('names what is missing: no open shift, no Z report 7, a --z that is no number', async () => {
    await expect(shiftCommand(['report', '--data', dir])).rejects.toThrow('Terminal C01 has no open shift');
    await expect(shiftCommand(['report', '--z', '7', '--data', dir])).rejects.toThrow(
      'Terminal C01 has no Z report 7',
    );
    await expect(shiftCommand(['report', '--z', 'last', '--data', dir])).rejects.toThrow(
      '--z takes a Z report number (1 or more), not "last"',
    );
  });
});

describe('openlane journal verify: each Z report against its shift’s journal entries', () => {
  function closeDay(): void {
    dayOfShift();
    const closed = service.close({ '10000': 2, '5000': 1, '2000': 1, '500': 1, '50': 1 });
    if (!closed.ok) throw new Error(closed.error.message);
    store.db.close();
  }

  it('an untouched store: the chain whole and Z 1 equal to its entries', async () => {
    closeDay();
    expect(await journalCommand(['verify', '--data', dir])).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, zReports: { ok: true, checked: 1 } });
    expect(err.join('')).toContain("1 Z report(s) equal their shift's journal entries");
  });

  it('a Z report whose pay-outs were changed is named, with the figure and both values', async () => {
    closeDay();
    const db = openTerminalStore(dir).db;
    db.exec('DROP TRIGGER z_reports_no_update');
    db.prepare(
      "UPDATE z_reports SET figures = json_set(figures, '$.payOuts.total', 200) WHERE number = 1",
    ).run();
    db.close();
    expect(await journalCommand(['verify', '--data', dir])).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({
      ok: true,
      zReports: {
        ok: false,
        terminalId: 'C01',
        number: 1,
        figure: 'payOuts.total',
        journal: 1200,
        report: 200,
      },
    });
    expect(err.join('')).toContain(
      "Z report 1 of terminal C01 does not add up: its payOuts.total is 200 where its shift's journal entries sum to 1200",
    );
  });

  it('a Z report with a sale left out of its totals is named by its sales count', async () => {
    closeDay();
    const db = openTerminalStore(dir).db;
    db.exec('DROP TRIGGER z_reports_no_update');
    db.prepare("UPDATE z_reports SET figures = json_set(figures, '$.sales.count', 1) WHERE number = 1").run();
    db.close();
    expect(await journalCommand(['verify', '--data', dir])).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({
      zReports: { ok: false, number: 1, figure: 'sales.count', journal: 2, report: 1 },
    });
  });
});

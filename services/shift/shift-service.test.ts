// The counter shift on a real SQLite file: open with a float, pay-in/out, no-sale, X report, the blind
// close with the difference and a supervisor's approval over the cashier's limit, each act journalled in
// its own transaction and the drawer kicked only for cash moves. Sales are written as the counter's
// tender flow writes them (test/helpers/shift-sales.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalEntries, verifyJournal } from '../../db/journal';
import { verifyZReports } from '../../db/journal-z';
import { setTrainingMode } from '../../db/sales';
import { currentShift } from '../../db/shifts';
import { suspendBasket, suspendedSales, voidSuspended } from '../../db/suspended-sales';
import { ATTENDANT_PIN } from '../../test/helpers/attendant';
import { basketWithPencils } from '../../test/helpers/db-fixtures';
import { insertCounterSale } from '../../test/helpers/shift-sales';
import { openTempDatabase, type TempDatabase } from '../../test/helpers/temp-db';
import type { TerminalEvent } from '../api/contract';
import { createCheckoutContext, type CheckoutContext, type DrawerReason } from '../checkout/context';
import { createEventHub } from '../events';
import { DEFAULT_SETTINGS, type Attendant, type Settings } from '../settings';
import { hashPin } from '../staff/pin';
import { createShiftService, type ShiftService } from './shift-service';

const PIN_HASH = hashPin(ATTENDANT_PIN, { N: 1024, r: 8, p: 1 });
const staff = (id: string, role: Attendant['role']): Attendant => ({
  id,
  name: `Staff ${id}`,
  badge: `STAFF-${id}X`,
  pinHash: PIN_HASH,
  role,
});
const CASHIER = staff('C01', 'cashier');
const SUPERVISOR = staff('S01', 'supervisor');
const OTHER_CASHIER = staff('C02', 'cashier');

/** ¥200 float: one 100, one 50, two 20s, one 10. */
const FLOAT = { '10000': 1, '5000': 1, '2000': 2, '1000': 1 };

let temp: TempDatabase;
let ctx: CheckoutContext;
let service: ShiftService;
let kicks: DrawerReason[];
let events: TerminalEvent[];

beforeEach(() => {
  temp = openTempDatabase();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    storeId: 'S001',
    terminalId: 'C01',
    role: 'counter',
    attendants: [CASHIER, SUPERVISOR, OTHER_CASHIER],
  };
  const hub = createEventHub();
  events = [];
  hub.subscribe((event) => events.push(event));
  ctx = createCheckoutContext(temp.db, settings, hub);
  kicks = [];
  ctx.drawer = { open: (reason) => kicks.push(reason) };
  ctx.duty.current = { id: CASHIER.id, name: CASHIER.name, role: 'cashier' };
  service = createShiftService(ctx);
});
afterEach(() => temp.cleanup());

function value<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const shiftJournal = () =>
  journalEntries(temp.db)
    .filter((e) => e.kind === 'shift')
    .map((e) => e.data);

describe('a shift at the counter', () => {
  it('opens with the float counted by denomination, journalled as the cashier’s, and is the current shift', () => {
    const shift = value(service.open(FLOAT));
    expect(shift).toMatchObject({ terminalId: 'C01', currency: 'CNY', openedBy: 'C01', floatTotal: 20_000 });
    expect(value(service.state()).shift?.id).toBe(shift.id);
    expect(shiftJournal()).toEqual([
      {
        action: 'opened',
        shiftId: shift.id,
        staffId: 'C01',
        amount: 20_000,
        currency: 'CNY',
        approverId: null,
      },
    ]);
    expect(events).toContainEqual({ type: 'shift.changed', shift });
    // The float is counted into a shut drawer: nothing kicks it.
    expect(kicks).toEqual([]);
  });

  it('refuses every act with nobody signed in, writing nothing', () => {
    ctx.duty.current = null;
    for (const result of [
      service.open(FLOAT),
      service.payIn(100, 'x'),
      service.noSale('x'),
      service.xReport(),
    ])
      expect(result).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(service.close({})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(currentShift(temp.db, 'C01')).toBeNull();
    expect(journalEntries(temp.db)).toEqual([]);
  });

  it('refuses a float with a value that is no CNY note or coin, naming it, and opens nothing', () => {
    expect(service.open({ '300': 2 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_shift', message: expect.stringContaining('3.00 is not a CNY note or coin') },
    });
    expect(currentShift(temp.db, 'C01')).toBeNull();
    expect(journalEntries(temp.db)).toEqual([]);
  });

  it('pay-in, pay-out and no-sale: each journalled with its reason and the drawer kicked for it', () => {
    const shift = value(service.open(FLOAT));
    value(service.payIn(5000, 'change from the bank'));
    value(service.payOut(1200, 'window cleaner'));
    value(service.noSale('change for a note'));
    expect(kicks).toEqual(['pay_in', 'pay_out', 'no_sale']);
    expect(shiftJournal().slice(1)).toEqual([
      {
        action: 'pay_in',
        shiftId: shift.id,
        staffId: 'C01',
        amount: 5000,
        currency: 'CNY',
        reason: 'change from the bank',
        approverId: null,
      },
      {
        action: 'pay_out',
        shiftId: shift.id,
        staffId: 'C01',
        amount: 1200,
        currency: 'CNY',
        reason: 'window cleaner',
        approverId: null,
      },
      {
        action: 'no_sale',
        shiftId: shift.id,
        staffId: 'C01',
        amount: 0,
        currency: 'CNY',
        reason: 'change for a note',
        approverId: null,
      },
    ]);
  });

  it('a pay-out with no reason is refused, with nothing written and the drawer shut', () => {
    value(service.open(FLOAT));
    const before = journalEntries(temp.db).length;
    expect(service.payOut(500, '  ')).toMatchObject({ ok: false, error: { code: 'invalid_shift' } });
    expect(journalEntries(temp.db)).toHaveLength(before);
    expect(kicks).toEqual([]);
  });

  it('pay-ins without a shift are refused as shift_not_open', () => {
    expect(service.payIn(100, 'float top-up')).toMatchObject({
      ok: false,
      error: { code: 'shift_not_open' },
    });
  });

  it('the X report: float + cash sales (after change and rounding) − … ± pay-ins/outs, and changes nothing', () => {
    const shift = value(service.open(FLOAT));
    insertCounterSale(temp.db, {
      shiftId: shift.id,
      total: 8750,
      tenders: [{ kind: 'cash', amount: 8750, tendered: 10_000 }],
    });
    insertCounterSale(temp.db, {
      shiftId: shift.id,
      total: 2234,
      tenders: [
        { kind: 'merchant_qr', amount: 1000 },
        { kind: 'cash', amount: 1230, tendered: 2000 },
      ],
      rounding: -4,
    });
    insertCounterSale(temp.db, {
      shiftId: shift.id,
      total: 990,
      tenders: [{ kind: 'cash', amount: 990 }],
      training: true,
    });
    value(service.payIn(5000, 'change from the bank'));
    value(service.payOut(1200, 'window cleaner'));
    const seq = journalEntries(temp.db).length;
    const x = value(service.xReport());
    expect(x.figures).toMatchObject({
      openingFloat: 20_000,
      sales: { count: 2, total: 8750 + 2234 },
      tenders: { cash: 8750 + 1230, merchant_qr: 1000, wallet_code: 0 },
      rounding: -4,
      change: 1250 + 770,
      payIns: { count: 1, total: 5000 },
      payOuts: { count: 1, total: 1200 },
      expectedCash: 20_000 + 8750 + 1230 + 5000 - 1200,
      count: null,
    });
    expect(journalEntries(temp.db)).toHaveLength(seq);
    expect(currentShift(temp.db, 'C01')?.status).toBe('open');
  });

  it('a shift opened in training mode counts its training sales, so a trainee’s close balances', () => {
    setTrainingMode(temp.db, true);
    const shift = value(service.open(FLOAT));
    expect(currentShift(temp.db, 'C01')).toMatchObject({ id: shift.id, training: true });
    insertCounterSale(temp.db, {
      shiftId: shift.id,
      total: 990,
      tenders: [{ kind: 'cash', amount: 990, tendered: 1000 }],
      training: true,
    });
    expect(value(service.xReport()).figures).toMatchObject({
      sales: { count: 1, total: 990 },
      expectedCash: 20_000 + 990,
    });
    // Counted exactly what the drawer holds: no difference, and journal verify agrees with the Z report.
    const z = value(service.close({ ...FLOAT, '500': 1, '100': 4, '50': 1, '10': 4 }));
    expect(z.figures.count).toEqual({ counted: 20_990, difference: 0 });
    expect(verifyJournal(temp.db).ok).toBe(true);
    expect(verifyZReports(temp.db)).toEqual({ ok: true, checked: 1 });
  });
});

describe('closing the shift with a blind count', () => {
  it('within the cashier’s limit: closes, Z 1 with expected, counted and difference, journalled', () => {
    const shift = value(service.open(FLOAT));
    insertCounterSale(temp.db, {
      shiftId: shift.id,
      total: 1500,
      tenders: [{ kind: 'cash', amount: 1500, tendered: 2000 }],
    });
    // Expected 215.00; counted 214.00: 1.00 short, within the cashier's 5.00.
    const z = value(service.close({ '10000': 2, '1000': 1, '100': 4 }));
    expect(z).toMatchObject({ number: 1, terminalId: 'C01', closedBy: 'C01', approvedBy: null });
    expect(z.figures.expectedCash).toBe(21_500);
    expect(z.figures.count).toEqual({ counted: 21_400, difference: -100 });
    const closed = shiftJournal().at(-1);
    expect(closed).toMatchObject({
      action: 'closed',
      shiftId: shift.id,
      staffId: 'C01',
      amount: 21_400,
      zNumber: 1,
      approverId: null,
    });
    expect(closed).toHaveProperty('figures', z.figures);
    expect(currentShift(temp.db, 'C01')).toBeNull();
    expect(events).toContainEqual({ type: 'shift.changed', shift: null });
  });

  it('a shift with no sales at all closes on its float alone, its Z report showing nothing sold', () => {
    value(service.open(FLOAT));
    const z = value(service.close(FLOAT));
    expect(z.number).toBe(1);
    expect(z.figures.expectedCash).toBe(20_000);
    expect(z.figures.count).toEqual({ counted: 20_000, difference: 0 });
    expect(z.figures.sales).toMatchObject({ count: 0 });
    expect(verifyJournal(temp.db).ok).toBe(true);
    expect(verifyZReports(temp.db)).toEqual({ ok: true, checked: 1 });
  });

  it('over the limit: approval_required with the difference, then a supervisor’s badge and PIN close it', () => {
    value(service.open(FLOAT));
    const short = { '10000': 1, '5000': 1, '2000': 1 }; // 170.00 of 200.00: 30.00 short
    expect(service.close(short)).toEqual({
      ok: false,
      error: {
        code: 'approval_required',
        message: expect.stringContaining('short by 3000'),
        details: { expected: 20_000, counted: 17_000, difference: -3000, limit: 500 },
      },
    });
    expect(currentShift(temp.db, 'C01')?.status).toBe('open');
    // A cashier's PIN does not approve, the closer cannot approve, a wrong PIN is a wrong PIN.
    expect(service.close(short, { badge: OTHER_CASHIER.badge, pin: ATTENDANT_PIN })).toMatchObject({
      ok: false,
      error: { code: 'staff_not_allowed' },
    });
    expect(service.close(short, { badge: SUPERVISOR.badge, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'staff_denied' },
    });
    // Having seen the difference, a different count is not slipped in.
    expect(service.close({ '10000': 2 }, { badge: SUPERVISOR.badge, pin: ATTENDANT_PIN })).toMatchObject({
      ok: false,
      error: { code: 'count_changed' },
    });
    const z = value(service.close(short, { badge: SUPERVISOR.badge, pin: ATTENDANT_PIN }));
    expect(z).toMatchObject({ number: 1, approvedBy: 'S01', figures: { count: { difference: -3000 } } });
    expect(shiftJournal().at(-1)).toMatchObject({ action: 'closed', staffId: 'C01', approverId: 'S01' });
  });

  it('a supervisor closes alone within their own limit', () => {
    ctx.duty.current = { id: SUPERVISOR.id, name: SUPERVISOR.name, role: 'supervisor' };
    value(service.open(FLOAT));
    expect(value(service.close({ '10000': 1, '5000': 1, '2000': 1 }))).toMatchObject({ approvedBy: null });
  });

  it('refuses sale_in_progress while a basket has goods on it, and closes once it is done', () => {
    value(service.open(FLOAT));
    const { basket } = basketWithPencils(temp.db);
    expect(service.close(FLOAT)).toMatchObject({
      ok: false,
      error: { code: 'sale_in_progress', details: { basketId: basket.id, status: 'open' } },
    });
    expect(currentShift(temp.db, 'C01')?.status).toBe('open');
    temp.db.prepare("UPDATE baskets SET status = 'closed' WHERE id = ?").run(basket.id);
    expect(value(service.close(FLOAT)).number).toBe(1);
  });

  it('refuses suspended_sales while sales put aside wait, naming how many, and closes once each is settled', () => {
    value(service.open(FLOAT));
    const first = basketWithPencils(temp.db).basket;
    const aside = suspendBasket(temp.db, first.id, {
      label: 'Red coat',
      staffId: CASHIER.id,
      taxMode: 'inclusive',
    });
    const second = basketWithPencils(temp.db).basket;
    suspendBasket(temp.db, second.id, { label: 'Trolley 2', staffId: CASHIER.id, taxMode: 'inclusive' });
    const refused = service.close(FLOAT);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'suspended_sales', details: { count: 2, labels: ['Red coat', 'Trolley 2'] } },
    });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^2 suspended sales are still waiting/);
    expect(currentShift(temp.db, 'C01')?.status).toBe('open');
    voidSuspended(temp.db, aside.id, { staffId: CASHIER.id, reason: 'Customer left' });
    expect(service.close(FLOAT)).toMatchObject({
      ok: false,
      error: { code: 'suspended_sales', details: { count: 1 } },
    });
    const waiting = suspendedSales(temp.db, 'inclusive')[0];
    voidSuspended(temp.db, waiting?.id ?? '', { staffId: CASHIER.id, reason: 'Customer left' });
    expect(value(service.close(FLOAT)).number).toBe(1);
  });

  it('numbers Z reports gap-free per terminal: a refused close takes no number', () => {
    value(service.open(FLOAT));
    expect(value(service.close(FLOAT)).number).toBe(1);
    value(service.open(FLOAT));
    expect(service.close({ '10000': 1 })).toMatchObject({ ok: false, error: { code: 'approval_required' } });
    expect(value(service.close({ '10000': 1 }, { badge: SUPERVISOR.badge, pin: ATTENDANT_PIN })).number).toBe(
      2,
    );
    value(service.open({}));
    expect(value(service.close({})).number).toBe(3);
  });
});

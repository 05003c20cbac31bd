import { describe, expect, it } from 'vitest';
import { shiftFigures, type ShiftFigures } from '../core/shift';
import { useTempDatabase } from '../test/helpers/temp-db';
import { StoreError } from './errors';
import {
  cashMovesOf,
  closeShift,
  currentShift,
  openShift,
  recordCashMove,
  shiftById,
  zReportOf,
} from './shifts';

const temp = useTempDatabase();
const open = (terminalId = 'C01') =>
  openShift(temp.db, { terminalId, currency: 'CNY', staffId: 'M01', floatCounts: { '10000': 2, '100': 5 } });
/** The figures core/shift makes of a shift that only had its float, counted at `counted`. */
const figures = (float: number, counted: number): ShiftFigures => {
  const result = shiftFigures([{ kind: 'float', amount: float }], counted);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const close = (shiftId: string, counts: Record<string, number> = { '10000': 2, '100': 5 }) =>
  closeShift(temp.db, { shiftId, staffId: 'S01', countedCounts: counts, figures: figures(20_500, 20_500) });
const outboxTypes = () =>
  (temp.db.prepare('SELECT type FROM outbox ORDER BY rowid').all() as { type: string }[]).map((r) => r.type);
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error.code;
    throw error;
  }
  return 'no error';
};

describe('shifts in the terminal store', () => {
  it('opens a shift with its counted float, and refuses a second open on the same terminal', () => {
    const shift = open();
    expect(shift).toMatchObject({
      status: 'open',
      floatTotal: 20_500,
      floatCounts: { '10000': 2, '100': 5 },
    });
    expect(currentShift(temp.db, 'C01')?.id).toBe(shift.id);
    expect(() => open()).toThrow(/C01 already has shift/);
    expect(code(() => open())).toBe('shift_already_open');
    expect(open('C02').terminalId).toBe('C02');
    expect(outboxTypes()).toEqual(['shift.opened', 'shift.opened']);
  });

  it('refuses a float that is not the currency’s notes and coins, writing nothing', () => {
    expect(() =>
      openShift(temp.db, { terminalId: 'C01', currency: 'CNY', staffId: 'M01', floatCounts: { '300': 1 } }),
    ).toThrow(/The float: .*3\.00 is not a CNY note or coin/);
    expect(currentShift(temp.db, 'C01')).toBeNull();
    expect(outboxTypes()).toEqual([]);
  });

  it('records pay-ins, pay-outs and no-sales with their reasons, only in an open shift', () => {
    const shift = open();
    recordCashMove(temp.db, {
      shiftId: shift.id,
      kind: 'pay_in',
      amount: 1000,
      reason: 'more coins',
      staffId: 'S01',
    });
    recordCashMove(temp.db, {
      shiftId: shift.id,
      kind: 'no_sale',
      amount: 0,
      reason: ' change ',
      staffId: 'M01',
    });
    expect(() =>
      recordCashMove(temp.db, { shiftId: shift.id, kind: 'pay_out', amount: 0, reason: 'x', staffId: 'M01' }),
    ).toThrow(/pay_out needs a whole amount .* above 0, got 0/);
    expect(() =>
      recordCashMove(temp.db, {
        shiftId: shift.id,
        kind: 'pay_out',
        amount: 10,
        reason: '  ',
        staffId: 'M01',
      }),
    ).toThrow(/needs a reason/);
    expect(cashMovesOf(temp.db, shift.id).map((m) => [m.kind, m.amount, m.reason])).toEqual([
      ['pay_in', 1000, 'more coins'],
      ['no_sale', 0, 'change'],
    ]);
    close(shift.id);
    expect(
      code(() =>
        recordCashMove(temp.db, {
          shiftId: shift.id,
          kind: 'pay_in',
          amount: 5,
          reason: 'late',
          staffId: 'M01',
        }),
      ),
    ).toBe('shift_not_open');
    expect(cashMovesOf(temp.db, shift.id)).toHaveLength(2);
  });

  it('closes with Z 1 then Z 2, and a failed close takes no number and leaves the shift open', () => {
    const first = close(open().id);
    expect(first.zReport).toMatchObject({ number: 1, shiftId: first.shift.id });
    expect(first.shift).toMatchObject({ status: 'closed', closedBy: 'S01', countedTotal: 20_500 });
    expect(currentShift(temp.db, 'C01')).toBeNull();

    const second = open();
    // The close's last write (its outbox event) fails: everything before it must roll back.
    temp.db.exec(
      "CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk gone'); END",
    );
    expect(() => close(second.id)).toThrow(/disk gone/);
    temp.db.exec('DROP TRIGGER outbox_fails');
    expect(shiftById(temp.db, second.id)?.status).toBe('open');
    expect(zReportOf(temp.db, 'C01', 2)).toBeNull();

    const retried = close(second.id);
    expect(retried.zReport.number).toBe(2);
    expect(zReportOf(temp.db, 'C01', 2)?.figures).toEqual(figures(20_500, 20_500));
    expect(close(open('C02').id).zReport.number).toBe(1);
    expect(code(() => close(second.id))).toBe('shift_not_open');
  });

  it('refuses a close whose count or figures are not the shift’s, changing nothing', () => {
    const shift = open();
    expect(() => close(shift.id, { '10000': 1 })).toThrow(/counted 10000, got float 20500 and counted 20500/);
    expect(() => close(shift.id, { '7': 1 })).toThrow(/The count: .* is not a CNY note or coin/);
    expect(shiftById(temp.db, shift.id)?.status).toBe('open');
    expect(zReportOf(temp.db, 'C01', 1)).toBeNull();
  });

  it('keeps a Z report as written', () => {
    close(open().id);
    expect(() => temp.db.prepare("UPDATE z_reports SET figures = '{}'").run()).toThrow(/immutable/);
    expect(() => temp.db.prepare('DELETE FROM z_reports').run()).toThrow(/immutable/);
    expect(zReportOf(temp.db, 'C01', 1)?.figures.expectedCash).toBe(20_500);
  });
});

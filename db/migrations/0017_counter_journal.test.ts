import { describe, expect, it } from 'vitest';
import { appendJournal, verifyJournal } from '../journal';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(16);
const { insert, basket, payment, sale } = migrationRows(temp);
const T = '2026-12-07T06:00:00.000Z';
const terminal = { storeId: 'S001', terminalId: 'K01' };

describe('migration 0017_counter_journal', () => {
  it('keeps every journal entry and its chain, and takes the new kinds', () => {
    basket('b1', 'closed');
    payment('p1', { status: 'paid' });
    sale(1);
    const voidEntry = {
      kind: 'void' as const,
      data: { reason: 'line_removed' as const, basketId: 'b1', currency: 'CNY', lines: [], amount: 0 },
    };
    temp.db.transaction(() => appendJournal(temp.db, voidEntry, new Date(T), terminal))();
    const before = temp.db.prepare('SELECT * FROM journal ORDER BY seq').all();
    migrate(temp.db, { target: 17 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(17);
    expect(temp.db.prepare('SELECT * FROM journal ORDER BY seq').all()).toEqual(before);
    // A shift entry now goes in, chained to the copied one; the chain verifies end to end.
    insertShiftEntry();
    expect(temp.db.prepare('SELECT kind FROM journal ORDER BY seq').pluck().all()).toEqual(['void', 'shift']);
    expect(verifyJournal(temp.db).ok).toBe(true);
  });

  it('still refuses an unknown kind, an edit and a deletion', () => {
    migrate(temp.db, { target: 17 });
    insertShiftEntry();
    const row = temp.db.prepare('SELECT * FROM journal WHERE seq = 1').get() as Record<string, unknown>;
    expect(() =>
      insert('journal', { ...row, seq: 2, kind: 'gift', prev_hash: row.hash, hash: 'f'.repeat(64) }),
    ).toThrow(/CHECK constraint failed/);
    expect(() => temp.db.prepare("UPDATE journal SET kind = 'sale'").run()).toThrow(/append-only/);
    expect(() => temp.db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });

  it('gives every sale written before no staff, no shift and no cash rounding', () => {
    basket('b1', 'closed');
    payment('p1', { status: 'paid' });
    sale(1);
    migrate(temp.db, { target: 17 });
    expect(temp.db.prepare('SELECT staff_id, shift_id, cash_rounding FROM sales').get()).toEqual({
      staff_id: null,
      shift_id: null,
      cash_rounding: 0,
    });
    expect(() => temp.db.prepare('UPDATE sales SET cash_rounding = 1').run()).toThrow(/immutable/);
  });

  it('takes a counter sale with its cashier, shift and rounding', () => {
    migrate(temp.db, { target: 17 });
    insert('shifts', {
      id: 'sh1',
      terminal_id: 'K01',
      currency: 'CNY',
      status: 'open',
      opened_at: T,
      opened_by: 'C01',
      float_total: 0,
      float_counts: '{}',
    });
    basket('b1', 'closed');
    sale(1, { payment_id: null, staff_id: 'C01', shift_id: 'sh1', cash_rounding: -4 });
    expect(temp.db.prepare('SELECT staff_id, shift_id, cash_rounding FROM sales').get()).toEqual({
      staff_id: 'C01',
      shift_id: 'sh1',
      cash_rounding: -4,
    });
    expect(() => sale(2, { basket_id: 'b1', staff_id: '' })).toThrow(/CHECK constraint failed/);
  });
});

/** A `shift` entry written by the journal's own writer (the kind is new in 0017). */
function insertShiftEntry(): void {
  const entry = {
    kind: 'shift' as const,
    data: { action: 'opened' as const, shiftId: 'sh1', staffId: 'C01' },
  };
  temp.db.transaction(() => appendJournal(temp.db, entry, new Date(T), terminal))();
}

import { describe, expect, it } from 'vitest';
import { migrationRows } from '../../test/helpers/migration-rows';
import { useTempDatabase } from '../../test/helpers/temp-db';
import { migrate } from '../migrate';

const temp = useTempDatabase(15);
const { insert, basket } = migrationRows(temp);
const T = '2026-12-07T03:00:00.000Z';
const shift = (id: string, values: Record<string, unknown> = {}) =>
  insert('shifts', {
    id,
    terminal_id: 'C01',
    currency: 'CNY',
    status: 'open',
    opened_at: T,
    opened_by: 'M01',
    float_total: 20_000,
    float_counts: '{"10000":2}',
    ...values,
  });
const closed = { status: 'closed', closed_at: T, closed_by: 'M01', counted_total: 0, counted_counts: '{}' };
const move = (id: string, values: Record<string, unknown> = {}) =>
  insert('shift_cash_moves', {
    id,
    shift_id: 'sh1',
    kind: 'pay_out',
    amount: 500,
    reason: 'window cleaner',
    staff_id: 'M01',
    moved_at: T,
    ...values,
  });
const z = (number: number, shiftId: string, terminal = 'C01') =>
  insert('z_reports', {
    terminal_id: terminal,
    number,
    shift_id: shiftId,
    figures: '{"expectedCash":0}',
    created_at: T,
  });

describe('migration 0016_shifts', () => {
  it('adds the shift tables to a store at 15, keeping its baskets', () => {
    basket('b1');
    migrate(temp.db, { target: 16 });
    expect(temp.db.pragma('user_version', { simple: true })).toBe(16);
    shift('sh1');
    move('m1');
    move('m2', { kind: 'no_sale', amount: 0, reason: 'change for a note' });
    expect(temp.db.prepare('SELECT id, kind, amount FROM shift_cash_moves ORDER BY id').all()).toEqual([
      { id: 'm1', kind: 'pay_out', amount: 500 },
      { id: 'm2', kind: 'no_sale', amount: 0 },
    ]);
    expect(temp.db.prepare('SELECT count(*) AS n FROM baskets').get()).toEqual({ n: 1 });
  });

  it('keeps one open shift per terminal, and an open shift without a close', () => {
    migrate(temp.db, { target: 16 });
    shift('sh1');
    expect(() => shift('sh2')).toThrow(/UNIQUE/);
    shift('sh3', { terminal_id: 'C02' });
    shift('sh4', closed);
    expect(() => shift('sh5', { closed_at: T })).toThrow(/CHECK/);
    expect(() => shift('sh6', { ...closed, counted_total: null })).toThrow(/CHECK/);
    expect(() => shift('sh7', { float_counts: '[1]' })).toThrow(/CHECK/);
    expect(() => shift('sh8', { float_total: -1 })).toThrow(/CHECK/);
  });

  it('refuses a bad cash move, and any move in a closed shift', () => {
    migrate(temp.db, { target: 16 });
    shift('sh1');
    shift('sh2', closed);
    expect(() => move('m1', { kind: 'tip' })).toThrow(/CHECK/);
    expect(() => move('m2', { amount: 0 })).toThrow(/CHECK/);
    expect(() => move('m3', { kind: 'no_sale', amount: 100 })).toThrow(/CHECK/);
    expect(() => move('m4', { reason: '  ' })).toThrow(/CHECK/);
    expect(() => move('m5', { shift_id: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => move('m6', { shift_id: 'sh2' })).toThrow(/only in an open shift/);
    move('m7');
    expect(() => temp.db.prepare('UPDATE shift_cash_moves SET amount = 1').run()).toThrow(/written once/);
    expect(() => temp.db.prepare('DELETE FROM shift_cash_moves').run()).toThrow(/written once/);
  });

  it('numbers Z reports per terminal without gaps, and keeps them and their shifts as written', () => {
    migrate(temp.db, { target: 16 });
    for (const id of ['sh1', 'sh2', 'sh3', 'sh4'])
      shift(id, { ...closed, terminal_id: id === 'sh4' ? 'C02' : 'C01' });
    expect(() => z(2, 'sh1')).toThrow(/without gaps/);
    z(1, 'sh1');
    expect(() => z(1, 'sh2')).toThrow(/without gaps/);
    expect(() => z(3, 'sh2')).toThrow(/without gaps/);
    z(2, 'sh2');
    z(1, 'sh4', 'C02');
    expect(() => z(3, 'sh1')).toThrow(/UNIQUE/);
    expect(() => temp.db.prepare('UPDATE z_reports SET figures = ?').run('{}')).toThrow(/immutable/);
    expect(() => temp.db.prepare('DELETE FROM z_reports WHERE number = 2').run()).toThrow(/immutable/);
    expect(() => temp.db.prepare("UPDATE shifts SET counted_total = 1 WHERE id = 'sh1'").run()).toThrow(
      /closed shift is not changed/,
    );
    expect(() => temp.db.prepare('DELETE FROM shifts').run()).toThrow(/never deleted/);
    expect(
      temp.db.prepare('SELECT terminal_id, number, shift_id FROM z_reports ORDER BY rowid').all(),
    ).toEqual([
      { terminal_id: 'C01', number: 1, shift_id: 'sh1' },
      { terminal_id: 'C01', number: 2, shift_id: 'sh2' },
      { terminal_id: 'C02', number: 1, shift_id: 'sh4' },
    ]);
  });
});

// Counter shifts in the terminal store (migration 0016): open with a counted float, pay-ins, pay-outs
// and no-sales during it, and the close that writes the shift's Z report. The figures themselves are
// computed by core/shift from the shift's events; this module only keeps them, numbered gap-free per
// terminal in the same transaction as the close, with their `shift.*` outbox events for HQ.
import type Database from 'better-sqlite3';
import { countDrawer, type CountedDrawer, type DenominationCount } from '../core/cash';
import type { ShiftFigures } from '../core/shift';
import { uuidv7 } from '../core/uuid7';
import { StoreError } from './errors';
import { appendEvent } from './outbox';
import { isTrainingMode } from './sales';

export interface ShiftRecord {
  id: string;
  terminalId: string;
  currency: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  floatTotal: number;
  floatCounts: Record<string, number>;
  closedAt: string | null;
  closedBy: string | null;
  countedTotal: number | null;
  countedCounts: Record<string, number> | null;
  /**
   * Opened on a terminal in training mode: it counts the training sales rung up in it, and a live
   * shift only live ones (migration 0021). Absent on a live shift.
   */
  training?: true;
}

export type CashMoveKind = 'pay_in' | 'pay_out' | 'no_sale';

export interface CashMoveRecord {
  id: string;
  shiftId: string;
  kind: CashMoveKind;
  amount: number;
  reason: string;
  staffId: string;
  movedAt: string;
}

export interface ZReportRecord {
  terminalId: string;
  number: number;
  shiftId: string;
  figures: ShiftFigures;
  createdAt: string;
}

export interface OpenShiftInput {
  terminalId: string;
  currency: string;
  staffId: string;
  floatCounts: DenominationCount;
}

export interface CashMoveInput {
  shiftId: string;
  kind: CashMoveKind;
  /** Minor units; 0 for a no-sale. */
  amount: number;
  reason: string;
  staffId: string;
}

export interface CloseShiftInput {
  shiftId: string;
  staffId: string;
  countedCounts: DenominationCount;
  /** core/shift `shiftFigures(events, counted)` for this shift: its count must be the counted total. */
  figures: ShiftFigures;
  /** Who approved a difference over the closing staff member's limit (HQ sees it with the Z report). */
  approvedBy?: string | null;
}

interface ShiftRow {
  id: string;
  terminal_id: string;
  currency: string;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  float_total: number;
  float_counts: string;
  closed_at: string | null;
  closed_by: string | null;
  counted_total: number | null;
  counted_counts: string | null;
  training: 0 | 1;
}

/** Opens a shift on a terminal with its counted float. Refused while the terminal has one open. */
export function openShift(db: Database.Database, input: OpenShiftInput, at: Date = new Date()): ShiftRecord {
  checkStaff(input.staffId);
  if (input.terminalId.length < 1 || input.terminalId.length > 64)
    throw new StoreError('invalid_shift', `A terminal id is 1 to 64 characters, got "${input.terminalId}"`);
  const float = counted(input.currency, input.floatCounts, 'float');
  return db.transaction(() => {
    const open = currentShift(db, input.terminalId);
    if (open) {
      throw new StoreError(
        'shift_already_open',
        `Terminal ${input.terminalId} already has shift ${open.id} open since ${open.openedAt}`,
      );
    }
    const id = uuidv7();
    db.prepare(
      `INSERT INTO shifts (id, terminal_id, currency, status, opened_at, opened_by, float_total, float_counts,
         training) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.terminalId,
      float.currency,
      at.toISOString(),
      input.staffId,
      float.total,
      json(float),
      isTrainingMode(db) ? 1 : 0,
    );
    const shift = shiftById(db, id) as ShiftRecord;
    appendEvent(db, 'shift.opened', shift, at);
    return shift;
  })();
}

/** Records a pay-in, pay-out (amount > 0) or no-sale (amount 0), with its reason, in an open shift. */
export function recordCashMove(
  db: Database.Database,
  input: CashMoveInput,
  at: Date = new Date(),
): CashMoveRecord {
  checkStaff(input.staffId);
  const moves = input.kind !== 'no_sale';
  if (!['pay_in', 'pay_out', 'no_sale'].includes(input.kind))
    throw new StoreError(
      'invalid_shift',
      `A cash move is pay_in, pay_out or no_sale, got ${String(input.kind)}`,
    );
  if (!Number.isSafeInteger(input.amount) || (moves ? input.amount <= 0 : input.amount !== 0))
    throw new StoreError(
      'invalid_shift',
      moves
        ? `A ${input.kind} needs a whole amount in minor units above 0, got ${input.amount}`
        : `A no-sale moves no money, got an amount of ${input.amount}`,
    );
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > 200)
    throw new StoreError('invalid_shift', `A ${input.kind} needs a reason of 1 to 200 characters`);
  return db.transaction(() => {
    openShiftById(db, input.shiftId);
    const move: CashMoveRecord = {
      id: uuidv7(),
      shiftId: input.shiftId,
      kind: input.kind,
      amount: input.amount,
      reason,
      staffId: input.staffId,
      movedAt: at.toISOString(),
    };
    db.prepare(
      `INSERT INTO shift_cash_moves (id, shift_id, kind, amount, reason, staff_id, moved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(move.id, move.shiftId, move.kind, move.amount, move.reason, move.staffId, move.movedAt);
    appendEvent(db, 'shift.cash_moved', move, at);
    return move;
  })();
}

/**
 * Closes an open shift with its blind count and writes its Z report, numbered max + 1 for the terminal
 * inside this one transaction: a close that fails anywhere leaves the shift open and takes no number.
 */
export function closeShift(
  db: Database.Database,
  input: CloseShiftInput,
  at: Date = new Date(),
): { shift: ShiftRecord; zReport: ZReportRecord } {
  checkStaff(input.staffId);
  return db.transaction(() => {
    const open = openShiftById(db, input.shiftId);
    const count = counted(open.currency, input.countedCounts, 'count');
    if (input.figures.count?.counted !== count.total || input.figures.openingFloat !== open.floatTotal)
      throw new StoreError(
        'invalid_shift',
        `The Z figures must be this shift's: float ${open.floatTotal} and counted ${count.total}, got float ` +
          `${input.figures.openingFloat} and counted ${input.figures.count?.counted ?? 'none'}`,
      );
    const when = at.toISOString();
    db.prepare(
      `UPDATE shifts SET status = 'closed', closed_at = ?, closed_by = ?, counted_total = ?, counted_counts = ?
       WHERE id = ? AND status = 'open'`,
    ).run(when, input.staffId, count.total, json(count), open.id);
    const { next } = db
      .prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM z_reports WHERE terminal_id = ?')
      .get(open.terminalId) as { next: number };
    db.prepare(
      'INSERT INTO z_reports (terminal_id, number, shift_id, figures, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(open.terminalId, next, open.id, JSON.stringify(input.figures), when);
    const shift = shiftById(db, open.id) as ShiftRecord;
    const zReport = zReportOf(db, open.terminalId, next) as ZReportRecord;
    appendEvent(db, 'shift.closed', { shift, zReport, approvedBy: input.approvedBy ?? null }, at);
    return { shift, zReport };
  })();
}

/** The terminal's open shift, or null. */
export function currentShift(db: Database.Database, terminalId: string): ShiftRecord | null {
  const row = db.prepare("SELECT * FROM shifts WHERE terminal_id = ? AND status = 'open'").get(terminalId) as
    ShiftRow | undefined;
  return row ? toShift(row) : null;
}

export function shiftById(db: Database.Database, id: string): ShiftRecord | null {
  const row = db.prepare('SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

/** A shift's pay-ins, pay-outs and no-sales in the order they happened. */
export function cashMovesOf(db: Database.Database, shiftId: string): CashMoveRecord[] {
  const rows = db
    .prepare(
      `SELECT id, shift_id AS shiftId, kind, amount, reason, staff_id AS staffId, moved_at AS movedAt
       FROM shift_cash_moves WHERE shift_id = ? ORDER BY moved_at, rowid`,
    )
    .all(shiftId) as CashMoveRecord[];
  return rows;
}

/** Z report `number` of a terminal, or null. */
export function zReportOf(db: Database.Database, terminalId: string, number: number): ZReportRecord | null {
  const row = db
    .prepare('SELECT * FROM z_reports WHERE terminal_id = ? AND number = ?')
    .get(terminalId, number) as
    | { terminal_id: string; number: number; shift_id: string; figures: string; created_at: string }
    | undefined;
  if (!row) return null;
  return {
    terminalId: row.terminal_id,
    number: row.number,
    shiftId: row.shift_id,
    figures: JSON.parse(row.figures) as ShiftFigures,
    createdAt: row.created_at,
  };
}

function openShiftById(db: Database.Database, shiftId: string): ShiftRecord {
  const shift = shiftById(db, shiftId);
  if (!shift) throw new StoreError('shift_not_open', `There is no shift ${shiftId}`);
  if (shift.status !== 'open')
    throw new StoreError('shift_not_open', `Shift ${shiftId} was closed at ${shift.closedAt ?? ''}`);
  return shift;
}

function counted(currency: string, counts: DenominationCount, what: string): CountedDrawer {
  const result = countDrawer(currency, counts);
  if (!result.ok) throw new StoreError('invalid_shift', `The ${what}: ${result.error.message}`);
  return result.value;
}

function checkStaff(staffId: string): void {
  if (staffId.length < 1 || staffId.length > 64)
    throw new StoreError('invalid_shift', `A staff id is 1 to 64 characters, got "${staffId}"`);
}

const json = (drawer: CountedDrawer): string => JSON.stringify(drawer.counts);

function toShift(row: ShiftRow): ShiftRecord {
  return {
    id: row.id,
    terminalId: row.terminal_id,
    currency: row.currency,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    floatTotal: row.float_total,
    floatCounts: JSON.parse(row.float_counts) as Record<string, number>,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    countedTotal: row.counted_total,
    countedCounts:
      row.counted_counts === null ? null : (JSON.parse(row.counted_counts) as Record<string, number>),
    ...(row.training === 1 ? { training: true as const } : {}),
  };
}

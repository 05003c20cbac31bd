// A Z report as the counter and the CLI show it: the immutable z_reports row with its shift, and the
// approver named in the shift's `closed` journal entry (the one place the approval is kept for good).
import type { Database } from '../../db/open';
import { shiftById, zReportOf, type ShiftRecord, type ZReportRecord } from '../../db/shifts';
import type { ZReportView } from '../api/shift-contract';

export function zReportView(
  db: Database,
  shift: ShiftRecord,
  z: ZReportRecord,
  printed = false,
): ZReportView {
  const approver = db
    .prepare(
      `SELECT json_extract(entry, '$.data.approverId') FROM journal
       WHERE kind = 'shift' AND json_extract(entry, '$.data.action') = 'closed'
         AND json_extract(entry, '$.data.shiftId') = ? LIMIT 1`,
    )
    .pluck()
    .get(shift.id) as string | null | undefined;
  return {
    terminalId: z.terminalId,
    number: z.number,
    shiftId: shift.id,
    currency: shift.currency,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    closedAt: shift.closedAt ?? z.createdAt,
    closedBy: shift.closedBy ?? '',
    approvedBy: approver ?? null,
    figures: z.figures,
    countedCounts: shift.countedCounts ?? {},
    printed,
  };
}

/** Z report `number` of this terminal, or null. */
export function zReportByNumber(db: Database, terminalId: string, number: number): ZReportView | null {
  const z = zReportOf(db, terminalId, number);
  const shift = z && shiftById(db, z.shiftId);
  return z && shift ? zReportView(db, shift, z) : null;
}

/** The terminal's latest Z report number, 0 before its first. */
export function lastZNumber(db: Database, terminalId: string): number {
  return (
    (db.prepare('SELECT max(number) FROM z_reports WHERE terminal_id = ?').pluck().get(terminalId) as
      number | null) ?? 0
  );
}

// Reading back the counter's staff entries of the journal (kind `staff`, core/journal StaffEntry).
import type Database from 'better-sqlite3';
import type { StaffSignEntry } from '../core/journal';

/**
 * The last sign-in or sign-out this terminal journalled, or null: a `signed_in` here at start means the
 * terminal stopped with someone on duty (services/counter/duty.ts closes it as a restart).
 */
export function lastStaffSign(db: Database.Database): StaffSignEntry | null {
  const row = db
    .prepare(
      `SELECT entry FROM journal WHERE kind = 'staff'
         AND json_extract(entry, '$.data.action') IN ('signed_in', 'signed_out')
       ORDER BY seq DESC LIMIT 1`,
    )
    .get() as { entry: string } | undefined;
  return row ? (JSON.parse(row.entry) as { data: StaffSignEntry }).data : null;
}

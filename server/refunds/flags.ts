// The refund flags of a store, newest first, as the back office (and GET /admin/v1/refund-flags) shows
// them: which refund took back more than its sale sold, by how much, and everyone involved.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { FlaggedLine, Involved } from './record';

export interface RefundFlagView {
  refundId: string;
  receiptNumber: string;
  code: string;
  lines: FlaggedLine[];
  excessAmount: number;
  involved: Involved[];
  terminalIds: string[];
  staffIds: string[];
  flaggedAt: string;
}

/** The store's flags (by store code), newest first, at most `limit`. */
export async function listRefundFlags(
  q: Queryable,
  storeCode: string,
  limit: number,
): Promise<RefundFlagView[]> {
  const { rows } = await q.query<{
    refund_id: string;
    receipt_number: string;
    code: string;
    lines: FlaggedLine[];
    excess_amount: unknown;
    involved: Involved[];
    terminal_ids: string[];
    staff_ids: string[];
    flagged_at: Date;
  }>(
    `SELECT f.refund_id, f.receipt_number, f.code, f.lines, f.excess_amount, f.involved, f.terminal_ids,
       f.staff_ids, f.flagged_at
     FROM refund_flags f JOIN stores s ON s.id = f.store_id
     WHERE s.code = $1 ORDER BY f.flagged_at DESC, f.refund_id LIMIT $2`,
    [storeCode, limit],
  );
  return rows.map((r) => ({
    refundId: r.refund_id,
    receiptNumber: r.receipt_number,
    code: r.code,
    lines: r.lines,
    excessAmount: toNumber(r.excess_amount),
    involved: r.involved,
    terminalIds: r.terminal_ids,
    staffIds: r.staff_ids,
    flaggedAt: toIso(r.flagged_at),
  }));
}

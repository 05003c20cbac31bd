// Each Z report against the journal: its totals must be the sum of its shift's journal entries — the
// float, pay-ins, pay-outs and no-sales of its `shift` entries, the sales of its `sale` entries, the cash
// refunds of its `refund` entries — and equal the figures journalled when it closed. Reads only; `openlane journal verify` runs it after the
// chain is proven, so the entries it sums are the ones written.
import type Database from 'better-sqlite3';
import type { RefundedEntry, RefundCashInsteadEntry, ShiftEntry, SaleEntry } from '../core/journal';
import type { ShiftFigures } from '../core/shift';
import { canonicalJson } from '../core/journal';

export type ZReportsVerdict =
  | { ok: true; checked: number }
  | {
      ok: false;
      checked: number;
      terminalId: string;
      number: number;
      /** Which figure disagrees, e.g. `payOuts.total`. */
      figure: string;
      /** What the journal's entries sum to, and what the Z report says. */
      journal: unknown;
      report: unknown;
    };

interface ZRow {
  terminal_id: string;
  number: number;
  shift_id: string;
  figures: string;
}

/** Checks every Z report of the store, oldest first; reports the first figure that disagrees. */
export function verifyZReports(db: Database.Database): ZReportsVerdict {
  const reports = db.prepare('SELECT * FROM z_reports ORDER BY terminal_id, number').all() as ZRow[];
  let checked = 0;
  for (const row of reports) {
    const report = JSON.parse(row.figures) as ShiftFigures;
    const mismatch = firstMismatch(journalSums(db, row.shift_id), report);
    if (mismatch) return { ok: false, checked, terminalId: row.terminal_id, number: row.number, ...mismatch };
    checked++;
  }
  return { ok: true, checked };
}

/** The figures a Z report must show, as the journal's entries of its shift add them up. */
interface JournalSums {
  openingFloat: number | null;
  'sales.count': number;
  'sales.total': number;
  'payIns.count': number;
  'payIns.total': number;
  'payOuts.count': number;
  'payOuts.total': number;
  noSales: number;
  'refunds.count': number;
  'refunds.total': number;
  expectedCash: number | null;
  'count.counted': number | null;
  /** The figures written in the shift's `closed` entry, whole. */
  closed: ShiftFigures | null;
}

function journalSums(db: Database.Database, shiftId: string): JournalSums {
  const entries = db
    .prepare(
      `SELECT json_extract(entry, '$.data') AS data FROM journal
       WHERE kind = 'shift' AND json_extract(entry, '$.data.shiftId') = ? ORDER BY seq`,
    )
    .pluck()
    .all(shiftId) as string[];
  const sums: JournalSums = {
    openingFloat: null,
    'sales.count': 0,
    'sales.total': 0,
    'payIns.count': 0,
    'payIns.total': 0,
    'payOuts.count': 0,
    'payOuts.total': 0,
    noSales: 0,
    'refunds.count': 0,
    'refunds.total': 0,
    expectedCash: null,
    'count.counted': null,
    closed: null,
  };
  for (const text of entries) {
    const e = JSON.parse(text) as ShiftEntry;
    if (e.action === 'opened') sums.openingFloat = e.amount ?? null;
    if (e.action === 'pay_in' || e.action === 'pay_out') {
      const name = e.action === 'pay_in' ? 'payIns' : 'payOuts';
      sums[`${name}.count`] += 1;
      sums[`${name}.total`] += e.amount ?? 0;
    }
    if (e.action === 'no_sale') sums.noSales += 1;
    if (e.action === 'closed') {
      sums['count.counted'] = e.amount ?? null;
      sums.closed = e.figures ?? null;
    }
  }
  // The shift's sales as journalled: the `sale` entries of the sales rung up in it, of the shift's kind
  // (a training shift counts training sales, a live one live sales; db/shift-events.ts).
  const sales = db
    .prepare(
      `SELECT json_extract(j.entry, '$.data') FROM journal j
       JOIN sales s ON s.id = json_extract(j.entry, '$.data.saleId')
       WHERE j.kind = 'sale' AND s.shift_id = ?
         AND coalesce(json_extract(s.receipt_json, '$.training'), 0) = (SELECT training FROM shifts WHERE id = ?)`,
    )
    .pluck()
    .all(shiftId, shiftId) as string[];
  for (const text of sales) {
    const sale = JSON.parse(text) as SaleEntry;
    sums['sales.count'] += 1;
    sums['sales.total'] += sale.total;
  }
  addRefunds(db, shiftId, sums);
  return sums;
}

/**
 * The cash the shift's refunds paid out, as their `refund` / `refunded` entries journal it (each cash
 * tender paid back is one refund of the report), and the cash given later in place of a declined part
 * (`refund` / `cash_instead`), of the shift's kind like its sales.
 */
function addRefunds(db: Database.Database, shiftId: string, sums: JournalSums): void {
  const refunds = db
    .prepare(
      `SELECT json_extract(j.entry, '$.data') FROM journal j
       JOIN refunds r ON r.id = json_extract(j.entry, '$.data.refundId')
       WHERE j.kind = 'refund' AND json_extract(j.entry, '$.data.action') IN ('refunded', 'cash_instead')
         AND json_extract(j.entry, '$.data.shiftId') = ?
         AND r.training = (SELECT training FROM shifts WHERE id = ?)`,
    )
    .pluck()
    .all(shiftId, shiftId) as string[];
  for (const text of refunds) {
    const refund = JSON.parse(text) as RefundedEntry | RefundCashInsteadEntry;
    for (const tender of refund.tenders) {
      if (tender.kind !== 'cash' || tender.status !== 'paid') continue;
      sums['refunds.count'] += 1;
      sums['refunds.total'] += tender.amount;
    }
  }
}

function firstMismatch(
  sums: JournalSums,
  report: ShiftFigures,
): { figure: string; journal: unknown; report: unknown } | null {
  const reported: Record<string, unknown> = {
    openingFloat: report.openingFloat,
    'sales.count': report.sales.count,
    'sales.total': report.sales.total,
    'payIns.count': report.payIns.count,
    'payIns.total': report.payIns.total,
    'payOuts.count': report.payOuts.count,
    'payOuts.total': report.payOuts.total,
    noSales: report.noSales,
    'refunds.count': report.refunds.count,
    'refunds.total': report.refunds.total,
    'count.counted': report.count?.counted ?? null,
  };
  for (const [figure, value] of Object.entries(reported)) {
    const journal = sums[figure as keyof JournalSums];
    if (journal !== value) return { figure, journal, report: value };
  }
  // Expected cash from the journal's float, pay-ins/outs and refunds with the report's cash takings.
  const expected =
    (sums.openingFloat ?? 0) +
    report.tenders.cash -
    sums['refunds.total'] +
    sums['payIns.total'] -
    sums['payOuts.total'];
  if (expected !== report.expectedCash)
    return { figure: 'expectedCash', journal: expected, report: report.expectedCash };
  const difference = (report.count?.counted ?? 0) - expected;
  if (report.count && difference !== report.count.difference)
    return { figure: 'count.difference', journal: difference, report: report.count.difference };
  if (!sums.closed || canonicalJson(sums.closed) !== canonicalJson(report))
    return { figure: 'figures as journalled at close', journal: sums.closed, report };
  return null;
}

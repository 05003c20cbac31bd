// The tenders of a sale (migration 0012): how its total was paid, in parts that add up to it (plus its
// cash rounding, migration 0017). Written
// once, in the sale's own transaction, and never changed; core/payment/tenders.ts holds the rules.
import type Database from 'better-sqlite3';
import { checkTenders, type Tender } from '../core/payment/tenders';
import type { TenderKind } from '../core/types';
import { StoreError } from './errors';

export type { Tender };

export interface TenderRecord extends Tender {
  saleId: string;
  /** The order it was taken in, from 1. */
  position: number;
}

interface TenderRow {
  sale_id: string;
  position: number;
  kind: TenderKind;
  amount: number;
  tendered: number | null;
  payment_id: string | null;
}

/**
 * Records the tenders of a sale that has none yet, inside the sale's transaction (or its own): they
 * must pay the sale's total exactly (`invalid_tenders` names what is wrong), and a code tender must be
 * its paid payment, whole. Returns them with the change to give back.
 */
export function recordTenders(
  db: Database.Database,
  saleId: string,
  tenders: readonly Tender[],
): { tenders: TenderRecord[]; change: number } {
  return db.transaction(() => {
    const sale = db.prepare('SELECT total, cash_rounding FROM sales WHERE id = ?').get(saleId) as
      { total: number; cash_rounding: number } | undefined;
    if (!sale) throw new StoreError('sale_not_found', `No sale ${saleId}`);
    // A counter sale's tenders pay its total plus the cash rounding (migration 0017).
    const checked = checkTenders(sale.total, tenders, sale.cash_rounding);
    if (!checked.ok) throw new StoreError('invalid_tenders', `Sale ${saleId}: ${checked.error.message}`);
    if (saleTenders(db, saleId).length > 0)
      throw new StoreError('invalid_tenders', `Sale ${saleId} has its tenders already; they never change`);
    const insert = db.prepare(
      'INSERT INTO sale_tenders (sale_id, position, kind, amount, tendered, payment_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    tenders.forEach((tender, i) => {
      try {
        insert.run(
          saleId,
          i + 1,
          tender.kind,
          tender.amount,
          tender.tendered ?? null,
          tender.paymentId ?? null,
        );
      } catch (error) {
        // The schema's own word (a code tender that is not its paid payment, whole), as a refusal.
        throw new StoreError(
          'invalid_tenders',
          `Sale ${saleId}, tender ${i + 1}: ${(error as Error).message}`,
        );
      }
    });
    return { tenders: saleTenders(db, saleId), change: checked.value.change };
  })();
}

/** The tenders of a sale in the order taken (none for an unknown sale). */
export function saleTenders(db: Database.Database, saleId: string): TenderRecord[] {
  const rows = db
    .prepare('SELECT * FROM sale_tenders WHERE sale_id = ? ORDER BY position')
    .all(saleId) as TenderRow[];
  return rows.map((row) => ({
    saleId: row.sale_id,
    position: row.position,
    kind: row.kind,
    amount: row.amount,
    ...(row.tendered !== null ? { tendered: row.tendered } : {}),
    ...(row.payment_id !== null ? { paymentId: row.payment_id } : {}),
  }));
}

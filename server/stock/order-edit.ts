// Changing a draft purchase order's lines before it is sent: lines added, removed, quantities changed,
// given as the whole new list. No terminal has seen a draft, so nothing was received against its lines
// and they can be replaced outright. Once sent, its store's terminals may have downloaded it and begun
// receiving against it: a sent PO is never edited (409), a correction is a new PO.
import type { Database } from '../db/database';
import type { Actor } from '../office/access';
import { recordAudit } from '../office/audit';
import type { Result } from '../result';
import {
  checkedLines,
  lockDraft,
  notInCatalog,
  summaries,
  type OrderLine,
  type PurchaseOrderSummary,
} from './orders';
import { insertDeliveryLines } from './po-import';

/** Replaces a draft's lines with `lines`, checked like a new PO's; audited with before and after. */
export async function replaceDraftLines(
  db: Database,
  actor: Actor,
  storeCode: string,
  number: string,
  newLines: readonly OrderLine[],
): Promise<Result<{ purchaseOrder: PurchaseOrderSummary }>> {
  const checked = checkedLines(newLines);
  if (!checked.ok) return checked;
  const { lines } = checked;
  return db.transaction(async (tx) => {
    const row = await lockDraft(
      tx,
      storeCode,
      number,
      'po_sent',
      'was already sent to store {store}, so it can no longer be edited',
    );
    if (!row.ok) return row;
    const missing = await notInCatalog(tx, lines);
    if (missing) return missing;
    const old = await tx.query<{ gtin: string; expected: unknown }>(
      'SELECT gtin, expected FROM expected_delivery_lines WHERE delivery_id = $1 ORDER BY position',
      [row.id],
    );
    await tx.query('DELETE FROM expected_delivery_lines WHERE delivery_id = $1', [row.id]);
    await insertDeliveryLines(tx, row.id, lines);
    await recordAudit(tx, actor, {
      action: 'purchase_order.update',
      targetType: 'purchase_order',
      targetId: number,
      store: storeCode,
      before: { lines: old.rows.map((l) => ({ gtin: l.gtin, quantity: Number(l.expected) })) },
      after: { lines },
    });
    const [after] = await summaries(tx, { storeCodes: [storeCode], number });
    return { ok: true as const, purchaseOrder: after! };
  });
}

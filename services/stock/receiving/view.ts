// A receiving as the stock screen shows it: each line expected against received, and what differs —
// short (fewer pieces arrived than expected), over (more), damaged (arrived broken, not into stock).
// A damaged piece did arrive: short and over compare expected with received + damaged.
import { findProduct } from '../../../db/catalog';
import type { Database } from '../../../db/open';
import { findReceiving, receivingLines, type ReceivingRow } from '../../../db/receivings';
import type { ReceivingView } from '../../api/contract';

export function receivingView(db: Database, row: ReceivingRow, language?: string): ReceivingView {
  const lines = receivingLines(db, row.id).map((l) => {
    const product = findProduct(db, l.gtin);
    const name = (language && product?.names?.[language]) || product?.name || l.gtin;
    return { gtin: l.gtin, name, unit: product?.unit ?? ('each' as const), ...counts(l) };
  });
  const differences = lines.flatMap((l) => {
    const arrived = l.received + l.damaged;
    const short = Math.max(0, l.expected - arrived);
    const over = Math.max(0, arrived - l.expected);
    return short || over || l.damaged ? [{ gtin: l.gtin, short, over, damaged: l.damaged }] : [];
  });
  return {
    id: row.id,
    reference: row.reference,
    supplier: row.supplier,
    delivery: row.delivery,
    state: row.state,
    lines,
    differences,
    staffId: row.staffId,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

const counts = (l: { expected: number; received: number; damaged: number }) => ({
  expected: l.expected,
  received: l.received,
  damaged: l.damaged,
});

/** The view of receiving `id`, or null when this terminal has none. */
export function viewOf(db: Database, id: string, language?: string): ReceivingView | null {
  const row = findReceiving(db, id);
  return row ? receivingView(db, row, language) : null;
}

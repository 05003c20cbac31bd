// Booking a receiving: ONE `stock.received` outbox event in the same SQLite transaction as the
// receiving's move to `finished` — the received pieces go into HQ's stock, the damaged ones are named
// apart (never booked), and the event names the delivery note, the supplier, the expected delivery,
// the receiving, the staff member and the terminal. Cancelling books nothing and frees the reference.
import { fail, ok, type Result } from '../../../core/result';
import type { StockPayloads } from '../../../core/sync';
import type { Database } from '../../../db/open';
import { appendEvent } from '../../../db/outbox';
import { closeReceiving, receivingLines, type ReceivingRow } from '../../../db/receivings';

export function finishReceiving(db: Database, row: ReceivingRow, now: Date): Result<ReceivingRow> {
  const lines = receivingLines(db, row.id);
  const received = lines.filter((l) => l.received > 0).map((l) => ({ gtin: l.gtin, quantity: l.received }));
  const damaged = lines.filter((l) => l.damaged > 0).map((l) => ({ gtin: l.gtin, quantity: l.damaged }));
  if (received.length === 0 && damaged.length === 0)
    return fail(
      'receiving_empty',
      'Nothing has been received yet: scan what arrived, or cancel the receiving',
    );
  const payload: StockPayloads['stock.received'] = {
    lines: received,
    reference: row.reference,
    supplier: row.supplier,
    ...(row.delivery ? { deliveryId: row.delivery.id } : {}),
    receivingId: row.id,
    ...(damaged.length > 0 ? { damaged } : {}),
    staffId: row.staffId,
    terminalId: row.terminalId,
  };
  const at = now.toISOString();
  const done = db.transaction(() => {
    if (!closeReceiving(db, row.id, 'finished', at)) return false;
    appendEvent(db, 'stock.received', payload, now);
    return true;
  })();
  if (!done) return fail('receiving_not_open', `Receiving ${row.reference} is not open any more`);
  return ok({ ...row, state: 'finished', finishedAt: at });
}

export function cancelReceiving(db: Database, row: ReceivingRow, now: Date): Result<ReceivingRow> {
  const at = now.toISOString();
  if (!closeReceiving(db, row.id, 'cancelled', at))
    return fail('receiving_not_open', `Receiving ${row.reference} is not open any more`);
  return ok({ ...row, state: 'cancelled', finishedAt: at });
}

// `openlane stock receive FILE.csv --reference X` obeys the delivery-once rule as the stock screen does:
// the reference is refused when this terminal already took it, and is recorded as a finished receiving
// (source `cli`) in the same transaction as the file's events, so the screen refuses it afterwards too.
// The HQ claim (when the terminal is enrolled and HQ answers) is made by the caller before this runs.
import { deliveryReferenceKey } from '../../../core/sync';
import type { Failure } from '../../../core/result';
import type { Database } from '../../../db/open';
import { addToReceivingLine, insertReceiving } from '../../../db/receivings';
import { takenHere } from './start';

export interface FileReceipt {
  receivingId: string;
  reference: string;
  staffId: string;
  terminalId: string;
}

/** Call inside the transaction that writes the file's events: the refusal, or null once recorded. */
export function bookFileReceipt(
  db: Database,
  receipt: FileReceipt,
  lines: readonly { gtin: string; quantity: number }[],
  now: Date,
): Failure | null {
  const reference = receipt.reference.trim();
  const key = deliveryReferenceKey(reference);
  const taken = takenHere(db, key);
  if (taken) return taken;
  insertReceiving(db, {
    id: receipt.receivingId,
    reference,
    referenceKey: key,
    supplier: '',
    delivery: null,
    state: 'finished',
    staffId: receipt.staffId,
    terminalId: receipt.terminalId,
    source: 'cli',
    startedAt: now.toISOString(),
  });
  for (const line of lines)
    addToReceivingLine(db, receipt.receivingId, {
      gtin: line.gtin,
      expected: 0,
      received: line.quantity,
      damaged: 0,
    });
  return null;
}

// Before `openlane stock receive FILE.csv --reference X` records anything: the reference must be free on
// this terminal, and, when the terminal is enrolled and HQ answers, at HQ too (the claim a receiving
// on the stock screen makes). HQ out of reach: the file is recorded offline, and HQ flags a double.
import { deliveryReferenceKey } from '../../../core/sync';
import { fail, ok, type Result } from '../../../core/result';
import { uuidv7 } from '../../../core/uuid7';
import type { Database } from '../../../db/open';
import { loadCredentials } from '../../sync/credentials';
import { createHqDeliveryDesk } from '../../sync/hq-delivery-desk';
import type { FileReceipt } from './file-receipt';
import { takenHere } from './start';

export async function claimFileReference(
  db: Database,
  dataDir: string,
  who: { reference: string; staffId: string; terminalId: string },
): Promise<Result<{ receipt: Omit<FileReceipt, 'reference'>; offline: string | null }>> {
  const reference = who.reference.trim();
  const taken = takenHere(db, deliveryReferenceKey(reference));
  if (taken) return taken;
  const receipt = { receivingId: uuidv7(), staffId: who.staffId, terminalId: who.terminalId };
  const credentials = loadCredentials(dataDir);
  if (!credentials) return ok({ receipt, offline: null });
  const answer = await createHqDeliveryDesk(credentials).claim({ ...receipt, reference });
  if (!answer.reachable) return ok({ receipt, offline: answer.why });
  if (answer.value.granted) return ok({ receipt, offline: null });
  const h = answer.value.holder;
  return fail(
    'delivery_already_received',
    `Delivery note ${reference} was already taken by ${h.staffId} on terminal ${h.terminalId} at ${h.at}: it is received once per store`,
  );
}

// Starting a receiving: against an expected delivery HQ sent down (its lines become the receiving's
// expected lines, less what the store has already received of them), or a free delivery from a named
// supplier. The delivery-once rule: a store takes a delivery note's reference once. Here, the terminal's
// own receivings decide at once (a unique index backs it); online, HQ is asked too, so a second terminal
// is refused; with HQ out of reach the receiving goes ahead, and HQ flags a double when both arrive.
import { deliveryReferenceKey } from '../../../core/sync';
import { fail, ok, type Result } from '../../../core/result';
import { uuidv7 } from '../../../core/uuid7';
import type { Database } from '../../../db/open';
import {
  addToReceivingLine,
  findExpectedDelivery,
  insertReceiving,
  receivingWithReference,
  type ReceivingRow,
} from '../../../db/receivings';
import type { ReceiveStartInput } from '../../api/contract';
import type { OnDuty } from '../../checkout/context';
import type { DeliveryDesk } from './desk';

export interface StartContext {
  db: Database;
  terminalId: string;
  desk: DeliveryDesk | null;
  now: Date;
}

/** Starts a receiving; the new receiving's row, or why not. */
export async function startReceiving(
  c: StartContext,
  input: ReceiveStartInput,
  staff: Pick<OnDuty, 'id'>,
): Promise<Result<ReceivingRow>> {
  const reference = input.reference.trim();
  const key = deliveryReferenceKey(reference);
  const taken = takenHere(c.db, key);
  if (taken) return taken;
  const delivery = input.deliveryId === undefined ? null : findExpectedDelivery(c.db, input.deliveryId);
  if (input.deliveryId !== undefined && !delivery)
    return fail(
      'delivery_not_found',
      `No expected delivery ${input.deliveryId} on this terminal: sync with HQ, or receive it as a free delivery`,
    );
  const supplier = (input.supplier ?? delivery?.from ?? '').trim();
  const id = uuidv7();
  if (c.desk) {
    const answer = await c.desk.claim({
      receivingId: id,
      reference,
      terminalId: c.terminalId,
      staffId: staff.id,
    });
    if (answer.reachable && !answer.value.granted) {
      const h = answer.value.holder;
      return fail(
        'delivery_already_received',
        `Delivery note ${reference} was already taken by ${h.staffId} on terminal ${h.terminalId} at ${h.at}: it is received once per store`,
        { holder: h },
      );
    }
  }
  const row: Omit<ReceivingRow, 'finishedAt'> = {
    id,
    reference,
    referenceKey: key,
    supplier,
    delivery: delivery ? { id: delivery.id, kind: delivery.kind, number: delivery.number } : null,
    state: 'open',
    staffId: staff.id,
    terminalId: c.terminalId,
    source: 'screen',
    startedAt: c.now.toISOString(),
  };
  // HQ answered meanwhile: another start of the same note on this terminal may have gone first.
  const written = c.db.transaction(() => {
    const again = takenHere(c.db, key);
    if (again) return again;
    insertReceiving(c.db, row);
    for (const line of delivery?.lines ?? []) {
      const expected = Math.max(0, line.expected - line.received);
      addToReceivingLine(c.db, id, { gtin: line.gtin, expected, received: 0, damaged: 0 });
    }
    return null;
  })();
  return written ?? ok({ ...row, finishedAt: null });
}

/** The refusal when this terminal already took the reference, naming when and by whom; else null. */
export function takenHere(db: Database, key: string) {
  const held = receivingWithReference(db, key);
  if (!held) return null;
  const how = held.state === 'open' ? 'is being received' : 'was received';
  return fail(
    'delivery_already_received',
    `Delivery note ${held.reference} ${how} here by ${held.staffId} (started ${held.startedAt}): it is received once per store`,
    {
      holder: {
        receivingId: held.id,
        terminalId: held.terminalId,
        staffId: held.staffId,
        at: held.startedAt,
      },
    },
  );
}

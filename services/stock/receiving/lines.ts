// Taking pieces in: a scan adds one, a typed quantity that many; damaged pieces are counted apart (they
// arrived, but do not go into stock). Receive-all takes every expected line in as expected, for a
// trusted supplier. Only an open receiving takes lines.
import { MAX_EVENT_LINES } from '../../../core/sync';
import { fail, ok, type Result } from '../../../core/result';
import { addToReceivingLine, findReceiving, receivingLines, type ReceivingRow } from '../../../db/receivings';
import type { CheckoutContext } from '../../checkout/context';
import { productOfCode } from './item';

export interface LineInput {
  receivingId: string;
  code: string;
  quantity: number;
  damaged?: boolean;
}

export function receiveLine(ctx: CheckoutContext, input: LineInput): Result<ReceivingRow> {
  const open = openReceiving(ctx, input.receivingId);
  if (!open.ok) return open;
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1)
    return fail('invalid_quantity', 'A quantity received must be a whole number of at least 1');
  const product = productOfCode(ctx, input.code);
  if (!product.ok) return product;
  const lines = receivingLines(ctx.db, input.receivingId);
  if (!lines.some((l) => l.gtin === product.value.gtin) && lines.length >= MAX_EVENT_LINES)
    return fail(
      'receiving_full',
      `A receiving holds at most ${MAX_EVENT_LINES} items: finish it and start another`,
    );
  const damaged = input.damaged === true;
  addToReceivingLine(ctx.db, input.receivingId, {
    gtin: product.value.gtin,
    expected: 0,
    received: damaged ? 0 : input.quantity,
    damaged: damaged ? input.quantity : 0,
  });
  return ok(open.value);
}

/** Every expected line brought up to what was expected (nothing taken away from a line already over). */
export function receiveAll(ctx: CheckoutContext, receivingId: string): Result<ReceivingRow> {
  const open = openReceiving(ctx, receivingId);
  if (!open.ok) return open;
  const lines = receivingLines(ctx.db, receivingId).filter((l) => l.expected > 0);
  if (lines.length === 0)
    return fail('nothing_expected', 'This delivery lists nothing to expect: scan what arrived instead');
  ctx.db.transaction(() => {
    for (const l of lines) {
      const missing = l.expected - l.received - l.damaged;
      if (missing > 0)
        addToReceivingLine(ctx.db, receivingId, { gtin: l.gtin, expected: 0, received: missing, damaged: 0 });
    }
  })();
  return ok(open.value);
}

/** The receiving, if it exists here and is still open. */
export function openReceiving(ctx: CheckoutContext, id: string): Result<ReceivingRow> {
  const row = findReceiving(ctx.db, id);
  if (!row) return fail('receiving_not_found', `No receiving ${id} on this terminal`);
  if (row.state !== 'open')
    return fail(
      'receiving_not_open',
      `Receiving ${row.reference} is ${row.state} already: start a new one for another delivery`,
    );
  return ok(row);
}

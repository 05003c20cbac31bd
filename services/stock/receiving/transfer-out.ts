// A transfer out to another store of the chain: the goods leave this store's stock (one
// `stock.transferred` event, direction out, in the same transaction as the transfer's row), under a
// number of this terminal (S001-C01-T000001) that HQ turns into an expected delivery at the other store.
import { fail, ok, type Result } from '../../../core/result';
import { transferNumber, type StockPayloads } from '../../../core/sync';
import { uuidv7 } from '../../../core/uuid7';
import { appendEvent } from '../../../db/outbox';
import { insertTransferOut, nextTransferSequence } from '../../../db/receivings';
import type { StockMovementView, TransferOutInput } from '../../api/contract';
import type { CheckoutContext, OnDuty } from '../../checkout/context';
import { productOfCode } from './item';

/** A store code as HQ knows stores (server/auth/enrolment.ts's STORE_CODE). */
const STORE_CODE = /^[A-Za-z0-9_]{1,32}$/;

export function transferOut(
  ctx: CheckoutContext,
  input: TransferOutInput,
  staff: Pick<OnDuty, 'id'>,
  now: Date,
): Result<StockMovementView> {
  const toStore = input.toStore.trim();
  if (!STORE_CODE.test(toStore))
    return fail('invalid_store', `"${toStore}" is not a store code: 1 to 32 letters, digits or _`);
  if (toStore === ctx.settings.storeId)
    return fail('transfer_to_self', `A transfer goes to another store, not to ${toStore} itself`);
  const lines: { gtin: string; name: string; quantity: number }[] = [];
  for (const [i, line] of input.lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      return fail('invalid_quantity', `Line ${i + 1}: a quantity must be a whole number of at least 1`);
    const product = productOfCode(ctx, line.code);
    if (!product.ok)
      return fail(product.error.code, `Line ${i + 1}: ${product.error.message}`, { line: i + 1 });
    const same = lines.find((l) => l.gtin === product.value.gtin);
    if (same) same.quantity += line.quantity;
    else lines.push({ gtin: product.value.gtin, name: product.value.name, quantity: line.quantity });
  }
  const { storeId, terminalId } = ctx.settings;
  const id = uuidv7();
  const at = now.toISOString();
  const number = ctx.db.transaction(() => {
    const sequence = nextTransferSequence(ctx.db);
    const made = transferNumber(storeId, terminalId, sequence);
    const moved = lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity }));
    insertTransferOut(ctx.db, {
      id,
      number: made,
      sequence,
      toStore,
      lines: moved,
      staffId: staff.id,
      terminalId,
      createdAt: at,
    });
    const payload: StockPayloads['stock.transferred'] = {
      direction: 'out',
      otherStore: toStore,
      lines: moved,
      number: made,
      staffId: staff.id,
      terminalId,
    };
    appendEvent(ctx.db, 'stock.transferred', payload, now);
    return made;
  })();
  return ok({
    id,
    kind: 'transfer_out',
    lines,
    reason: null,
    toStore,
    number,
    staffId: staff.id,
    at,
  });
}

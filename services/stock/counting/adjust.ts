// A correction by hand with its reason (damaged, expired, theft, sample, found): one `stock.adjusted`
// event naming the staff member and the device, so on hand moves here at once and at HQ when it arrives.
import type { StockPayloads } from '../../../core/sync/events';
import { appendEvent } from '../../../db/outbox';
import type { AdjustInput, ApiResult, StockMovementView } from '../../api/contract';
import type { CheckoutContext, OnDuty } from '../../checkout/context';
import { fail, ok } from '../../checkout/result';
import { findStockItem } from './find-item';
import { deviceOf } from './sessions';

export function adjustStock(
  ctx: CheckoutContext,
  input: AdjustInput,
  staff: OnDuty,
  now: Date,
): ApiResult<StockMovementView> {
  const found = findStockItem(ctx, input.code, now);
  if (!found.ok) return fail(found.code, found.message);
  const { product } = found;
  const note = input.note?.trim();
  // HQ stores the note as text, which cannot hold a NUL: the adjustment would never arrive there.
  if (note?.includes('\u0000')) return fail('invalid_note', 'The note holds a NUL character: type it again');
  const payload: StockPayloads['stock.adjusted'] = {
    lines: [{ gtin: product.gtin, quantity: input.quantity }],
    reason: input.reason,
    ...(note ? { note } : {}),
    staffId: staff.id,
    deviceId: deviceOf(ctx, input.device),
  };
  const id = ctx.db.transaction(() => appendEvent(ctx.db, 'stock.adjusted', payload, now)).immediate();
  return ok({
    id,
    kind: 'adjustment',
    lines: [{ gtin: product.gtin, name: product.name, quantity: input.quantity }],
    reason: input.reason,
    toStore: null,
    number: null,
    staffId: staff.id,
    at: now.toISOString(),
  });
}

// The weighing side of the TerminalApi: scale.weigh / scale.stop / scale.add, and the rule that on a
// kiosk with a scale the weight is the scale's: a typed weight needs an attendant's badge and PIN
// (the same staff gate as "mark as paid", services/checkout/attendants.ts), journalled with the line
// (db/typed-weights.ts). The counter types weights.
import { productNames } from '../../db/catalog-names';
import type { ApiResult, BasketView, ScaleReadingView, ScaleState, TerminalApi } from '../api/contract';
import { addTypedWeightLine } from '../../db/typed-weights';
import { addItemScan, scanPolicy } from '../checkout/basket-handlers';
import { staffGateOf, type StaffGate } from '../checkout/attendants';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { resolveScan, type ScanAction } from '../checkout/scan-lookup';
import type { TerminalScale } from './terminal-scale';

type AddScan = TerminalApi['basket.addScan'];
type ScaleHandlers = Pick<TerminalApi, 'scale.weigh' | 'scale.stop' | 'scale.add' | 'basket.addScan'>;

/** Why the scale has no weight to sell, for the refusal's message (the screen words it itself). */
const NOT_READY: Record<Exclude<ScaleState, 'stable'>, string> = {
  'too-light': 'the weight is under the store’s minimum',
  motion: 'the scale is still moving',
  zero: 'the scale is empty',
  'under-zero': 'the scale reads below zero',
  'over-capacity': 'the item is too heavy for the scale',
  'zero-error': 'the scale cannot find its zero',
  'not-answering': 'the scale is not answering',
  disconnected: 'the scale is not connected',
};

/**
 * The scale handlers, and `basket.addScan` wrapped by the typed-weight rule. `addScan` is the basket's
 * own handler: scale.add goes through it with the scale's weight.
 */
export function scaleHandlers(
  ctx: CheckoutContext,
  scale: TerminalScale | null,
  addScan: AddScan,
  gate: StaffGate = staffGateOf(ctx),
): ScaleHandlers {
  const noScale = () => fail('no_scale', 'This terminal has no scale');
  return {
    'basket.addScan': async (input) => {
      if (input.weightGrams === undefined || !scale || ctx.settings.role !== 'kiosk') return addScan(input);
      if (!input.attendant)
        return fail(
          'weight_from_scale',
          'On this kiosk the weight comes from the scale; an attendant may enter one with their badge and PIN',
        );
      const staff = gate.check(input.attendant.badge, input.attendant.pin, 'typed_weight');
      if (!staff.ok) return fail(staff.code, staff.message);
      const action = weighable(ctx, input.code);
      if (!action.ok) return action;
      // The line and the journal's record of who typed the weight, and why, in one transaction.
      const typed = { attendantId: staff.attendant.id, scaleState: scale.reading().state };
      return addItemScan(ctx, action.value, input.source, input.weightGrams, (basketId, item, grams) =>
        addTypedWeightLine(ctx.db, basketId, item, grams, typed),
      );
    },
    'scale.weigh': async ({ code, source }) => {
      if (!scale) return noScale();
      const action = weighable(ctx, code);
      if (!action.ok) return action;
      scale.startPolling();
      const { item } = action.value;
      return ok({
        code,
        source,
        name: item.name,
        names: productNames(ctx.db, item.gtin),
        unitPrice: item.unitPrice,
        currency: ctx.settings.currency,
        taxRateBp: item.taxRateBp,
        minimumWeightGrams: scale.settings.minimumWeightGrams,
        reading: scale.reading(),
      });
    },
    'scale.stop': async () => {
      if (!scale) return noScale();
      scale.stopPolling();
      return ok<ScaleReadingView>(scale.reading());
    },
    'scale.add': async ({ code, source }): Promise<ApiResult<BasketView>> => {
      if (!scale) return noScale();
      const grams = scale.sellableGrams();
      if (grams === null) {
        const state = scale.reading().state;
        const why = state === 'stable' ? 'the scale has not confirmed the weight yet' : NOT_READY[state];
        return fail('weight_not_ready', `No weight to sell: ${why}`);
      }
      const added = await addScan({ code, source, weightGrams: grams });
      if (added.ok) scale.stopPolling();
      return added;
    },
  };
}

/** The item a code names, when it is one to weigh: sold by kg, with no weight in its barcode. */
function weighable(ctx: CheckoutContext, code: string): ApiResult<Extract<ScanAction, { kind: 'add' }>> {
  const action = resolveScan(ctx.db, code, scanPolicy(ctx));
  if (action.kind === 'refuse') return fail(action.code, action.message);
  if (action.kind !== 'add' || action.item.unit !== 'kg' || action.quantity !== null)
    return fail('not_weighed', `${code} is not an item to weigh`);
  return ok(action);
}

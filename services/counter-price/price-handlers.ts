// The counter's own tools on a sale: price override of a line, line and whole-sale discounts (by
// amount or %), taking them back, and the void key. Only at a counter, only with someone signed in;
// each names them (and the approving supervisor) in the journal. The kiosk never offers these.
import {
  discountAmount,
  percentOffBp,
  priceBasket,
  type Discount,
  type PricedLine,
} from '../../core/pricing/adjustments';
import type { Failure } from '../../core/result';
import {
  adjustedBasket,
  liveAdjustments,
  removeAdjustment,
  writeAdjustment,
  type AdjustedLineRecord,
} from '../../db/basket-adjustments';
import { currentBasket, type BasketRecord } from '../../db/baskets';
import { voidSale } from '../../db/sale-voids';
import type { ApiResult, BasketView, SessionView, TerminalApi } from '../api/contract';
import { emitBasket } from '../checkout/basket-handlers';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';
import { forgetLanguage } from '../checkout/shopper-language';
import { authorise, journalWithApproval, percentToBp, type Authorised } from './limits';

type PriceHandlers = Pick<
  TerminalApi,
  | 'basket.overridePrice'
  | 'basket.discountLine'
  | 'basket.discountSale'
  | 'basket.removeDiscount'
  | 'sale.void'
>;

interface Open {
  duty: OnDuty;
  basket: BasketRecord;
}

/** The price handlers; `session` is what the screen shows after a void (the empty counter). */
export function counterPriceHandlers(ctx: CheckoutContext, session: () => SessionView): PriceHandlers {
  return {
    'basket.overridePrice': async (input) => withOpenSale(ctx, (open) => overridePrice(ctx, open, input)),
    'basket.discountLine': async (input) => withOpenSale(ctx, (open) => discountLine(ctx, open, input)),
    'basket.discountSale': async (input) => withOpenSale(ctx, (open) => discountSale(ctx, open, input)),
    'basket.removeDiscount': async (input) => withOpenSale(ctx, (open) => removeDiscount(ctx, open, input)),
    'sale.void': async ({ reason, note }) => {
      const words = note?.trim() ?? '';
      if (reason === 'other' && words === '')
        return fail('invalid_reason', 'Say why the sale is voided: choose a reason or type one');
      const result = withOpenSale(ctx, ({ duty, basket }) => {
        voidSale(ctx.db, basket.id, duty.id, words ? `${reason}: ${words}` : reason);
        return null;
      });
      if (!result.ok) return result;
      forgetLanguage(ctx);
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
  };
}

/** Runs a change on the counter's open sale, or says why not; a store refusal comes back as a value. */
function withOpenSale<T>(ctx: CheckoutContext, change: (open: Open) => T | Failure): ApiResult<T> {
  if (ctx.settings.role !== 'counter')
    return fail('not_counter', 'Prices are changed and sales voided only at a counter');
  const duty = ctx.duty.current;
  if (!duty) return fail('not_signed_in', 'Sign in at the counter first');
  const basket = currentBasket(ctx.db);
  if (basket?.status === 'paying')
    return fail('payment_in_progress', 'A payment is in progress; cancel it before changing the sale');
  if (!basket || basket.status !== 'open') return fail('basket_empty', 'There is no sale in progress');
  try {
    const result = change({ duty, basket });
    if (isFailure(result)) return result;
    return ok(result);
  } catch (error) {
    return refusal(error);
  }
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

function findLine(ctx: CheckoutContext, basketId: string, lineId: string) {
  const state = adjustedBasket(ctx.db, basketId);
  const line = state.lines.find((l) => l.id === lineId);
  return { state, line };
}

/** One line priced alone with its adjustments (a line's own figures do not depend on the others). */
function priceOne(ctx: CheckoutContext, line: AdjustedLineRecord): PricedLine {
  return priceBasket([line], null, ctx.settings.taxMode).lines[0]!;
}

function overridePrice(
  ctx: CheckoutContext,
  { duty, basket }: Open,
  input: Parameters<TerminalApi['basket.overridePrice']>[0],
): BasketView | Failure {
  const { line } = findLine(ctx, basket.id, input.lineId);
  if (!line) return fail('line_not_found', `The sale has no line ${input.lineId}`);
  const before = priceOne(ctx, line);
  const after = priceOne(ctx, { ...line, priceOverride: input.unitPrice });
  const percent = percentOffBp(after.original, after.lineTotal);
  const auth = authorise(ctx, duty, percent, input.approval);
  if ('ok' in auth) return auth;
  const details = { basketId: basket.id, lineId: line.id, act: 'price_override', percentOffBp: percent };
  journalWithApproval(ctx, auth, details, () =>
    writeAdjustment(
      ctx.db,
      basket.id,
      { lineId: line.id, kind: 'price_override', unitPrice: input.unitPrice, reason: input.reason, ...auth },
      {
        action: 'price_override',
        basketId: basket.id,
        lineId: line.id,
        gtin: line.gtin,
        name: line.name,
        ...auth,
        currency: basket.currency,
        originalUnitPrice: line.unitPrice,
        unitPrice: input.unitPrice,
        amount: after.base - before.base,
        percentOffBp: percent,
        reason: input.reason,
        change: 'given',
      },
    ),
  );
  return emitBasket(ctx, basket.id);
}

/** A typed discount as core prices it, or why it is not one. */
function toDiscount(kind: Discount['kind'], value: number): Discount | Failure {
  if (kind === 'percent') {
    const bp = percentToBp(value);
    return bp === null
      ? fail(
          'invalid_discount',
          `A percent discount is from 0.01 to 100 with two decimals at most, got ${value}`,
        )
      : { kind, value: bp };
  }
  if (!Number.isSafeInteger(value) || value <= 0)
    return fail(
      'invalid_discount',
      `An amount discount is a whole number of minor units above 0, got ${value}`,
    );
  return { kind, value };
}

function discountLine(
  ctx: CheckoutContext,
  { duty, basket }: Open,
  input: Parameters<TerminalApi['basket.discountLine']>[0],
): BasketView | Failure {
  const { line } = findLine(ctx, basket.id, input.lineId);
  if (!line) return fail('line_not_found', `The sale has no line ${input.lineId}`);
  const discount = toDiscount(input.kind, input.value);
  if ('ok' in discount) return discount;
  const base = priceOne(ctx, { ...line, discount: null }).base;
  if (discount.kind === 'amount' && discount.value > base)
    return fail('invalid_discount', `The discount ${discount.value} is more than the line's ${base}`, {
      max: base,
    });
  const after = priceOne(ctx, { ...line, discount });
  const percent = percentOffBp(after.original, after.lineTotal);
  const auth = authorise(ctx, duty, percent, input.approval);
  if ('ok' in auth) return auth;
  return giveDiscount(ctx, basket, line.id, discount, auth, {
    amount: after.lineDiscount,
    percentOffBp: percent,
    reason: input.reason,
  });
}

function discountSale(
  ctx: CheckoutContext,
  { duty, basket }: Open,
  input: Parameters<TerminalApi['basket.discountSale']>[0],
): BasketView | Failure {
  const discount = toDiscount(input.kind, input.value);
  if ('ok' in discount) return discount;
  const { lines } = adjustedBasket(ctx.db, basket.id);
  const subtotal = priceBasket(lines, null, ctx.settings.taxMode).totals.subtotal;
  if (subtotal <= 0) return fail('invalid_discount', 'There is nothing in the sale to discount');
  if (discount.kind === 'amount' && discount.value > subtotal)
    return fail('invalid_discount', `The discount ${discount.value} is more than the sale's ${subtotal}`, {
      max: subtotal,
    });
  const amount = discountAmount(subtotal, discount);
  const percent = percentOffBp(subtotal, subtotal - amount);
  const auth = authorise(ctx, duty, percent, input.approval);
  if ('ok' in auth) return auth;
  return giveDiscount(ctx, basket, null, discount, auth, {
    amount,
    percentOffBp: percent,
    reason: input.reason,
  });
}

/** Writes a line's (lineId) or the sale's (null) discount with its journal entry; the basket as it now is. */
function giveDiscount(
  ctx: CheckoutContext,
  basket: BasketRecord,
  lineId: string | null,
  discount: Discount,
  auth: Authorised,
  facts: { amount: number; percentOffBp: number; reason: string },
): BasketView {
  const { staffId, approverId } = auth;
  const kind = lineId ? 'line_discount' : 'sale_discount';
  const details = {
    basketId: basket.id,
    lineId,
    act: kind,
    percentOffBp: facts.percentOffBp,
    amount: facts.amount,
  };
  journalWithApproval(ctx, auth, details, () =>
    writeAdjustment(
      ctx.db,
      basket.id,
      { lineId, kind, discount, reason: facts.reason, staffId, approverId },
      {
        action: 'discount',
        basketId: basket.id,
        lineId,
        currency: basket.currency,
        ...discount,
        staffId,
        approverId,
        ...facts,
        change: 'given',
      },
    ),
  );
  return emitBasket(ctx, basket.id);
}

/** Taking a change back raises the price again: no approval needed, journalled all the same. */
function removeDiscount(
  ctx: CheckoutContext,
  { duty, basket }: Open,
  input: Parameters<TerminalApi['basket.removeDiscount']>[0],
): BasketView | Failure {
  const lineId = input.lineId ?? null;
  const kind =
    lineId === null
      ? 'sale_discount'
      : input.adjustment === 'price_override'
        ? 'price_override'
        : 'line_discount';
  if (lineId === null && input.adjustment === 'price_override')
    return fail('invalid_input', 'A price override belongs to a line: say which (lineId)');
  const live = liveAdjustments(ctx.db, basket.id).find((a) => a.lineId === lineId && a.kind === kind);
  if (!live)
    return fail(
      'no_discount',
      lineId ? `Line ${lineId} has no ${kind.replace('_', ' ')}` : 'The sale has no discount',
    );
  const common = { basketId: basket.id, staffId: duty.id, approverId: null, currency: basket.currency };
  const line = lineId ? findLine(ctx, basket.id, lineId).line : undefined;
  const entry =
    kind === 'price_override' && line
      ? {
          ...common,
          action: 'price_override' as const,
          lineId: line.id,
          gtin: line.gtin,
          name: line.name,
          originalUnitPrice: line.unitPrice,
          unitPrice: line.unitPrice,
          amount: priceOne(ctx, { ...line, priceOverride: null }).base - priceOne(ctx, line).base,
          percentOffBp: 0,
          reason: live.reason,
          change: 'removed' as const,
        }
      : {
          ...common,
          action: 'discount' as const,
          lineId,
          ...live.discount!,
          amount: 0,
          percentOffBp: 0,
          reason: live.reason,
          change: 'removed' as const,
        };
  removeAdjustment(ctx.db, basket.id, lineId, kind, entry);
  return emitBasket(ctx, basket.id);
}

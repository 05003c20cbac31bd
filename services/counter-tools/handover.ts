// A kiosk basket handed over to the counter. The kiosk shows a six-digit code (and a QR of it); the
// counter sends the code over the lane link — signed with the store key like every lane-link request,
// so only a terminal of this store can take a basket — and the kiosk answers with the basket's lines,
// closing it as handed over in the same transaction. The counter records the handover it took, so a
// retried or replayed answer never rings the same basket up twice.
import { z } from 'zod';
import { currentBasket } from '../../db/baskets';
import { requireNoSale } from '../../db/counter-sale';
import { claimHandover, offerHandover, receiveHandover, withdrawHandover } from '../../db/handovers';
import type { Result } from '../../core/result';
import type { ApiResult, BasketView, HandoverOfferView, SessionView, TerminalApi } from '../api/contract';
import { emitBasket } from '../checkout/basket-handlers';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';
import type { StoreKeyRing } from '../lanes/key-ring';
import { linkRequest, type LinkRoute } from '../lanes/link-http';

/** The kiosk's lane-link route a counter claims a basket on. */
export const HANDOVER_PATH = '/link/v1/handover';

const QR = /^OLH:([A-Za-z0-9]{1,8}):(\d{6})$/;

/** What the kiosk's QR holds. */
export const handoverQr = (laneId: string, code: string): string => `OLH:${laneId}:${code}`;

/** A handover code as scanned (the QR) or typed (six digits), or null for anything else. */
export function parseHandoverCode(text: string): { laneId: string | null; code: string } | null {
  const trimmed = text.trim();
  const qr = QR.exec(trimmed);
  if (qr) return { laneId: qr[1]!, code: qr[2]! };
  return /^\d{6}$/.test(trimmed) ? { laneId: null, code: trimmed } : null;
}

const claimSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

const lineSchema = z.object({
  gtin: z.string(),
  barcode: z.string(),
  name: z.string(),
  unit: z.enum(['each', 'kg']),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  taxRateBp: z.number().int(),
  ageLimit: z.number().int().nullable(),
  lot: z.string().nullable().optional(),
  serial: z.string().nullable().optional(),
  expiry: z.string().nullable().optional(),
  names: z.record(z.string(), z.string()).nullable().optional(),
});

const handedSchema = z.object({
  handoverId: z.string().min(1).max(64),
  currency: z.string().regex(/^[A-Z]{3}$/),
  member: z.object({ program: z.string(), memberId: z.string() }).nullable(),
  lines: z.array(lineSchema).max(1000),
});

/**
 * The kiosk's side: "Pay at the counter" offers the basket under a code, and the lane-link route
 * through which a counter claims it. `linkOn`: whether counters can reach this kiosk now.
 */
export function kioskHandover(
  ctx: CheckoutContext,
  session: () => SessionView,
  linkOn: () => boolean,
): { handlers: Pick<TerminalApi, 'handover.offer' | 'handover.withdraw'>; route: LinkRoute } {
  return {
    handlers: {
      'handover.offer': async () => {
        if (ctx.settings.role !== 'kiosk')
          return fail('not_kiosk', 'Only a self-checkout kiosk hands its basket to the counter');
        if (!linkOn())
          return fail(
            'link_off',
            'The lane link is off: the counter cannot take this basket, call an attendant',
          );
        const basket = currentBasket(ctx.db);
        if (!basket) return fail('empty_basket', 'There is nothing in the basket to take to the counter');
        try {
          const offer = offerHandover(ctx.db, basket.id);
          const view: HandoverOfferView = {
            code: offer.code,
            laneId: ctx.settings.terminalId,
            qr: handoverQr(ctx.settings.terminalId, offer.code),
          };
          return ok(view);
        } catch (error) {
          return refusal(error);
        }
      },
      'handover.withdraw': async () => {
        const basket = currentBasket(ctx.db);
        if (basket) withdrawHandover(ctx.db, basket.id);
        return ok({ withdrawn: basket !== null });
      },
    },
    route: async ({ from, body }) => {
      const parsed = claimSchema.safeParse(body);
      if (!parsed.success) return fail('invalid_input', 'A handover claim carries {code: six digits}');
      try {
        const handed = claimHandover(ctx.db, parsed.data.code, from);
        // The basket left with the counter: the kiosk is ready for the next shopper.
        const view = session();
        if (view.basket === null) ctx.events.emit({ type: 'session.reset', session: view });
        return ok(handed);
      } catch (error) {
        return refusal(error);
      }
    },
  };
}

/** The counter's side: take a kiosk's basket by its code, asking the named kiosk or each one set up. */
export function counterHandover(
  ctx: CheckoutContext,
  keys: StoreKeyRing,
): Pick<TerminalApi, 'handover.claim'> {
  return {
    'handover.claim': async ({ code: text }) => {
      if (ctx.settings.role !== 'counter') return fail('not_counter', 'Only a counter takes a kiosk basket');
      const wanted = parseHandoverCode(text);
      if (!wanted)
        return fail(
          'invalid_handover_code',
          `"${text.slice(0, 40)}" is no kiosk basket code: type its 6 digits`,
        );
      try {
        requireNoSale(ctx.db);
      } catch (error) {
        return refusal(error);
      }
      const key = keys.current();
      if (!key) return fail('link_off', 'No store key is set: this counter cannot reach the kiosks');
      const lanes = ctx.settings.lanes.lanes.filter((l) => wanted.laneId === null || l.id === wanted.laneId);
      if (lanes.length === 0)
        return fail(
          'lane_unknown',
          wanted.laneId
            ? `Kiosk ${wanted.laneId} is not in this counter's settings (lanes.lanes)`
            : 'No kiosk is set up for this counter (settings.json lanes.lanes)',
        );
      let failure: Result<never> | null = null;
      for (const lane of lanes) {
        const answer = await linkRequest(
          { url: lane.url, key, fallbackKey: keys.previous(), from: ctx.settings.terminalId },
          HANDOVER_PATH,
          { code: wanted.code },
        );
        if (!answer.ok) {
          if (answer.error.code !== 'handover_not_found' || !failure) failure = answer;
          continue;
        }
        const handed = handedSchema.safeParse(answer.value);
        if (!handed.success)
          return fail('link_invalid', `Kiosk ${lane.id} answered with a basket this counter cannot read`);
        return receive(ctx, { ...handed.data, laneId: lane.id });
      }
      return failure ?? fail('handover_not_found', `No kiosk basket is waiting under ${wanted.code}`);
    },
  };
}

function receive(
  ctx: CheckoutContext,
  handed: z.infer<typeof handedSchema> & { laneId: string },
): ApiResult<BasketView> {
  try {
    const basket = receiveHandover(ctx.db, handed, {
      staffId: ctx.duty.current?.id ?? null,
      currency: ctx.settings.currency,
    });
    return ok(emitBasket(ctx, basket.id));
  } catch (error) {
    return refusal(error);
  }
}

// What POST /v1/events accepts. The envelope must be right or the batch is refused (400, nothing
// written); each event inside is then checked on its own, so one bad event is rejected by itself.
// The shapes are core/sync's; each schema is typed against its shape, so the two cannot drift.
import { z } from 'zod';
import { checkGtin } from '../../core/barcode/gtin';
import { CURRENCY_CODE } from '../../core/money';
import type { SaleFacts, StockEventType, StockPayloads, WireEvent } from '../../core/sync';
import { MAX_BATCH_EVENTS, MAX_EVENT_LINES } from '../../core/sync';
import { MAX_QUANTITY, isRealTime } from '../../core/sync/values';

export { MAX_BATCH_EVENTS, RECORDED_FAMILIES } from '../../core/sync';
export type { StockEventType } from '../../core/sync';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isoTime = z
  .string()
  .regex(ISO_TIME, 'must be an ISO 8601 time like 2025-03-01T09:30:00.000Z')
  .refine(
    (text) => !ISO_TIME.test(text) || isRealTime(text),
    'is not a real time (a month 01-12, a day that month has, 00:00:00-23:59:59, an offset up to ±15:59)',
  );

export const batchSchema = z.strictObject({
  /** The terminal's clock when it sent the batch: how its clock skew is measured. */
  sentAt: isoTime.optional(),
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS),
});

export const eventSchema = z.strictObject({
  id: z.string().regex(UUID_V7, 'must be a UUIDv7 made on the terminal'),
  type: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must be like sale.completed'),
  payload: z.unknown().refine((v) => v !== undefined, 'is missing'),
  occurredAt: isoTime,
}) satisfies z.ZodType<WireEvent>;

export type IncomingEvent = WireEvent;

export const gtin = z.string().transform((value, ctx) => {
  const checked = checkGtin(value);
  if (checked.ok) return checked.gtin14;
  ctx.addIssue({ code: 'custom', message: `barcode ${checked.message}` });
  return z.NEVER;
});
export const count = z
  .number()
  .int()
  .min(-MAX_QUANTITY, `must be at least -${MAX_QUANTITY}`)
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** A sold line as the stock ledger needs it: which product and how many (grams for kg). */
const soldLine = z.looseObject({ gtin, quantity: count.positive() });

export const saleSchema = z.looseObject({
  id: z.string().regex(UUID, 'must be a UUID'),
  receiptNumber: z.string().min(1).max(64),
  terminalId: z.string().min(1).max(64),
  storeId: z.string().max(64).optional(),
  currency: z.string().regex(CURRENCY_CODE, 'must be an ISO 4217 code like CNY'),
  total: count.nonnegative(),
  taxTotal: count.nonnegative(),
  soldAt: isoTime,
  receipt: z.looseObject({ lines: z.array(z.unknown()).optional() }),
  /** The stock lines; when absent, the receipt's lines must carry their GTIN. */
  lines: z.array(soldLine).max(MAX_EVENT_LINES).optional(),
  /** A training sale (the terminal's payments were simulated): kept, but out of every total and the stock. */
  training: z.boolean().optional(),
}) satisfies z.ZodType<SaleFacts>;

/** The lines of a sale that move stock: `lines` if sent, else the receipt's lines (each with a gtin). */
export const receiptLinesSchema = z.array(soldLine).max(MAX_EVENT_LINES);

const stockLines = <T extends z.ZodType>(quantity: T) =>
  z.array(z.looseObject({ gtin, quantity })).min(1).max(MAX_EVENT_LINES);

export const stockSchemas = {
  /** A delivery: stock comes in. */
  'stock.received': z
    .looseObject({
      // Empty only when every piece came damaged (issue 13: `damaged`, read by server/stock/receipt-facts.ts).
      lines: z.array(z.looseObject({ gtin, quantity: count.positive() })).max(MAX_EVENT_LINES),
      reference: z.string().max(200).optional(),
      damaged: z
        .array(z.looseObject({ gtin, quantity: count.positive() }))
        .max(MAX_EVENT_LINES)
        .optional(),
    })
    .refine((p) => p.lines.length > 0 || (p.damaged?.length ?? 0) > 0, {
      message: 'must list what was received (lines), or what came damaged',
      path: ['lines'],
    }),
  /** A signed correction with a reason (breakage, theft found, …). */
  'stock.adjusted': z.looseObject({
    lines: stockLines(count.refine((n) => n !== 0, 'must not be 0')),
    reason: z.string().min(1).max(200),
  }),
  /** A count: what is on the shelf; HQ turns the difference from its ledger into an adjustment. */
  'stock.counted': z.looseObject({
    lines: z
      .array(z.looseObject({ gtin, counted: count.nonnegative() }))
      .min(1)
      .max(MAX_EVENT_LINES),
  }),
  /** Goods moved between stores: out of this one, or into it. */
  'stock.transferred': z.looseObject({
    direction: z.enum(['out', 'in']),
    otherStore: z.string().min(1).max(64),
    lines: stockLines(count.positive()),
  }),
} as const satisfies { [Type in StockEventType]: z.ZodType<StockPayloads[Type]> };

/** How deep events may nest; PostgreSQL's jsonb (and recursion anywhere) stops well before hostile depths. */
export const MAX_JSON_DEPTH = 32;

/**
 * What in a parsed JSON value the database cannot take, if anything: nesting deeper than `limit`, or
 * (unless `nul` is false) a NUL character in a string or key, which PostgreSQL text cannot hold.
 * Iterative, so no depth can overflow the stack.
 */
export function jsonTrouble(
  value: unknown,
  limit: number = MAX_JSON_DEPTH,
  { nul = true }: { nul?: boolean } = {},
): 'too_deep' | 'nul' | null {
  // Every event of every batch passes here, so it walks with two flat stacks and no per-node arrays.
  const items: unknown[] = [value];
  const depths: number[] = [0];
  while (items.length > 0) {
    const item = items.pop();
    const depth = depths.pop()!;
    if (typeof item === 'string') {
      if (nul && item.includes('\0')) return 'nul';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return 'too_deep';
    if (Array.isArray(item)) {
      for (const child of item) {
        items.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in item) {
      if (nul && key.includes('\0')) return 'nul';
      items.push((item as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return null;
}

/** Whether a parsed JSON value nests deeper than `limit`. */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  return jsonTrouble(value, limit, { nul: false }) === 'too_deep';
}

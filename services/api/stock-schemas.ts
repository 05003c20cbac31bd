// The zod schemas of the stock handlers (services/api/stock-contract.ts): every input checked before
// a handler runs, with a message that names what was wrong.
import { z } from 'zod';
import { ADJUST_REASONS, type StockHandlers } from './stock-contract';

/** The building blocks schemas.ts already has, passed in so both files check codes and ids alike. */
interface Blocks {
  code: z.ZodType<string>;
  id: z.ZodType<string>;
  empty: z.ZodType<Record<string, never>>;
  integerBetween(min: number, max: number): z.ZodType<number>;
}

const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

export function stockSchemas({ code, id, empty, integerBetween }: Blocks) {
  const gtin = z
    .string({ error: 'must be a string' })
    .regex(/^\d{14}$/, { error: 'must be a GTIN of 14 digits' });
  const quantity = integerBetween(1, 1_000_000);
  const signedQuantity = integerBetween(-1_000_000, 1_000_000).refine((n) => n !== 0, {
    error: 'must not be zero',
  });
  const device = z
    .string({ error: 'must be a string' })
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'must be 1 to 32 letters, digits, _ or -' })
    .optional();
  const reason = z.enum(ADJUST_REASONS, { error: `must be one of ${ADJUST_REASONS.join(', ')}` });
  const scope = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('department'), department: text(64) }),
      z.strictObject({ kind: z.literal('location'), location: text(64) }),
      z.strictObject({
        kind: z.literal('list'),
        gtins: z.array(gtin).min(1, { error: 'must name at least one item' }).max(5000),
      }),
    ],
    { error: 'must be a department, a location or a list' },
  );
  return {
    'stock.item': z.strictObject({ code }),
    'stock.deliveries': empty,
    'stock.receiveStart': z
      .strictObject({ deliveryId: id.optional(), supplier: text(120).optional(), reference: text(64) })
      .refine((i) => i.deliveryId !== undefined || i.supplier !== undefined, {
        error: 'must name the expected delivery or the supplier',
      }),
    'stock.receiveLine': z.strictObject({
      receivingId: id,
      code,
      quantity,
      damaged: z.boolean({ error: 'must be true or false' }).optional(),
    }),
    'stock.receiveAll': z.strictObject({ receivingId: id }),
    'stock.receiveFinish': z.strictObject({ receivingId: id }),
    'stock.receiveCancel': z.strictObject({ receivingId: id }),
    'stock.receiving': z.strictObject({ receivingId: id }),
    'stock.countStart': z.strictObject({ scope }),
    'stock.countSessions': empty,
    'stock.countLine': z.strictObject({ sessionId: id, code, quantity, location: text(64), device }),
    'stock.countFinish': z.strictObject({ sessionId: id }),
    'stock.count': z.strictObject({ sessionId: id }),
    'stock.adjust': z.strictObject({
      code,
      quantity: signedQuantity,
      reason,
      note: text(200).optional(),
      device,
    }),
    'stock.transferOut': z.strictObject({
      toStore: text(64),
      lines: z
        .array(z.strictObject({ code, quantity }))
        .min(1, { error: 'must name at least one item' })
        .max(500),
    }),
    'labels.queue': empty,
    'labels.print': z.strictObject({
      gtins: z.array(gtin).min(1, { error: 'must name at least one item' }).max(1000),
      printer: z.enum(['receipt', 'label'], { error: 'must be receipt or label' }),
      coming: z.boolean({ error: 'must be true or false' }).optional(),
    }),
    'stock.workMode': z.strictObject({
      mode: z.enum(['sell', 'stock'], { error: 'must be sell or stock' }).optional(),
    }),
  } satisfies { [N in keyof StockHandlers]: z.ZodType<StockHandlers[N][0]> };
}

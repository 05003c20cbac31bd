// One zod schema per TerminalApi handler: every transport validates input here before a handler runs.
import { z } from 'zod';
import { REFUND_REASONS } from '../../core/sync';
import type { HandlerInput, HandlerName, RefundHandlers } from './contract';
import { stockSchemas } from './stock-schemas';

/** A scanned or typed code: surrounding whitespace (a wedge's trailing CR) is not part of it. */
const code = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(512, { error: 'must be at most 512 characters' });

const id = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' });

function integerBetween(min: number, max: number) {
  return z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
}

const scanSource = z.enum(['serial', 'keypad', 'wedge', 'camera'], {
  error: 'must be one of serial, keypad, wedge, camera',
});

/** A lane: its terminal id. */
const laneIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9]{1,8}$/, { error: 'must be a terminal id (letters and digits, at most 8)' });

const pin = z.string({ error: 'must be a string' }).max(16, { error: 'must be at most 16 characters' });

const markPaid = z.strictObject({
  paymentId: id,
  badge: code,
  pin,
  reason: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
});
const ageDecision = z.enum(['approve', 'refuse'], { error: 'must be approve or refuse' });

/**
 * A count of notes and coins by value in minor units (`{ "10000": 2 }`); which values the currency has
 * is core/cash's to say, with the value named.
 */
const denominationCounts = z.record(
  z.string().regex(/^\d{1,9}$/, { error: 'must be a note or coin value in minor units' }),
  integerBetween(0, 100_000),
);
const shiftReason = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });
const cashMove = z.strictObject({ amount: integerBetween(1, 100_000_000), reason: shiftReason });

/** Why a counter changed a price: said in a few words, kept in the journal (the same rule as a shift's reason). */
const adjustmentReason = shiftReason;

/** A supervisor's badge and PIN approving above the limit; a wrong PIN is counted by the staff gate. */
const approval = z.strictObject({ badge: code, pin });

/** A discount's kind and value; whether the value fits the kind is the handler's `invalid_discount`. */
const discountInput = {
  kind: z.enum(['amount', 'percent'], { error: 'must be amount or percent' }),
  value: z
    .number({ error: 'must be a number' })
    .positive({ error: 'must be more than 0' })
    .max(100_000_000, { error: 'must be at most 100000000' }),
  reason: adjustmentReason,
  approval: approval.optional(),
};

/** Handlers that take no input still insist on an object without stray keys. */
const empty = z.strictObject({});

export const handlerSchemas: { [N in HandlerName]: z.ZodType<HandlerInput<N>> } = {
  'session.get': empty,
  'basket.addScan': z.strictObject({
    code,
    source: scanSource,
    weightGrams: integerBetween(1, 100_000).optional(),
    attendant: z
      .strictObject({
        badge: code,
        pin: z.string({ error: 'must be a string' }).max(16, { error: 'must be at most 16 characters' }),
      })
      .optional(),
  }),
  'basket.setQuantity': z.strictObject({ lineId: id, quantity: integerBetween(1, 9999) }),
  'basket.removeLine': z.strictObject({ lineId: id }),
  'basket.cancel': empty,
  'payment.start': empty,
  'payment.get': z.strictObject({ paymentId: id }),
  'payment.cancel': z.strictObject({ paymentId: id }),
  // The PIN's own rule (4–8 digits) is the handler's: a malformed PIN is a wrong PIN, and is counted.
  'payment.markPaid': markPaid,
  'receipt.get': z.strictObject({ receiptNumber: id }),
  'receipt.print': z.strictObject({ receiptNumber: id }),
  'sale.finish': empty,
  'settings.get': empty,
  'sync.status': empty,
  'sync.now': empty,
  'scale.weigh': z.strictObject({ code, source: scanSource }),
  'scale.stop': empty,
  'scale.add': z.strictObject({ code, source: scanSource }),
  'lane.self': empty,
  'lane.callHelp': empty,
  'lanes.board': empty,
  'lanes.acknowledge': z.strictObject({ laneId: laneIdSchema, callId: id }),
  'lanes.handle': z.strictObject({ laneId: laneIdSchema, callId: id }),
  'lanes.setMode': z.strictObject({
    laneId: laneIdSchema,
    mode: z.enum(['open', 'paused', 'closed'], { error: 'must be one of open, paused, closed' }),
  }),
  'lanes.basket': z.strictObject({ laneId: laneIdSchema }),
  'lanes.markPaid': markPaid.extend({ laneId: laneIdSchema }),
  'lanes.ageCheck': z.strictObject({
    laneId: laneIdSchema,
    checkId: id,
    badge: code,
    pin,
    approve: z.boolean({ error: 'must be true or false' }),
    age: integerBetween(0, 150).nullable(),
  }),
  'lanes.lotCheck': z.strictObject({
    laneId: laneIdSchema,
    checkId: id,
    badge: code,
    pin,
    accept: z.boolean({ error: 'must be true or false' }),
  }),
  'ageCheck.decide': z.strictObject({
    badge: code,
    pin: z.string({ error: 'must be a string' }).max(16, { error: 'must be at most 16 characters' }),
    decision: ageDecision,
    basketId: id,
    age: integerBetween(1, 130).optional(),
    birthYear: integerBetween(1800, 9999).optional(),
  }),
  'ageCheck.cashier': z.strictObject({
    decision: ageDecision,
    basketId: id,
    age: integerBetween(1, 130).optional(),
    birthYear: integerBetween(1800, 9999).optional(),
  }),
  'session.setLanguage': z.strictObject({
    language: z.enum(['en', 'zh-CN'], { error: 'must be one of en, zh-CN' }),
  }),
  'catalog.produceGrid': empty,
  'staff.current': empty,
  // As for markPaid: a malformed PIN is a wrong PIN, counted by the staff gate.
  'staff.signIn': z.strictObject({ badge: code, pin }),
  'staff.signOut': empty,
  'staff.lock': empty,
  'staff.unlock': z.strictObject({ pin }),
  'tender.state': empty,
  // At most 10 million minor units handed over at once (100,000.00): a typo, not a payment, above that.
  'tender.cash': z.strictObject({ handed: integerBetween(1, 10_000_000) }),
  'tender.qr': empty,
  'tender.remove': z.strictObject({ position: integerBetween(1, 999) }),
  'shift.current': empty,
  'shift.open': z.strictObject({ counts: denominationCounts }),
  'shift.payIn': cashMove,
  'shift.payOut': cashMove,
  'shift.noSale': z.strictObject({ reason: shiftReason }),
  'shift.xReport': empty,
  'shift.close': z.strictObject({
    counts: denominationCounts,
    approval: z.strictObject({ badge: code, pin }).optional(),
  }),
  'shift.zReport': z.strictObject({ number: integerBetween(1, 1_000_000_000).optional() }),
  'drawer.status': empty,
  'basket.overridePrice': z.strictObject({
    lineId: id,
    unitPrice: integerBetween(0, 100_000_000),
    reason: adjustmentReason,
    approval: approval.optional(),
  }),
  'basket.discountLine': z.strictObject({
    lineId: id,
    ...discountInput,
  }),
  'basket.discountSale': z.strictObject(discountInput),
  'basket.removeDiscount': z.strictObject({
    lineId: id.optional(),
    adjustment: z.enum(['price_override', 'discount'], { error: 'must be price_override or discount' }),
  }),
  'sale.void': z.strictObject({
    reason: z.enum(['customer_left', 'changed_mind', 'price_dispute', 'wrong_items', 'other'], {
      error: 'must be one of customer_left, changed_mind, price_dispute, wrong_items, other',
    }),
    note: z
      .string({ error: 'must be a string' })
      .trim()
      .max(200, { error: 'must be at most 200 characters' })
      .optional(),
  }),
  'sale.suspend': z.strictObject({
    label: z
      .string({ error: 'must be a string' })
      .trim()
      .max(40, { error: 'must be at most 40 characters' })
      .optional(),
  }),
  'sale.suspended': empty,
  'sale.resume': z.strictObject({ id }),
  'sale.voidSuspended': z.strictObject({
    id,
    reason: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
  }),
  'catalog.search': z.strictObject({
    query: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(64, { error: 'must be at most 64 characters' }),
  }),
  'handover.offer': empty,
  'handover.withdraw': empty,
  'handover.claim': z.strictObject({ code }),
  ...refundSchemas(),
  ...stockSchemas({ code, id, empty, integerBetween }),
};

/** Returns and refunds (services/refund): what may be asked back, and a supervisor where needed. */
function refundSchemas() {
  const reason = z.enum(REFUND_REASONS, { error: `must be one of ${REFUND_REASONS.join(', ')}` });
  const disposition = z.enum(['restock', 'write_off'], { error: 'must be restock or write_off' });
  const quantity = integerBetween(1, 1_000_000);
  const line = z.strictObject({ line: integerBetween(0, 9999), quantity, reason, disposition });
  const lines = z.array(line).min(1, { error: 'must name at least one line' }).max(500);
  const receiptNumber = id;
  return {
    'refund.find': z.strictObject({ query: code }),
    'refund.search': z.strictObject({
      date: z
        .string({ error: 'must be a string' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
        .optional(),
      amount: integerBetween(1, 100_000_000).optional(),
      maskedCode: z.string({ error: 'must be a string' }).trim().min(4).max(32).optional(),
    }),
    'refund.quote': z.strictObject({ receiptNumber, lines }),
    'refund.start': z.strictObject({ receiptNumber, lines, approval: approval.optional() }),
    'refund.noReceipt': z.strictObject({
      lines: z
        .array(z.strictObject({ code, quantity, reason, disposition }))
        .min(1, { error: 'must name at least one item' })
        .max(100),
      approval,
    }),
    'refund.get': z.strictObject({ refundId: id }),
    'refund.retry': z.strictObject({ refundId: id }),
    'refund.print': z.strictObject({ refundId: id }),
    'refund.cashInstead': z.strictObject({ refundId: id, approval: approval.optional() }),
  } satisfies { [N in keyof RefundHandlers]: z.ZodType<RefundHandlers[N][0]> };
}

/** True when `name` is a handler of the contract (own keys only: never `constructor` or `__proto__`). */
export function isHandlerName(name: string): name is HandlerName {
  return Object.hasOwn(handlerSchemas, name);
}

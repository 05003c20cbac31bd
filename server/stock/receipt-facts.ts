// What HQ reads of a `stock.received` beyond its lines (issue 13): the delivery note's reference (received
// once per store), the expected delivery it was against, the receiving, the damaged pieces, and who took
// it. Pure: plan.ts calls it while checking the event; receipts.ts applies it.
import { z } from 'zod';
import { describeIssues } from '../../core/result';
import { deliveryReferenceKey, MAX_EVENT_LINES } from '../../core/sync';
import { gtin, count } from '../events/schema';

export interface ReceiptFacts {
  reference: string;
  referenceKey: string;
  receivingId: string | null;
  deliveryId: string | null;
  supplier: string | null;
  damaged: { gtin: string; quantity: number }[];
  staffId: string | null;
  terminalId: string | null;
}

const label = (max: number) => z.string().max(max).optional();
const facts = z.looseObject({
  reference: z.string().max(200).optional(),
  supplier: label(120),
  deliveryId: label(64),
  receivingId: label(64),
  damaged: z
    .array(z.looseObject({ gtin, quantity: count.positive() }))
    .max(MAX_EVENT_LINES)
    .optional(),
  staffId: label(64),
  terminalId: label(64),
});

/** The facts of a `stock.received` payload; null facts when it names no reference; or why it is bad. */
export function receiptFacts(
  payload: unknown,
): { ok: true; facts: ReceiptFacts | null } | { ok: false; reason: string } {
  const parsed = facts.safeParse(payload);
  if (!parsed.success)
    return { ok: false, reason: describeIssues(parsed.error.issues, { prefix: 'payload' }) };
  const p = parsed.data;
  const reference = p.reference?.trim() ?? '';
  if (reference === '') return { ok: true, facts: null };
  return {
    ok: true,
    facts: {
      reference,
      referenceKey: deliveryReferenceKey(reference),
      receivingId: p.receivingId ?? null,
      deliveryId: p.deliveryId ?? null,
      supplier: p.supplier ?? null,
      damaged: p.damaged ?? [],
      staffId: p.staffId ?? null,
      terminalId: p.terminalId ?? null,
    },
  };
}

/** What HQ reads of a `stock.transferred` out beyond its lines: the number the other store receives under. */
export interface TransferFacts {
  number: string;
  toStore: string;
  lines: { gtin: string; quantity: number }[];
}

const transfer = z.looseObject({ number: z.string().min(1).max(64).optional() });

export function transferFacts(
  payload: {
    direction: 'out' | 'in';
    otherStore: string;
    lines: { gtin: string; quantity: number }[];
  } & object,
): TransferFacts | null {
  const parsed = transfer.safeParse(payload);
  if (!parsed.success || !parsed.data.number || payload.direction !== 'out') return null;
  const sums = new Map<string, number>();
  for (const l of payload.lines) sums.set(l.gtin, (sums.get(l.gtin) ?? 0) + l.quantity);
  return {
    number: parsed.data.number,
    toStore: payload.otherStore.trim(),
    lines: [...sums].map(([g, quantity]) => ({ gtin: g, quantity })),
  };
}

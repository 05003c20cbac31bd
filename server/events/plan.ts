// Turning one incoming event into what it writes, with no database: a sale row and stock movements,
// or the reason it is rejected. Pure, so every rule is tested without a server.
import type { z } from 'zod';
import { describeIssues } from '../../core/result';
import type { MovementKind } from '../../core/sync';
import { MAX_QUANTITY } from '../../core/sync/values';
import { planRefund, type CheckedRefund } from '../refunds/payload';
import { receiptFacts, transferFacts, type ReceiptFacts, type TransferFacts } from '../stock/receipt-facts';
import { isSessionCount, sessionCountSchema, type SessionCount } from '../counts/schema';
import { saleFigures, type SaleFigures } from '../reports/sale-figures';
import type { IncomingEvent, StockEventType } from './schema';
import {
  MAX_JSON_DEPTH,
  RECORDED_FAMILIES,
  eventSchema,
  jsonTrouble,
  receiptLinesSchema,
  saleSchema,
  stockSchemas,
} from './schema';

export interface PlannedMovement {
  gtin: string;
  /** Signed: negative takes stock out. */
  quantity: number;
  kind: MovementKind;
}

/** What a sale adds to the report rollups (server/reports): its lines' amounts and its tenders. */
export interface PlannedSale extends SaleFigures {
  id: string;
  receiptNumber: string;
  terminalId: string;
  currency: string;
  total: number;
  taxTotal: number;
  soldAt: string;
  /** Made in training mode: stored for the record, never counted, and it moves no stock. */
  training: boolean;
}

export interface EventPlan {
  event: IncomingEvent;
  sale: PlannedSale | null;
  movements: PlannedMovement[];
  /** Counted quantities; each becomes an adjustment against the ledger when it is applied. */
  counts: { gtin: string; counted: number }[];
  /** A `refund.completed` (server/refunds): checked against its sale when applied, so applied alone. */
  refund?: CheckedRefund;
  /** A `stock.received` naming its delivery note (server/stock/receipts.ts): booked once per store, so applied alone. */
  receipt?: ReceiptFacts;
  /** A numbered transfer out (server/stock/transfers.ts): an expected delivery at the other store. */
  transfer?: TransferFacts;
  /** A count session's lines (issue 13, server/counts): taken at their moment, merged across devices. */
  sessionCount?: SessionCount;
}

export interface Rejection {
  code: string;
  reason: string;
}

export type Planned = { ok: true; plan: EventPlan } | { ok: false; rejection: Rejection };

const reject = (code: string, reason: string): Planned => ({ ok: false, rejection: { code, reason } });

/** Checks one raw event of a batch for the device's store and says what it will write. */
export function planEvent(raw: unknown, storeCode: string): Planned {
  const trouble = jsonTrouble(raw);
  if (trouble === 'too_deep')
    return reject('malformed_event', `the event nests deeper than ${MAX_JSON_DEPTH} levels`);
  // Refused here rather than by the database, so one such event does not send its batch event by event.
  if (trouble === 'nul')
    return reject('bad_value', 'the event holds a NUL character (\\u0000), which HQ cannot store as text');
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return reject('malformed_event', describeIssues(parsed.error.issues));
  const event = parsed.data;
  const empty: EventPlan = { event, sale: null, movements: [], counts: [] };
  if (event.type === 'sale.completed') return planSale(empty, storeCode);
  if (event.type === 'refund.completed') {
    const refund = planRefund(event.payload, storeCode);
    if (!refund.ok) return reject(refund.code, refund.reason);
    const tooMuch = oversum(refund.movements);
    if (tooMuch) return reject('bad_payload', tooMuch);
    return { ok: true, plan: { ...empty, refund: refund.refund, movements: refund.movements } };
  }
  if (event.type in stockSchemas) return planStock(empty, event.type as StockEventType);
  const family = event.type.split('.')[0] as (typeof RECORDED_FAMILIES)[number];
  if (RECORDED_FAMILIES.includes(family)) return { ok: true, plan: empty };
  return reject(
    'unknown_type',
    `event type "${event.type}" is not one HQ knows: sale.completed, refund.completed, ${Object.keys(stockSchemas).join(', ')}, ` +
      `or the ${RECORDED_FAMILIES.join(', ')} families`,
  );
}

function planSale(plan: EventPlan, storeCode: string): Planned {
  const parsed = saleSchema.safeParse(plan.event.payload);
  if (!parsed.success)
    return reject('bad_payload', describeIssues(parsed.error.issues, { prefix: 'payload' }));
  const sale = parsed.data;
  // The store comes from the token. A sale that names another store was made by a terminal set up for
  // that store: its receipt numbers belong there, so it is refused rather than filed here.
  if (sale.storeId !== undefined && sale.storeId !== storeCode) {
    return reject(
      'store_mismatch',
      `the sale says store "${sale.storeId}" but this device is enrolled in store "${storeCode}"`,
    );
  }
  const lines = sale.lines ?? receiptLinesSchema.safeParse(sale.receipt.lines ?? []);
  if (!Array.isArray(lines) && !lines.success) {
    return reject(
      'sale_lines_without_gtin',
      `${describeIssues(lines.error.issues, { prefix: 'payload.receipt.lines' })}; each sold line needs its gtin and quantity ` +
        '(in payload.lines or the receipt lines) so HQ can move stock',
    );
  }
  const sold = Array.isArray(lines) ? lines : lines.data;
  const tooMuch = oversum(sold.map((line) => ({ gtin: line.gtin, quantity: -line.quantity, kind: 'sale' })));
  if (tooMuch) return reject('bad_payload', tooMuch);
  return {
    ok: true,
    plan: {
      ...plan,
      sale: {
        id: sale.id,
        receiptNumber: sale.receiptNumber,
        terminalId: sale.terminalId,
        currency: sale.currency,
        total: sale.total,
        taxTotal: sale.taxTotal,
        soldAt: sale.soldAt,
        training: sale.training === true,
        ...saleFigures(plan.event.payload as Record<string, unknown>, sold, sale.total),
      },
      // Nothing left the shelf for real in a training sale: HQ's stock must not think it did.
      movements:
        sale.training === true
          ? []
          : sold.map((line) => ({ gtin: line.gtin, quantity: -line.quantity, kind: 'sale' as const })),
    },
  };
}

function planStock(plan: EventPlan, type: StockEventType): Planned {
  const schema: z.ZodType = stockSchemas[type];
  const parsed = schema.safeParse(plan.event.payload);
  if (!parsed.success)
    return reject('bad_payload', describeIssues(parsed.error.issues, { prefix: 'payload' }));
  switch (type) {
    case 'stock.received': {
      const { lines } = parsed.data as z.infer<(typeof stockSchemas)['stock.received']>;
      // The delivery note, the expected delivery, the damaged pieces (issue 13).
      const facts = receiptFacts(plan.event.payload);
      if (!facts.ok) return reject('bad_payload', facts.reason);
      return stock(
        facts.facts ? { ...plan, receipt: facts.facts } : plan,
        lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, kind: 'delivery' })),
      );
    }
    case 'stock.adjusted': {
      const { lines } = parsed.data as z.infer<(typeof stockSchemas)['stock.adjusted']>;
      return stock(
        plan,
        lines.map((l) => ({ gtin: l.gtin, quantity: l.quantity, kind: 'adjustment' })),
      );
    }
    case 'stock.transferred': {
      const { lines, direction } = parsed.data as z.infer<(typeof stockSchemas)['stock.transferred']>;
      const sign = direction === 'out' ? -1 : 1;
      const kind = direction === 'out' ? 'transfer_out' : 'transfer_in';
      const transfer = transferFacts(parsed.data as z.infer<(typeof stockSchemas)['stock.transferred']>);
      return stock(
        transfer ? { ...plan, transfer } : plan,
        lines.map((l) => ({ gtin: l.gtin, quantity: sign * l.quantity, kind })),
      );
    }
    case 'stock.counted': {
      if (isSessionCount(plan.event.payload)) return planSessionCount(plan);
      const { lines } = parsed.data as z.infer<(typeof stockSchemas)['stock.counted']>;
      const gtins = new Set(lines.map((l) => l.gtin));
      if (gtins.size !== lines.length)
        return reject('bad_payload', 'payload.lines: a count lists a product twice');
      return {
        ok: true,
        plan: { ...plan, counts: lines.map((l) => ({ gtin: l.gtin, counted: l.counted })) },
      };
    }
  }
}

/** A count session's lines: recorded, then turned into the adjustment at their moment (server/counts). */
function planSessionCount(plan: EventPlan): Planned {
  const parsed = sessionCountSchema.safeParse(plan.event.payload);
  if (!parsed.success)
    return reject('bad_payload', describeIssues(parsed.error.issues, { prefix: 'payload' }));
  const ids = new Set(parsed.data.lines.map((l) => l.lineId));
  if (ids.size !== parsed.data.lines.length)
    return reject('bad_payload', 'payload.lines: a count session event lists a line id twice');
  return { ok: true, plan: { ...plan, sessionCount: parsed.data } };
}

function stock(plan: EventPlan, movements: PlannedMovement[]): Planned {
  const tooMuch = oversum(movements);
  if (tooMuch) return reject('bad_payload', tooMuch);
  return { ok: true, plan: { ...plan, movements } };
}

/** Why an event's lines of one product add up to more than an on-hand can hold, or null. */
function oversum(movements: readonly PlannedMovement[]): string | null {
  const sums = new Map<string, bigint>();
  for (const m of movements) sums.set(m.gtin, (sums.get(m.gtin) ?? 0n) + BigInt(m.quantity));
  for (const [gtin, sum] of sums) {
    if (sum > BigInt(MAX_QUANTITY) || sum < -BigInt(MAX_QUANTITY))
      return `payload.lines: the quantities of ${gtin} add up to ${sum}, beyond the ±${MAX_QUANTITY} HQ holds`;
  }
  return null;
}

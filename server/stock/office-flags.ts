// The flagged duplicates of some stores for the back office, newest first: a delivery note received
// twice (stock_flags, issue 13) and refunds beyond their sale (refund_flags, issue 12), with everyone
// involved, for the screen to say as sentences. Refund flags carry their sale's currency.
import type { Queryable } from '../db/database';
import { toIso, toNumber } from '../db/database';
import type { FlaggedLine, Involved } from '../refunds/record';
import type { ReceivingParty } from './receipts';

export interface DeliveryFlag {
  store: string;
  eventId: string;
  code: string;
  reference: string;
  first: ReceivingParty | null;
  second: ReceivingParty | null;
  notBooked: { gtin: string; quantity: number }[];
  flaggedAt: string;
}

export interface RefundFlag {
  store: string;
  refundId: string;
  receiptNumber: string;
  code: string;
  currency: string | null;
  excessAmount: number;
  lines: FlaggedLine[];
  involved: Involved[];
  flaggedAt: string;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export async function officeFlags(
  q: Queryable,
  storeCodes: readonly string[] | null,
  limit: number,
): Promise<{ deliveries: DeliveryFlag[]; refunds: RefundFlag[] }> {
  const stock = await q.query<{
    store: string;
    event_id: string;
    code: string;
    reference: string;
    details: unknown;
    flagged_at: Date;
  }>(
    `SELECT s.code AS store, f.event_id, f.code, f.reference, f.details, f.flagged_at
     FROM stock_flags f JOIN stores s ON s.id = f.store_id WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[]))
     ORDER BY f.flagged_at DESC, f.event_id LIMIT $2`,
    [storeCodes, limit],
  );
  const refunds = await q.query<{
    store: string;
    refund_id: string;
    receipt_number: string;
    code: string;
    currency: string | null;
    excess_amount: unknown;
    lines: unknown;
    involved: unknown;
    flagged_at: Date;
  }>(
    `SELECT s.code AS store, f.refund_id, f.receipt_number, f.code, sa.currency, f.excess_amount, f.lines, f.involved,
       f.flagged_at
     FROM refund_flags f JOIN stores s ON s.id = f.store_id
     LEFT JOIN sales sa ON sa.store_id = f.store_id AND sa.receipt_number = f.receipt_number
     WHERE ($1::text[] IS NULL OR s.code = ANY($1::text[])) ORDER BY f.flagged_at DESC, f.refund_id LIMIT $2`,
    [storeCodes, limit],
  );
  return {
    deliveries: stock.rows.map((r) => {
      const details = json<{
        first?: ReceivingParty;
        second?: ReceivingParty;
        notBooked?: { gtin: string; quantity: number }[];
      }>(r.details);
      return {
        store: r.store,
        eventId: r.event_id,
        code: r.code,
        reference: r.reference,
        first: details.first ?? null,
        second: details.second ?? null,
        notBooked: details.notBooked ?? [],
        flaggedAt: toIso(r.flagged_at),
      };
    }),
    refunds: refunds.rows.map((r) => ({
      store: r.store,
      refundId: r.refund_id,
      receiptNumber: r.receipt_number,
      code: r.code,
      currency: r.currency,
      excessAmount: toNumber(r.excess_amount),
      lines: json<FlaggedLine[]>(r.lines),
      involved: json<Involved[]>(r.involved),
      flaggedAt: toIso(r.flagged_at),
    })),
  };
}

// The terminal's refund desk at HQ (services/refund/hq-desk.ts's HqRefundDesk over the routes of
// core/sync/refunds.ts): find a sale any terminal of the store sold, search the store's sales, claim lines
// before refunding them. A cashier is waiting, so each request has a short timeout (3 s by default, token
// included): HQ that does not answer in time, cannot be reached, fails (5xx, 429) or is too old to know
// refunds is `reachable: false` with why — the refund then goes the offline way, with a supervisor's
// approval. HQ's "no such sale" is a value (null, or a refused claim), not a failure.
//
// It has its own HQ client (services/sync/hq-client.ts), so its short timeout does not cut the sync's long
// uploads short; it renews its own token, one more token request every few minutes while refunds are made.
import { z } from 'zod';
import { describeIssues } from '../../core/result';
import type { ClaimAnswer, HqSaleView, RefundClaim, SaleSearch, SaleSummary } from '../../core/sync';
import type { HqAnswer, HqRefundDesk } from '../refund/hq-desk';
import type { HqCredentials } from './credentials';
import { createHqClient, HqError, type HqClient, type HqClientOptions } from './hq-client';
import { failureReply } from './protocol';

export interface RefundDeskOptions extends Pick<HqClientOptions, 'fetch' | 'now'> {
  /** Per request (and per token request); default 3 s. */
  timeoutMs?: number;
  /** The store's time zone for a search by day (IANA); default this terminal's own. */
  timeZone?: string;
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(200);
const tenderKind = z.enum(['cash', 'merchant_qr', 'wallet_code']);

const saleView = z.object({
  receiptNumber: text,
  storeId: text,
  terminalId: text,
  soldAt: text,
  currency: z.string().regex(/^[A-Z]{3}$/),
  total: count,
  receipt: z.looseObject({}),
  tenders: z
    .array(
      z.object({
        kind: tenderKind,
        amount: count,
        paymentId: text.nullable(),
        provider: text.nullable(),
        reference: text.nullable(),
        maskedCode: text.nullable(),
        refunded: count,
      }),
    )
    .max(100),
  lines: z
    .array(
      z.object({
        line: count,
        gtin: text.nullable(),
        name: z.string().max(1000),
        unit: z.enum(['each', 'kg']),
        sold: count,
        paid: count,
        refundedQuantity: count,
        refundedAmount: count,
      }),
    )
    .max(10_000),
  training: z.boolean(),
}) satisfies z.ZodType<HqSaleView>;

const searchReply = z.object({
  sales: z
    .array(
      z.object({
        receiptNumber: text,
        terminalId: text,
        soldAt: text,
        currency: z.string().regex(/^[A-Z]{3}$/),
        total: count,
        maskedCodes: z.array(text).max(100),
        itemCount: count,
      }),
    )
    .max(100),
});

const refusedLines = z.object({
  lines: z.array(z.object({ line: count, sold: count, refunded: count, asked: count })).max(10_000),
});

const releaseReply = z.object({ released: z.boolean() });

export type Reader<T> = (response: Response, body: unknown) => HqAnswer<T> | null;

/** The refund desk of an enrolled terminal. */
export function createHqRefundDesk(
  credentials: HqCredentials,
  options: RefundDeskOptions = {},
): HqRefundDesk {
  const client = createHqClient(credentials, {
    timeoutMs: options.timeoutMs ?? 3000,
    fetch: options.fetch,
    now: options.now,
  });
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    findSale: (receiptNumber) =>
      ask(
        client,
        'the sale',
        `/v1/sales/${encodeURIComponent(receiptNumber)}`,
        { method: 'GET' },
        (response, body): HqAnswer<HqSaleView | null> | null => {
          if (response.ok) return parsed(saleView, body, 'sale');
          // HQ has no such sale (in this store), or the number cannot be one: there is nothing to refund there.
          const code = failureCode(body);
          if (code === 'sale_not_found' || (response.status === 400 && code === 'bad_request'))
            return { reachable: true, value: null };
          return null;
        },
      ),
    searchSales: (search: SaleSearch) => {
      const query = new URLSearchParams({ tz: timeZone });
      if (search.date !== undefined) query.set('date', search.date);
      if (search.amount !== undefined) query.set('amount', String(search.amount));
      if (search.maskedCode !== undefined) query.set('maskedCode', search.maskedCode);
      return ask(client, 'the sale search', `/v1/sales?${query}`, { method: 'GET' }, (response, body) => {
        if (!response.ok) return null;
        const reply = parsed(searchReply, body, 'sale search');
        return reply.reachable ? { reachable: true, value: reply.value.sales as SaleSummary[] } : reply;
      });
    },
    claim: (claim: RefundClaim) =>
      ask(
        client,
        'the refund claim',
        '/v1/refund-claims',
        { method: 'POST', body: JSON.stringify(claim) },
        (response, body): HqAnswer<ClaimAnswer> | null => {
          if (response.ok) return { reachable: true, value: { granted: true } };
          const code = failureCode(body);
          if (code === 'sale_not_found')
            return { reachable: true, value: { granted: false, code, lines: [] } };
          if (code !== 'refund_exceeds_sale') return null;
          const details = failureReply.safeParse(body);
          const lines = refusedLines.safeParse(details.success ? details.data.error.details : undefined);
          if (!lines.success)
            return { reachable: false, why: 'HQ refused the claim without naming the lines' };
          return { reachable: true, value: { granted: false, code, lines: lines.data.lines } };
        },
      ),
    release: (refundId) =>
      ask(
        client,
        'the claim release',
        `/v1/refund-claims/${encodeURIComponent(refundId)}`,
        { method: 'DELETE' },
        (response, body) => (response.ok ? parsed(releaseReply, body, 'claim release') : null),
      ).then((answer) => (answer.reachable ? { reachable: true, value: answer.value.released } : answer)),
  };
}

/**
 * One request: the reader's answer, or `reachable: false` saying why — HQ unreachable or slow, a reply
 * the reader does not take (5xx, 429, an HQ without these routes, a refusal it did not expect).
 * Also the delivery desk's (hq-delivery-desk.ts).
 */
export async function ask<T>(
  client: HqClient,
  what: string,
  path: string,
  init: { method: 'GET' | 'POST' | 'DELETE'; body?: string },
  reader: Reader<T>,
): Promise<HqAnswer<T>> {
  let response: Response;
  try {
    response = await client.request!(path, init);
  } catch (error) {
    if (error instanceof HqError) return { reachable: false, why: error.message };
    return { reachable: false, why: `HQ could not be asked for ${what}: ${(error as Error).message}` };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status decides
  }
  const answer = reader(response, body);
  if (answer) return answer;
  return { reachable: false, why: unexpected(response.status, body, what) };
}

function unexpected(status: number, body: unknown, what: string): string {
  const failure = failureReply.safeParse(body);
  if (status === 404 && failure.success && failure.data.error.code === 'not_found')
    return `HQ does not serve ${what} (an HQ older than refunds)`;
  if (status >= 500 || status === 429)
    return `HQ could not answer ${what} now (HTTP ${status}${failure.success ? `: ${failure.data.error.message}` : ''})`;
  return `HQ refused ${what}: ${failure.success ? failure.data.error.message : `HTTP ${status}`}`;
}

function failureCode(body: unknown): string | null {
  const failure = failureReply.safeParse(body);
  return failure.success ? failure.data.error.code : null;
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): HqAnswer<T> {
  const checked = schema.safeParse(body);
  if (checked.success) return { reachable: true, value: checked.data };
  const why = describeIssues(checked.error.issues, { whole: '(reply)', max: 3 });
  return { reachable: false, why: `HQ sent a ${what} reply this terminal does not understand: ${why}` };
}

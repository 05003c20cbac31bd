// `refund.search`: recent sales by the day, the total and the masked wallet code — this terminal's own,
// and the store's from HQ when it answers (a sale both know is listed once).
import type { SaleSearch, SaleSummary } from '../../core/sync';
import type { ApiResult, RefundSearchView } from '../api/contract';
import { localDate } from '../checkout/basket-handlers';
import type { CheckoutContext } from '../checkout/context';
import { ok } from '../checkout/result';

/** At most this many sales come back, newest first (HQ's limit too). */
const MAX_RESULTS = 20;
/** How far back this terminal's own sales are searched. */
const LOCAL_SCAN = 2000;

interface SaleRow {
  receipt_number: string;
  terminal_id: string;
  sold_at: string;
  currency: string;
  total: number;
  masked: string | null;
  items: number | null;
}

export async function searchSales(
  ctx: CheckoutContext,
  search: SaleSearch,
): Promise<ApiResult<RefundSearchView>> {
  const own = localSales(ctx, search);
  const desk = ctx.refundDesk.current;
  const hq = desk ? await desk.searchSales(search) : null;
  const merged = new Map(own.map((sale) => [sale.receiptNumber, sale]));
  if (hq?.reachable)
    for (const sale of hq.value) if (!merged.has(sale.receiptNumber)) merged.set(sale.receiptNumber, sale);
  const sales = [...merged.values()].sort((a, b) => b.soldAt.localeCompare(a.soldAt)).slice(0, MAX_RESULTS);
  return ok({ sales, offline: hq !== null && !hq.reachable });
}

function localSales(ctx: CheckoutContext, search: SaleSearch): SaleSummary[] {
  const rows = ctx.db
    .prepare(
      `SELECT s.receipt_number, s.terminal_id, s.sold_at, s.currency, s.total,
         group_concat(p.masked_code) AS masked, json_extract(s.receipt_json, '$.totals.itemCount') AS items
       FROM (SELECT * FROM sales ORDER BY rowid DESC LIMIT ?) s
       LEFT JOIN sale_tenders t ON t.sale_id = s.id
       LEFT JOIN payments p ON p.id = t.payment_id AND p.masked_code IS NOT NULL
       GROUP BY s.id ORDER BY s.sold_at DESC`,
    )
    .all(LOCAL_SCAN) as SaleRow[];
  return rows
    .map((row) => ({
      receiptNumber: row.receipt_number,
      terminalId: row.terminal_id,
      soldAt: row.sold_at,
      currency: row.currency,
      total: row.total,
      maskedCodes: row.masked ? row.masked.split(',') : [],
      itemCount: row.items ?? 0,
    }))
    .filter(
      (sale) =>
        (search.date === undefined || localDate(new Date(sale.soldAt)) === search.date) &&
        (search.amount === undefined || sale.total === search.amount) &&
        (search.maskedCode === undefined || sale.maskedCodes.includes(search.maskedCode)),
    );
}

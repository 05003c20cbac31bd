// How the terminal asks HQ about refunds (core/sync/refunds.ts has the routes): find a sale any terminal
// of the store sold, search recent sales, and claim lines before refunding them so that two online
// terminals never refund the same line twice. `reachable: false` is the offline path: the refund may
// still go ahead with a supervisor's approval, and HQ flags it later if it took back too much.
import type { ClaimAnswer, HqSaleView, RefundClaim, SaleSearch, SaleSummary } from '../../core/sync';

export type HqAnswer<T> = { reachable: true; value: T } | { reachable: false; why: string };

export interface HqRefundDesk {
  /** The sale with this receipt number, with what has been refunded of it; null when HQ has none. */
  findSale(receiptNumber: string): Promise<HqAnswer<HqSaleView | null>>;
  searchSales(search: SaleSearch): Promise<HqAnswer<SaleSummary[]>>;
  claim(claim: RefundClaim): Promise<HqAnswer<ClaimAnswer>>;
  /**
   * Gives back a granted claim whose refund will not happen (abandoned, every tender declined), so its
   * lines are free again; true when a claim was released. A claim whose refund arrived cannot be.
   */
  release?(refundId: string): Promise<HqAnswer<boolean>>;
}

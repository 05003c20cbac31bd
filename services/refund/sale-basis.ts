// Finding the sale a refund takes back: by the receipt's QR (its e-receipt link) or its number typed.
// This terminal's own sales first, with what its own refunds took back (and, when HQ answers, what
// every terminal of the store did); another terminal's sale from HQ (ctx.refundDesk). Offline, only
// this terminal's own sales can be found: another's is refused `hq_unreachable`, naming what to do.
import { lineShares, type PaidBasis, type RefundBasisLine, type RefundBasisTender } from '../../core/refund';
import type { HqSaleView, RefundableLine } from '../../core/sync';
import type { TenderKind } from '../../core/types';
import { basketLines } from '../../db/baskets';
import { getPayment } from '../../db/payments';
import { refundedOfSale } from '../../db/refund-records';
import { saleByReceiptNumber, type SaleRecord } from '../../db/sales';
import { saleTenders } from '../../db/tenders';
import type { ApiResult, RefundSaleView } from '../api/contract';
import type { CheckoutContext } from '../checkout/context';
import { fail, ok } from '../checkout/result';

/** A sale tender as a refund needs it: what it took and gave back, and how to ask its provider. */
export interface BasisTender extends RefundBasisTender {
  paymentId: string | null;
  /** The reference the payment was made under, and the provider's id of it (null for cash). */
  paymentReference: string | null;
  paymentProviderRef: string | null;
  provider: string | null;
  maskedCode: string | null;
}

export type BasisLine = RefundableLine & Pick<RefundBasisLine, 'taxRateBp' | 'tax' | 'refundedTax'>;

/** The facts of a sale every view of it shares. */
type SaleFacts = Pick<RefundSaleView, 'receiptNumber' | 'terminalId' | 'soldAt' | 'currency' | 'total'>;

/** A sale found for a refund, everything the quote and the refund need. */
export interface RefundSale
  extends SaleFacts, Pick<RefundSaleView, 'receipt' | 'source' | 'offline' | 'training'> {
  /** This terminal's sale row, or null for another terminal's. */
  saleId: string | null;
  lines: BasisLine[];
  tenders: BasisTender[];
}

/** A sale's facts, copied field by field from a record that holds more. */
export function saleFacts(sale: SaleFacts): SaleFacts {
  const { receiptNumber, terminalId, soldAt, currency, total } = sale;
  return { receiptNumber, terminalId, soldAt, currency, total };
}

const RECEIPT_NUMBER = /^[A-Za-z0-9_]+-[A-Za-z0-9_]+-\d{6,}$/;

/** The receipt number a scan or a typed text names: the last path segment of an e-receipt link, or the text. */
/** The receipt number in what was scanned or typed; `example` is one of this store's (`S001-C01-000042`). */
export function receiptNumberOf(query: string, example: string): ApiResult<string> {
  const text = query.trim();
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      const segments = new URL(text).pathname.split('/').filter((s) => s !== '');
      candidate = decodeURIComponent(segments.at(-1) ?? '');
    } catch {
      candidate = '';
    }
  }
  if (!RECEIPT_NUMBER.test(candidate))
    return fail(
      'invalid_receipt',
      `"${text.slice(0, 60)}" is not a receipt: scan the QR code on the receipt, or type its number (like ${example})`,
    );
  return ok(candidate);
}

/** The sale with this receipt number, as a refund sees it; or why it cannot be found. */
export async function findRefundSale(
  ctx: CheckoutContext,
  receiptNumber: string,
): Promise<ApiResult<RefundSale>> {
  const desk = ctx.refundDesk.current;
  const local = saleByReceiptNumber(ctx.db, receiptNumber);
  const hq = desk ? await desk.findSale(receiptNumber) : null;
  if (local) {
    const sale = localSale(ctx, local);
    if (!hq) return ok(sale);
    if (!hq.reachable) return ok({ ...sale, offline: true });
    return ok(hq.value ? withHqRefunds(sale, hq.value) : sale);
  }
  const seller = receiptNumber.split('-')[1] ?? 'the terminal that sold it';
  if (!hq)
    return fail(
      'sale_not_found',
      `Receipt ${receiptNumber} was not sold at this terminal, and this terminal has no HQ to ask: refund it at ${seller}`,
    );
  if (!hq.reachable)
    return fail(
      'hq_unreachable',
      `HQ cannot be reached and receipt ${receiptNumber} was sold at ${seller}: refund it there, or try again when HQ is back`,
      { terminalId: seller, why: hq.why },
    );
  if (!hq.value)
    return fail(
      'sale_not_found',
      `There is no sale with receipt number ${receiptNumber} in this store: check the number`,
    );
  return ok(remoteSale(ctx, hq.value));
}

function localSale(ctx: CheckoutContext, sale: SaleRecord): RefundSale {
  const receipt = JSON.parse(sale.receiptJson) as Omit<PaidBasis, 'lines'> & {
    training?: boolean;
    lines: ReceiptLineLike[];
  };
  const shares = lineShares(receipt);
  const items = basketLines(ctx.db, sale.basketId);
  const back = refundedOfSale(ctx.db, sale.receiptNumber);
  const lines = receipt.lines.map((line, i): BasisLine => {
    const refunded = back.lines.get(i);
    return {
      line: i,
      gtin: items[i]?.gtin ?? null,
      name: line.name,
      unit: line.unit,
      sold: line.quantity,
      paid: shares[i]!.paid,
      tax: shares[i]!.tax,
      taxRateBp: line.taxRateBp,
      refundedQuantity: refunded?.quantity ?? 0,
      refundedAmount: refunded?.amount ?? 0,
      refundedTax: refunded?.tax ?? 0,
    };
  });
  const tenders = saleTenders(ctx.db, sale.id).map((t): BasisTender => {
    const payment = t.paymentId ? getPayment(ctx.db, t.paymentId) : null;
    return {
      position: t.position,
      kind: t.kind,
      took: t.amount,
      refunded: back.tenders.get(t.position) ?? 0,
      paymentId: t.paymentId ?? null,
      paymentReference: payment?.reference ?? null,
      paymentProviderRef: payment?.providerRef ?? null,
      provider: payment?.provider ?? null,
      maskedCode: payment?.maskedCode ?? null,
    };
  });
  return {
    ...saleFacts(sale),
    receipt,
    saleId: sale.id,
    lines,
    tenders,
    source: 'local',
    offline: false,
    training: receipt.training === true,
  };
}

interface ReceiptLineLike {
  name: string;
  unit: 'each' | 'kg';
  quantity: number;
  taxRateBp: number;
  lineTotal: number;
}

/** HQ knows every terminal's refunds of the sale; this terminal's not yet sent count too. */
function withHqRefunds(sale: RefundSale, view: HqSaleView): RefundSale {
  const lines = sale.lines.map((line) => {
    const hq = view.lines.find((l) => l.line === line.line);
    if (!hq) return line;
    return {
      ...line,
      refundedTax: hq.refundedQuantity > line.refundedQuantity ? undefined : line.refundedTax,
      refundedQuantity: Math.max(line.refundedQuantity, hq.refundedQuantity),
      refundedAmount: Math.max(line.refundedAmount, hq.refundedAmount),
    };
  });
  const tenders = sale.tenders.map((t) => ({
    ...t,
    refunded: Math.max(t.refunded, view.tenders[t.position - 1]?.refunded ?? 0),
  }));
  return { ...sale, lines, tenders, source: 'hq' };
}

/** Another terminal's sale as HQ sent it, with this terminal's own refunds of it counted in. */
function remoteSale(ctx: CheckoutContext, view: HqSaleView): RefundSale {
  const receipt = view.receipt as Partial<PaidBasis>;
  const taxes =
    Array.isArray(receipt.lines) && receipt.totals && receipt.taxes && receipt.taxMode
      ? lineShares(receipt as PaidBasis)
      : null;
  const rates: readonly { taxRateBp?: number }[] = receipt.lines ?? [];
  const back = refundedOfSale(ctx.db, view.receiptNumber);
  const lines = view.lines.map((line): BasisLine => {
    const own = back.lines.get(line.line);
    // A line this terminal already refunded keeps the figures it was refunded against (the database
    // holds every refund of a line to the same sold and paid).
    const sold = own?.sold ?? line.sold;
    const paid = own?.paid ?? line.paid;
    return {
      ...line,
      sold,
      paid,
      tax: Math.min(taxes?.[line.line]?.tax ?? 0, paid),
      taxRateBp: rates[line.line]?.taxRateBp ?? 0,
      // Only this terminal's refunds' tax is known; another's is taken as its cut of the line's tax.
      refundedTax: own && own.quantity >= line.refundedQuantity ? own.tax : undefined,
      refundedQuantity: Math.max(line.refundedQuantity, own?.quantity ?? 0),
      refundedAmount: Math.max(line.refundedAmount, own?.amount ?? 0),
    };
  });
  const tenders = view.tenders.map((t, i): BasisTender => ({
    position: i + 1,
    kind: t.kind as TenderKind,
    took: t.amount,
    refunded: Math.max(t.refunded, back.tenders.get(i + 1) ?? 0),
    paymentId: t.paymentId,
    paymentReference: t.reference,
    paymentProviderRef: null,
    provider: t.provider,
    maskedCode: t.maskedCode,
  }));
  return {
    ...saleFacts(view),
    receipt: view.receipt,
    saleId: null,
    lines,
    tenders,
    source: 'hq',
    offline: false,
    training: view.training,
  };
}

// The refund handlers of the TerminalApi (services/api/refund-contract.ts), read top-down: the map, then
// what it needs. Every one is refused `not_signed_in` while nobody is signed in at the counter (a kiosk
// never has anyone signed in, so it refunds nothing); services/counter/sign-in-guard.ts guards the API
// too. The refund itself: refund-start.ts (claim, approval, written whole), refund-engine.ts (paid out).
import { payDeclinedPartInCash } from './cash-instead';
import { formatReceiptNumber } from '../../core/receipt';
import type { ApiResult, RefundHandlers } from '../api/contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok } from '../checkout/result';
import { notSignedIn } from '../counter/sign-in-guard';
import type { PaymentProvider } from '../payments/provider';
import { cellsFor, encodeBlocks } from '../receipts/escpos';
import type { PrinterSettings } from '../receipts/printer-settings';
import { startNoReceiptRefund } from './no-receipt';
import { createRefundEngine, type PrintSlip, type RefundEngine } from './refund-engine';
import { refundSlip } from './refund-slip';
import { quoteSaleRefund, quoteView, startSaleRefund } from './refund-start';
import { refundSaleView } from './refund-view';
import { findRefundSale, receiptNumberOf } from './sale-basis';
import { searchSales } from './sale-search';

export type RefundApi = {
  [N in keyof RefundHandlers]: (input: RefundHandlers[N][0]) => Promise<ApiResult<RefundHandlers[N][1]>>;
};

export interface TerminalRefunds {
  handlers: RefundApi;
  /** Follows the refunds a restart left with a provider (call once the terminal is up). */
  recover(): void;
  close(): void;
}

type Send = (bytes: Uint8Array, what: string) => Promise<ApiResult<null>>;

export function startRefunds(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  printer: PrinterSettings | null,
  send: Send,
): TerminalRefunds {
  const engine = createRefundEngine(ctx, provider, slipPrinter(ctx, printer, send));
  return { handlers: refundHandlers(ctx, provider, engine), recover: engine.recover, close: engine.close };
}

export function refundHandlers(
  ctx: CheckoutContext,
  provider: PaymentProvider,
  engine: RefundEngine,
): RefundApi {
  const signedIn =
    <I, O>(act: (input: I, staff: OnDuty) => Promise<ApiResult<O>>) =>
    async (input: I): Promise<ApiResult<O>> => {
      const staff = ctx.duty.current;
      if (!staff)
        return notSignedIn(ctx) ?? fail('not_signed_in', 'Refunds are made at a counter, signed in');
      return act(input, staff);
    };
  return {
    'refund.find': signedIn(async ({ query }) => {
      const { storeId, terminalId } = ctx.settings;
      const receiptNumber = receiptNumberOf(query, formatReceiptNumber(storeId, terminalId, 42));
      if (!receiptNumber.ok) return receiptNumber;
      const sale = await findRefundSale(ctx, receiptNumber.value);
      return sale.ok ? ok(refundSaleView(sale.value)) : sale;
    }),
    'refund.search': signedIn(async (search) => searchSales(ctx, search)),
    'refund.quote': signedIn(async ({ receiptNumber, lines }) => {
      const quoted = await quoteSaleRefund(ctx, provider, receiptNumber, lines);
      return quoted.ok ? ok(quoteView(quoted.value)) : quoted;
    }),
    'refund.start': signedIn(async (input, staff) => {
      const made = await startSaleRefund(ctx, provider, staff, input);
      return made.ok ? ok(await engine.pay(made.value)) : made;
    }),
    'refund.noReceipt': signedIn(async (input, staff) => {
      const made = startNoReceiptRefund(ctx, staff, input);
      return made.ok ? ok(await engine.pay(made.value)) : made;
    }),
    'refund.get': signedIn(async ({ refundId }) => engine.view(refundId)),
    'refund.retry': signedIn(async ({ refundId }) => engine.retry(refundId)),
    'refund.print': signedIn(async ({ refundId }) => engine.print(refundId)),
    'refund.cashInstead': signedIn(async (input, staff) => {
      const paid = payDeclinedPartInCash(ctx, staff, input);
      return paid.ok ? engine.view(paid.value.id) : paid;
    }),
  };
}

/** Prints a refund slip through the receipts' queue; false without a printer or when it did not print. */
function slipPrinter(ctx: CheckoutContext, printer: PrinterSettings | null, send: Send): PrintSlip {
  return async (refund, copy) => {
    if (!printer) return false;
    const blocks = refundSlip(refund, {
      columns: printer.columns,
      cells: cellsFor(printer.encoding),
      storeName: ctx.settings.storeName,
      copy,
    });
    const sent = await send(encodeBlocks(blocks, printer), `refund ${refund.refundNumber}`);
    return sent.ok;
  };
}

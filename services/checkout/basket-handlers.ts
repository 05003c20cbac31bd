// The basket side of the TerminalApi: what the kiosk shows, scanning, quantities, removals, finishing a sale.
import { interpretScan } from '../../core/barcode/interpret';
import {
  addItem,
  cancelBasket,
  currentBasket,
  openBasket,
  removeLine,
  setQuantity,
  type BasketLineRecord,
  type BasketRecord,
  type ScannedItem,
} from '../../db/baskets';
import { raiseLotCheck } from '../../db/lot-checks';
import { attachMember } from '../../db/members';
import { activeRecallsOf } from '../../db/recalls';
import { activePayment } from '../../db/payments';
import { closeSale, saleByReceiptNumber, saleForBasket } from '../../db/sales';
import type { ApiError, ApiResult, BasketView, ScanSource, SessionView, TerminalApi } from '../api/contract';
import { publicSettings } from '../settings';
import type { CheckoutContext, PayByCode, ScanStart, WalletCode } from './context';
import { ageCheckOffer } from './age-hold';
import { overrideOffer } from './override-offer';
import { recallRefusal } from './recall-check';
import { additionRefusal, quantityRefusal } from './sale-restrictions';
import { fail, ok, refusal } from './result';
import { putAwayEmptyBasket } from './sale-start';
import { resolveScan, scanRulesOf, type ScanAction, type ScanPolicy } from './scan-lookup';
import { withCatalogNames } from './produce';
import { adoptPendingLanguage, chooseLanguage, forgetLanguage, shopperLanguage } from './shopper-language';
import { basketView, paymentView, receiptView } from './views';

type BasketHandlers = Pick<
  TerminalApi,
  | 'session.get'
  | 'basket.addScan'
  | 'basket.setQuantity'
  | 'basket.removeLine'
  | 'basket.cancel'
  | 'sale.finish'
  | 'receipt.get'
  | 'settings.get'
  | 'session.setLanguage'
>;

/** The basket handlers; a scanned wallet code pays through `payByCode` (the payment flow's), when given. */
export function basketHandlers(
  ctx: CheckoutContext,
  scanners: () => SessionView['scanners'],
  payByCode?: PayByCode,
): BasketHandlers {
  const session = (): SessionView => sessionView(ctx, scanners());
  return {
    'session.get': async () => ok(session()),
    'settings.get': async () => ok(publicSettings(ctx.settings)),
    'basket.addScan': async ({ code, source, weightGrams }) => {
      const started = startScan(ctx, code, source, payByCode, weightGrams);
      return started.settled ?? started.result;
    },
    'basket.setQuantity': async ({ lineId, quantity }) => {
      const basket = currentBasket(ctx.db);
      const refused = basket?.status === 'open' && quantityRefusal(ctx, basket.id, lineId, quantity);
      if (refused) return refused;
      return changeOpenBasket(ctx, (open) => setQuantity(ctx.db, open.id, lineId, quantity));
    },
    'basket.removeLine': async ({ lineId }) =>
      changeOpenBasket(ctx, (basket) => removeLine(ctx.db, basket.id, lineId)),
    'basket.cancel': async () => {
      const basket = currentBasket(ctx.db);
      if (basket?.status === 'open') cancelBasket(ctx.db, basket.id);
      if (basket?.status === 'open' || !basket) forgetLanguage(ctx);
      else if (basket)
        return fail(
          'basket_not_open',
          `The basket is ${basket.status}; only an open basket can be cancelled`,
        );
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
    'sale.finish': async () => {
      const basket = currentBasket(ctx.db);
      if (basket?.status === 'paid') closeSale(ctx.db, basket.id);
      // A member card scanned after the payment must not ride into the next customer's sale.
      putAwayEmptyBasket(ctx);
      forgetLanguage(ctx);
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
    'receipt.get': async ({ receiptNumber }) => {
      const sale = saleByReceiptNumber(ctx.db, receiptNumber);
      return sale
        ? ok(receiptView(sale.receiptJson))
        : fail('receipt_not_found', `No receipt numbered ${receiptNumber}`);
    },
    'session.setLanguage': async ({ language }) => {
      chooseLanguage(ctx, language);
      return ok(session());
    },
  };
}

/** Everything a (re)started kiosk needs to show the right screen. */
export function sessionView(ctx: CheckoutContext, scanners: SessionView['scanners']): SessionView {
  const basket = currentBasket(ctx.db);
  const payment = basket && basket.status === 'paying' ? activePayment(ctx.db, basket.id) : null;
  const sale = basket && basket.status === 'paid' ? saleForBasket(ctx.db, basket.id) : null;
  return {
    settings: publicSettings(ctx.settings),
    basket: basket ? basketView(ctx.db, basket, ctx.settings) : null,
    payment: payment ? paymentView(payment) : null,
    receipt: sale ? receiptView(sale.receiptJson) : null,
    scanners,
    language: shopperLanguage(ctx),
  };
}

/**
 * A scanned code, for a caller that cannot wait for a payment provider (the serial scanners): the
 * answer at once; when a wallet code's charge fails later, a `scan.rejected` event says why.
 */
export function addScan(
  ctx: CheckoutContext,
  code: string,
  source: ScanSource,
  payByCode?: PayByCode,
): ApiResult<BasketView> {
  const started = startScan(ctx, code, source, payByCode);
  void started.settled?.then((result) => {
    if (!result.ok)
      ctx.events.emit({ type: 'scan.rejected', code: shownScan(ctx, code), source, error: result.error });
  });
  return started.result;
}

/**
 * A scanned or typed code: add the item, attach the member, pay with the wallet code, or say calmly
 * why not. Nothing is written on a refusal; a scan that went through with something to know emits
 * a `scan.notice`.
 */
function startScan(
  ctx: CheckoutContext,
  code: string,
  source: ScanSource,
  payByCode: PayByCode | undefined,
  weightGrams?: number,
): ScanStart {
  const action = resolveScan(ctx.db, code, scanPolicy(ctx));
  if (action.kind === 'wallet') {
    const wallet = { wallet: action.provider, code: action.code, masked: action.masked };
    return payByCode?.(wallet) ?? { result: refuseWalletCode(wallet) };
  }
  if (action.kind === 'staff') {
    // During a payment the kiosk cannot confirm, an attendant's badge offers "Mark as paid?".
    const offer = overrideOffer(ctx, code);
    if (offer) {
      ctx.events.emit({ type: 'staff.override', offer });
      return {
        result: fail(
          'staff_override',
          `Attendant ${offer.attendantName}: mark payment ${offer.paymentId} paid?`,
        ),
      };
    }
    // While the basket waits for an age check, an attendant's badge offers the check.
    const check = ageCheckOffer(ctx, code);
    if (check) {
      ctx.events.emit({ type: 'staff.ageCheck', offer: check });
      return { result: fail('staff_age_check', `Attendant ${check.attendantName}: check the shopper's ID?`) };
    }
  }
  return { result: applyScan(ctx, action, source, weightGrams) };
}

/** Why a wallet code pays for nothing here; the message shows the code masked only. */
export function refuseWalletCode(wallet: WalletCode): { ok: false; error: ApiError } {
  return fail(
    'payment_code',
    `This is a ${wallet.wallet} payment code (${wallet.masked}); scan your items first, then the code pays for them`,
  );
}

function applyScan(
  ctx: CheckoutContext,
  action: Exclude<ScanAction, { kind: 'wallet' }>,
  source: ScanSource,
  weightGrams: number | undefined,
): ApiResult<BasketView> {
  switch (action.kind) {
    case 'refuse':
      return fail(action.code, action.message);
    case 'staff':
      ctx.events.emit({
        type: 'scan.notice',
        source,
        notice: { code: 'staff_badge', message: `Staff badge ${action.badgeId} read` },
      });
      return fail('staff_badge', `Staff badge ${action.badgeId} read; it adds nothing to the basket`);
    case 'member':
      return withBasketForScan(ctx, (basket) => {
        attachMember(ctx.db, basket.id, action);
        ctx.events.emit({
          type: 'scan.notice',
          source,
          notice: { code: 'member_attached', message: `Member ${action.memberId} attached to the basket` },
        });
      });
    case 'add':
      return addItemScan(ctx, action, source, weightGrams);
  }
}

/** What a scan's text may show on screen and in events: a wallet payment code is a bearer secret. */
export function shownScan(ctx: CheckoutContext, code: string): string {
  const scan = interpretScan(code, scanPolicy(ctx).rules);
  return scan.kind === 'wallet' ? scan.masked : code;
}

export function scanPolicy(ctx: CheckoutContext): ScanPolicy {
  // The terminal's clock (services/clock.ts): the price in force and "expired" are both judged at it.
  const now = ctx.clock();
  return {
    rules: scanRulesOf(ctx.settings, ctx.patterns, now),
    expiredItems: ctx.settings.expiredItems,
    today: localDate(now),
    now,
  };
}

/** The terminal's local calendar date as YYYY-MM-DD (what a printed expiry date is compared with). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Writes a scanned item's line into an open basket: `addItem`, or a caller's that journals it too. */
export type LineWriter = (basketId: string, item: ScannedItem, quantity: number) => BasketLineRecord;

/**
 * An item to add (a resolved scan), under the store's rules; `writeLine` writes the line — an
 * attendant's typed weight passes one that journals it in the line's transaction.
 */
export function addItemScan(
  ctx: CheckoutContext,
  action: Extract<ScanAction, { kind: 'add' }>,
  source: ScanSource,
  weightGrams: number | undefined,
  writeLine: LineWriter = (basketId, item, quantity) => addItem(ctx.db, basketId, item, quantity),
): ApiResult<BasketView> {
  const { product, item } = action;
  // A recalled item is refused (and reported to HQ) before anything else is asked of it.
  const recalled = recallRefusal(ctx, { ...item, name: product.name }, item.barcode);
  if (recalled) {
    // A kiosk calls the attendant itself to read the lot on a pack its code did not name.
    if (recalled.error.code === 'recall_check_lot' && ctx.settings.role === 'kiosk')
      holdForLotCheck(ctx, { gtin: item.gtin, code: item.barcode, name: product.name });
    return recalled;
  }
  const quantity = action.quantity ?? weightGrams;
  if (!quantity) return fail('weight_required', `${product.name} is sold by weight; weigh it first`);
  // The store's hours and most per basket, at the scan (a weighed item is one line, whatever it weighs).
  const refused = additionRefusal(ctx, product, item.unit === 'kg' ? 1 : quantity);
  if (refused) return refused;
  let lineId = '';
  const result = withBasketForScan(ctx, (basket) => {
    lineId = writeLine(basket.id, withCatalogNames(ctx, item), quantity).id;
  });
  if (result.ok && action.notice)
    ctx.events.emit({ type: 'scan.notice', source, notice: { ...action.notice, lineId } });
  return result;
}

/** Holds a pack for the attendant's lot check on the basket the scan belongs to (none while paying). */
function holdForLotCheck(ctx: CheckoutContext, pack: { gtin: string; code: string; name: string }): void {
  const basket = basketForScan(ctx);
  if (!basket) return;
  // The recalls that list lots or serials: the ones the attendant reads the pack's label against.
  const recallIds = activeRecallsOf(ctx.db, pack.gtin)
    .filter((recall) => recall.lots.length > 0 || recall.serials.length > 0)
    .map((recall) => recall.id);
  raiseLotCheck(ctx.db, { basketId: basket.id, ...pack, recallIds }, ctx.clock());
  emitBasket(ctx, basket.id);
}

/** The open basket a scan goes into — a new one after a finished sale — or null during a payment. */
function basketForScan(ctx: CheckoutContext): BasketRecord | null {
  let basket = currentBasket(ctx.db);
  if (basket?.status === 'paid') {
    closeSale(ctx.db, basket.id);
    basket = null;
  }
  if (basket?.status === 'paying') return null;
  const open = basket ?? openBasket(ctx.db, ctx.settings.currency);
  if (!basket) adoptPendingLanguage(ctx, open.id);
  return open;
}

/**
 * Runs a scan's change on the basket a scan belongs to: the open one, or a new one. A scan on the
 * receipt screen is the next shopper, so the finished sale is put away first; during a payment the
 * basket is frozen.
 */
function withBasketForScan(
  ctx: CheckoutContext,
  change: (basket: BasketRecord) => void,
): ApiResult<BasketView> {
  const open = basketForScan(ctx);
  if (!open) return fail('payment_in_progress', 'A payment is in progress; cancel it to add more items');
  try {
    change(open);
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, open.id));
}

function changeOpenBasket(
  ctx: CheckoutContext,
  change: (basket: BasketRecord) => void,
): ApiResult<BasketView> {
  const basket = currentBasket(ctx.db);
  if (!basket || basket.status !== 'open')
    return fail('basket_not_open', 'There is no open basket to change');
  try {
    change(basket);
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, basket.id));
}

/** Reads the basket back after a committed change and tells every screen. */
export function emitBasket(ctx: CheckoutContext, basketId: string): BasketView {
  const basket = currentBasket(ctx.db);
  if (!basket || basket.id !== basketId) throw new Error(`basket ${basketId} is no longer current`);
  const view = basketView(ctx.db, basket, ctx.settings);
  ctx.events.emit({ type: 'basket.changed', basket: view });
  return view;
}

/** Shows the basket again when what its lines are has changed without a change of its own (a recall came). */
export function showBasketAgain(ctx: CheckoutContext): void {
  if (!ctx.db.open) return;
  const basket = currentBasket(ctx.db);
  if (basket?.status === 'open' || basket?.status === 'paying') emitBasket(ctx, basket.id);
}

// What every checkout handler works with.
import { compileCodePatterns, type CompiledCodePatterns } from '../../core/barcode/code-patterns';
import { bindJournalTerminal } from '../../db/journal';
import type { Database } from '../../db/open';
import type { ApiResult, BasketView } from '../api/contract';
import type { EventHub } from '../events';
import type { Settings } from '../settings';
import type { StaffRole } from '../../core/staff/roles';
import type { HqRefundDesk } from '../refund/hq-desk';
import type { DeliveryDesk } from '../stock/receiving/desk';
import { systemClock, type Clock } from '../clock';
import type { LabelPrinters } from '../labels/printers';

/** A wallet payment code as scanned. `code` is a bearer secret: held in memory for one charge, never shown. */
export interface WalletCode {
  /** The wallet the store's patterns recognised, its code pattern's id, e.g. `wechat`. */
  wallet: string;
  code: string;
  masked: string;
}

/**
 * What a scan started: `result` at once (what the serial scanner path reports), and, when the scan
 * went on to talk to the payment provider, `settled` with the answer once the provider has answered.
 */
export interface ScanStart {
  result: ApiResult<BasketView>;
  settled?: Promise<ApiResult<BasketView>>;
}

export interface CheckoutContext {
  db: Database;
  settings: Settings;
  events: EventHub;
  /** The store's wallet, member and staff patterns, compiled once. */
  patterns: CompiledCodePatterns;
  /**
   * Who is signed in at this counter now: every sale, tender, void, discount and drawer opening names
   * them. Null at a kiosk (the shopper rings up), and at a counter that is locked or signed out.
   */
  duty: { current: OnDuty | null };
  /** The cash drawer, opened on cash tenders, pay-ins, pay-outs and no-sale (services/receipts). */
  drawer: CashDrawer;
  /** HQ's refund desk while the terminal is enrolled (services/refund/hq-desk.ts); null: refunds are offline. */
  refundDesk: { current: HqRefundDesk | null };
  /** HQ's delivery desk while enrolled (services/sync/hq-delivery-desk.ts): delivery notes claimed once per store. */
  deliveryDesk?: { current: DeliveryDesk | null };
  /** "Now" for pricing: which dated price is in force at a scan, a price check, a label (services/clock.ts). */
  clock: Clock;
  /** The printers shelf labels go to (services/labels); none until the terminal starts them. */
  labelPrinters: LabelPrinters;
}

/** A staff member signed in at a counter. */
export interface OnDuty {
  id: string;
  name: string;
  role: StaffRole;
}

/** Why the drawer opens: each is a cash event the shift records. */
export type DrawerReason = 'cash_tender' | 'pay_in' | 'pay_out' | 'no_sale' | 'cash_refund';

export interface CashDrawer {
  /** Kicks the drawer open; never throws (a drawer that stays shut shows on the printer's status). */
  open(reason: DrawerReason): void;
}

/** A terminal with no receipt printer has no drawer to kick: cash is counted, nothing opens. */
export const NO_DRAWER: CashDrawer = { open: () => undefined };

/**
 * Pays the basket with a scanned wallet code (the payment flow's `payByCode`), given to the scan side
 * when it is built; without one, a wallet code is refused as `payment_code`.
 */
export type PayByCode = (wallet: WalletCode) => ScanStart;

/** The context of a checkout; tells the journal which store and terminal its entries come from. */
export function createCheckoutContext(
  db: Database,
  settings: Settings,
  events: EventHub,
  clock: Clock = systemClock,
): CheckoutContext {
  bindJournalTerminal(db, { storeId: settings.storeId, terminalId: settings.terminalId });
  return {
    db,
    settings,
    events,
    patterns: settingsPatterns(settings),
    duty: { current: null },
    drawer: NO_DRAWER,
    refundDesk: { current: null },
    deliveryDesk: { current: null },
    clock,
    labelPrinters: {},
  };
}

/** The settings' code patterns, compiled; loadSettings validated them, so a failure here is a bug. */
export function settingsPatterns(settings: Settings): CompiledCodePatterns {
  const compiled = compileCodePatterns(settings.codePatterns);
  if (!compiled.ok) throw new Error(`settings.codePatterns: ${compiled.message}`);
  return compiled.value;
}

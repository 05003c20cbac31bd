// What every checkout handler works with.
import { compileCodePatterns, type CompiledCodePatterns } from '../../core/barcode/code-patterns';
import { bindJournalTerminal } from '../../db/journal';
import type { Database } from '../../db/open';
import type { ApiResult, BasketView } from '../api/contract';
import type { EventHub } from '../events';
import type { Settings } from '../settings';

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
}

/**
 * Pays the basket with a scanned wallet code (the payment flow's `payByCode`), given to the scan side
 * when it is built; without one, a wallet code is refused as `payment_code`.
 */
export type PayByCode = (wallet: WalletCode) => ScanStart;

/** The context of a checkout; tells the journal which store and terminal its entries come from. */
export function createCheckoutContext(db: Database, settings: Settings, events: EventHub): CheckoutContext {
  bindJournalTerminal(db, { storeId: settings.storeId, terminalId: settings.terminalId });
  return { db, settings, events, patterns: settingsPatterns(settings) };
}

/** The settings' code patterns, compiled; loadSettings validated them, so a failure here is a bug. */
export function settingsPatterns(settings: Settings): CompiledCodePatterns {
  const compiled = compileCodePatterns(settings.codePatterns);
  if (!compiled.ok) throw new Error(`settings.codePatterns: ${compiled.message}`);
  return compiled.value;
}

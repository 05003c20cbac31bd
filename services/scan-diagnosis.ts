// `openlane barcode parse`: what a label means and what this terminal's till would do with it, for
// store IT standing at a shelf with a code that will not scan. Reads only; a wallet code is masked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { interpretScan, type ScanInterpretation } from '../core/barcode/interpret';
import { settingsPatterns } from './checkout/context';
import { resolveScan, scanRulesOf } from './checkout/scan-lookup';
import { DEFAULT_SETTINGS, loadSettings } from './settings';
import { openTerminalStore } from './store';

export type TillAnswer =
  | {
      action: 'add';
      product: { gtin: string; name: string; unit: string; price: number };
      line: {
        unit: string;
        unitPrice: number;
        quantity: number | null;
        lot?: string;
        serial?: string;
        expiry?: string;
      };
      notice?: string;
    }
  | { action: 'attach_member'; program: string; memberId: string }
  | { action: 'staff_badge'; badgeId: string }
  | { action: 'payment_code'; provider: string }
  | { action: 'refuse'; code: string; message: string };

export interface ScanDiagnosis {
  interpretation: ScanInterpretation;
  /** What the terminal whose data directory was given would do; absent without a terminal database. */
  till?: TillAnswer;
}

/** Interprets a code under a terminal's settings (defaults without one) and, given its database, asks its till. */
export function diagnoseScan(raw: string, dataDir: string | null, now = new Date()): ScanDiagnosis {
  const settings =
    dataDir && existsSync(join(dataDir, 'settings.json')) ? loadSettings(dataDir) : DEFAULT_SETTINGS;
  const rules = scanRulesOf(settings, settingsPatterns(settings), now);
  const scan = interpretScan(raw, rules);
  const interpretation: ScanInterpretation = scan.kind === 'wallet' ? { ...scan, code: scan.masked } : scan;
  if (!dataDir || !existsSync(join(dataDir, 'openlane.db'))) return { interpretation };
  const store = openTerminalStore(dataDir);
  try {
    const today = now.toLocaleDateString('sv'); // YYYY-MM-DD in local time
    const action = resolveScan(store.db, raw, { rules, expiredItems: settings.expiredItems, today, now });
    return { interpretation, till: tillAnswer(action) };
  } finally {
    store.db.close();
  }
}

function tillAnswer(action: ReturnType<typeof resolveScan>): TillAnswer {
  switch (action.kind) {
    case 'add': {
      const { product, item, quantity, notice } = action;
      return {
        action: 'add',
        product: { gtin: product.gtin, name: product.name, unit: product.unit, price: product.price },
        line: {
          unit: item.unit,
          unitPrice: item.unitPrice,
          quantity,
          ...(item.lot ? { lot: item.lot } : {}),
          ...(item.serial ? { serial: item.serial } : {}),
          ...(item.expiry ? { expiry: item.expiry } : {}),
        },
        ...(notice ? { notice: notice.message } : {}),
      };
    }
    case 'member':
      return { action: 'attach_member', program: action.program, memberId: action.memberId };
    case 'staff':
      return { action: 'staff_badge', badgeId: action.badgeId };
    case 'wallet':
      return { action: 'payment_code', provider: action.provider };
    case 'refuse':
      return { action: 'refuse', code: action.code, message: action.message };
  }
}

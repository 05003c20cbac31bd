// From what a scanner sent to what the till does with it. core/barcode/interpret says what the code
// is; here the catalog and the store's rules decide: add this item (with a weight,
// a price, a lot, a serial from the label), attach a member, or refuse calmly with the reason.
// Nothing here writes. Recalls are the sale's own check (recall-check.ts), not a scan's: a recalled item
// may still be returned or booked in.
import type { CompiledCodePatterns } from '../../core/barcode/code-patterns';
import { amountToMinorUnits, type Gs1Fields } from '../../core/barcode/gs1';
import { interpretScan, type ScanInterpretation, type ScanRules } from '../../core/barcode/interpret';
import { currencyExponent } from '../../core/money';
import type { Product } from '../../core/types';
import type { ScannedItem } from '../../db/baskets';
import { findProduct } from '../../db/catalog';
import { barcodeForPlu } from '../../db/catalog-names';
import type { Database } from '../../db/open';
import type { ScanNotice } from '../api/contract';
import { variableMeasureScheme, type Settings } from '../settings';
import { pricedAt } from '../stock/shelf-price';

/** What a scan asks the till to do. */
export type ScanAction =
  | {
      kind: 'add';
      product: Product;
      item: ScannedItem;
      /** Pieces, or grams for a `kg` item; null when a weighed item still needs the scale. */
      quantity: number | null;
      notice?: ScanNotice;
    }
  | { kind: 'member'; program: string; memberId: string }
  | { kind: 'staff'; badgeId: string }
  | { kind: 'wallet'; provider: string; code: string; masked: string }
  | { kind: 'refuse'; code: string; message: string };

/** Everything the store's settings say about reading codes, ready for interpretScan. */
export function scanRulesOf(settings: Settings, patterns: CompiledCodePatterns, now = new Date()): ScanRules {
  return {
    patterns,
    variableMeasure: variableMeasureScheme(settings.variableMeasure),
    currencyMinorDigits: currencyExponent(settings.currency),
    referenceYear: now.getFullYear(),
  };
}

export interface ScanPolicy {
  rules: ScanRules;
  expiredItems: Settings['expiredItems'];
  /** The terminal's local calendar date, YYYY-MM-DD: what "expired" is measured against. */
  today: string;
  /** The moment whose dated price applies (the terminal's clock); without it, the catalog's price. */
  now?: Date;
}

export function resolveScan(db: Database, raw: string, policy: ScanPolicy): ScanAction {
  const scan = interpretScan(pluAsBarcode(db, raw), policy.rules);
  switch (scan.kind) {
    case 'retail':
      return retail(db, scan, policy);
    case 'variable_measure':
      return scaleLabel(db, scan, policy);
    case 'gs1':
      return gs1Item(db, scan, policy);
    case 'wallet':
      return { kind: 'wallet', provider: scan.provider, code: scan.code, masked: scan.masked };
    case 'member':
      return { kind: 'member', program: scan.program, memberId: scan.memberId };
    case 'staff':
      return { kind: 'staff', badgeId: scan.badgeId };
    case 'unrecognised':
      return refuse(scan.reason === 'empty' ? 'invalid_code' : unreadableCode(scan.reason), scan.message);
  }
}

type Scan<K extends ScanInterpretation['kind']> = Extract<ScanInterpretation, { kind: K }>;

/** The catalog's product at the price in force at the policy's moment (effective-dated prices). */
function lookup(db: Database, gtin: string, policy: ScanPolicy): Product | null {
  const product = findProduct(db, gtin);
  return product && policy.now ? pricedAt(db, product, policy.now) : product;
}

function retail(db: Database, scan: Scan<'retail'>, policy: ScanPolicy): ScanAction {
  for (const gtin of scan.candidates) {
    const product = lookup(db, gtin, policy);
    if (product) return add(product, product.unit === 'kg' ? null : 1);
  }
  return notFound(scan.printed);
}

/** A weighed or priced in-store label: the product is keyed by the label with its value zeroed. */
function scaleLabel(db: Database, scan: Scan<'variable_measure'>, policy: ScanPolicy): ScanAction {
  const product = lookup(db, scan.lookupGtin14, policy);
  if (!product) return notFound(scan.printed);
  const barcode = scan.printed;
  switch (scan.measure) {
    case 'weight':
      // A shelf code with no weight in it (value 0) is weighed at the till like any kg product.
      return add(product, scan.value || null, { unit: 'kg', barcode });
    case 'price':
      if (!scan.value) return refuse('label_unreadable', `The label ${barcode} carries a price of 0`);
      return add(product, 1, { unit: 'each', unitPrice: scan.value, barcode });
    case 'count':
      if (!scan.value) return refuse('label_unreadable', `The label ${barcode} carries a count of 0`);
      return add(product, scan.value, { unit: 'each', barcode });
  }
}

function gs1Item(db: Database, scan: Scan<'gs1'>, policy: ScanPolicy): ScanAction {
  const { fields } = scan;
  if (!fields.gtin14)
    return refuse('invalid_code', 'This GS1 code names no product (no GTIN, AI 01): it is not for the till');
  const product = lookup(db, fields.gtin14, policy);
  if (!product) return notFound(fields.gtin14);
  const traced = { lot: fields.lot ?? null, serial: fields.serial ?? null, expiry: fields.expiry ?? null };
  let notice: ScanNotice | undefined;
  if (fields.expiry && fields.expiry < policy.today) {
    const message = `${product.name} expired on ${fields.expiry}`;
    if (policy.expiredItems === 'block') return refuse('item_expired', message);
    notice = { code: 'item_expired_warning', message };
  }
  const priced = labelPrice(fields, policy.rules.currencyMinorDigits);
  if (priced === 'unreadable')
    return refuse('label_unreadable', `The price on this GS1 label cannot be read in the store currency`);
  if (priced !== null) return add(product, 1, { ...traced, unit: 'each', unitPrice: priced }, notice);
  if (product.unit === 'kg') {
    // A serialised or lot-marked pack of a kg product carries its net weight (AI 310n/320n).
    return add(product, fields.netWeightGrams || null, traced, notice);
  }
  return add(product, 1, traced, notice);
}

/** The price a GS1 label prints (AI 392n/393n) in minor units, null when it prints none. */
function labelPrice(fields: Gs1Fields, exponent: number): number | null | 'unreadable' {
  if (!fields.price) return null;
  return amountToMinorUnits(fields.price, exponent) ?? 'unreadable';
}

function add(
  product: Product,
  quantity: number | null,
  overrides: Partial<ScannedItem> = {},
  notice?: ScanNotice,
): ScanAction {
  const item: ScannedItem = {
    gtin: product.gtin,
    barcode: product.barcode,
    name: product.name,
    unit: product.unit,
    unitPrice: product.price,
    taxRateBp: product.taxRateBp,
    ageLimit: product.ageLimit,
    ...overrides,
  };
  return { kind: 'add', product, item, quantity, ...(notice ? { notice } : {}) };
}

/** Malformed data inside a well-formed kind of code (a scale label, a GS1 code) is a label problem. */
function unreadableCode(reason: string): string {
  const label = ['bad_price_check_digit', 'bad_date', 'bad_rule'];
  return label.includes(reason) ? 'label_unreadable' : 'invalid_code';
}

/**
 * A PLU typed on the keypad (the number on a fruit's sticker) stands for its product's barcode. No
 * barcode has 4 or 5 digits, so nothing else is read differently, whoever resolves the code (a basket
 * scan, the scale's weighing).
 */
function pluAsBarcode(db: Database, raw: string): string {
  const code = raw.trim();
  return /^\d{4,5}$/.test(code) ? (barcodeForPlu(db, code) ?? raw) : raw;
}

function notFound(code: string): ScanAction {
  return refuse('item_not_found', `No product with barcode ${code} in the catalog`);
}

function refuse(code: string, message: string): ScanAction {
  return { kind: 'refuse', code, message };
}

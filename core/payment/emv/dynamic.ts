/**
 * One-sale codes from a store's static bank QR: the same merchant account, with point of initiation
 * 12, the amount in 54 and the bill reference in 62 — what the kiosk shows when no provider makes a
 * dynamic code for it. The result passes the strict encoder, so a bad reference is refused, not shown.
 */
import { currencyExponent, minorToDecimal } from '../../money';
import { currencyAlpha, currencyNumeric } from './currency';
import { decodeEmv } from './decode';
import { encodeEmv } from './encode';
import { findObject, valueAt, withValue } from './lookup';
import { schemesOf } from './profiles';
import { isTemplate, type EmvDataObject, type EmvEncodeResult, type EmvError } from './types';

export interface DynamicSale {
  /** The amount to pay in minor units (cents, satang, centavos); a positive integer. */
  amountMinor: number;
  /** ISO 4217 alphabetic code; it must match the code's own currency (53) when it has one. */
  currency: string;
  /** The bill reference the payment is matched on (the receipt number, say). */
  reference: string;
  /** Where the reference goes: 62.01 bill number, 62.05 reference label, 62.08 purpose; default per scheme. */
  referenceField?: '01' | '05' | '08';
}

const refuse = (path: string, message: string): EmvEncodeResult => ({
  ok: false,
  error: { code: 'bad_input', path, message } satisfies EmvError,
  violations: [],
});

/** A dynamic code for one sale, made from a static merchant-presented code. */
export function buildDynamicBankQr(staticPayload: string, sale: DynamicSale): EmvEncodeResult {
  const base = decodeEmv(staticPayload);
  if (!base.ok) return { ok: false, error: base.error, violations: [] };
  if (!Number.isSafeInteger(sale.amountMinor) || sale.amountMinor <= 0) {
    return refuse('54', `the amount must be a positive whole number of minor units, not ${sale.amountMinor}`);
  }
  const objects = base.dataObjects;
  if (valueAt(objects, '01') === '12') {
    return refuse('01', "the code is already dynamic (01 = 12); start from the store's static code");
  }
  const schemes = schemesOf(objects);
  const notStatic = schemes.map((s) => s.notStatic?.(objects)).find((why) => why !== undefined);
  if (notStatic) return refuse('', `this code cannot carry an amount: ${notStatic}`);
  const numeric = currencyNumeric(sale.currency);
  const own = valueAt(objects, '53');
  if (numeric === undefined && own === undefined) return refuse('53', `unknown currency "${sale.currency}"`);
  if (own !== undefined && own !== numeric) {
    const theirs = currencyAlpha(own) ?? own;
    return refuse('53', `the code is for ${theirs}; the sale is in ${sale.currency.toUpperCase()}`);
  }
  const field = sale.referenceField ?? schemes[0]?.referenceField ?? '01';
  const amount = minorToDecimal(sale.amountMinor, currencyExponent(sale.currency));
  let dynamic = withValue(objects, '01', '12');
  dynamic = withValue(dynamic, '53', own ?? numeric);
  dynamic = withValue(dynamic, '54', amount);
  dynamic = withValue(dynamic, `62.${field}`, sale.reference);
  for (const scheme of schemes) dynamic = scheme.toDynamic?.(dynamic) ?? dynamic;
  // The bank's own deviations stay accepted, except where this sale wrote: those are checked afresh.
  const written = changedPaths(objects, dynamic, '');
  const deviations = base.deviations.filter((d) => !written.has(d.path));
  return encodeEmv({ dataObjects: dynamic, deviations });
}

/** Paths whose value differs between two trees, with every template above them. */
function changedPaths(
  before: readonly EmvDataObject[],
  after: readonly EmvDataObject[],
  path: string,
): Set<string> {
  const out = new Set<string>();
  const ids = new Set([...before, ...after].map((o) => o.id));
  for (const id of ids) {
    const a = findObject(before, id);
    const b = findObject(after, id);
    const at = path ? `${path}.${id}` : id;
    if (a && b && isTemplate(a) && isTemplate(b)) {
      const inner = changedPaths(a.children, b.children, at);
      if (inner.size > 0) out.add(at);
      for (const p of inner) out.add(p);
    } else if (!a || !b || JSON.stringify(a) !== JSON.stringify(b)) {
      out.add(at);
    }
  }
  return out;
}

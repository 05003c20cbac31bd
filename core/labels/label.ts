// A shelf label as printed: the item's name, its price and unit price, its barcode, and the date the
// price takes effect. The encoders (escpos.ts, zpl.ts) turn it into a printer's bytes; this module only
// says what goes on it, as text, so both printers print the same words.
import { gs1CheckDigit } from '../barcode/gtin';
import { currencyExponent, minorToDecimal } from '../money';

/** What a label prints; money and dates already written as text. */
export interface ShelfLabel {
  name: string;
  /** The code printed as the label's barcode (the item's own barcode, digits). */
  barcode: string;
  /** e.g. `CNY 12.50`. */
  price: string;
  /** e.g. `CNY 25.80/kg`, or null when the item has none. */
  unitPrice: string | null;
  /** e.g. `from 2026-12-08`, or null when HQ never dated the price. */
  effective: string | null;
}

/** What the label is made from: money in minor units, the date as YYYY-MM-DD in the store's time. */
export interface LabelFacts {
  name: string;
  barcode: string;
  currency: string;
  price: number;
  unitPrice: { amount: number; per: 'kg' | 'l' } | null;
  effectiveDate: string | null;
}

/** The label's text from its facts. The currency code, not a symbol: every printer can print it. */
export function shelfLabel(facts: LabelFacts): ShelfLabel {
  const money = (minor: number) =>
    `${facts.currency} ${minorToDecimal(minor, currencyExponent(facts.currency))}`;
  return {
    name: facts.name,
    barcode: facts.barcode,
    price: money(facts.price),
    unitPrice: facts.unitPrice ? `${money(facts.unitPrice.amount)}/${facts.unitPrice.per}` : null,
    effective: facts.effectiveDate ? `from ${facts.effectiveDate}` : null,
  };
}

/** How a barcode is drawn: EAN-13 for 13 digits (its check digit verified), else Code 128. */
export type LabelSymbology = { kind: 'ean13'; digits: string } | { kind: 'code128'; text: string };

/** The symbology for a label's barcode; printable ASCII only ever reaches a printer's barcode command. */
export function labelSymbology(barcode: string): LabelSymbology {
  if (/^\d{13}$/.test(barcode) && gs1CheckDigit(barcode.slice(0, 12)) === Number(barcode[12]))
    return { kind: 'ean13', digits: barcode };
  // Anything outside printable ASCII is dropped: only that may reach a printer's barcode command.
  return { kind: 'code128', text: barcode.replace(/[^\x20-\x7e]/g, '') };
}

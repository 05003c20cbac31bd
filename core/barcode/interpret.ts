/**
 * One function from what a scanner sent to what it means. A scan is not a product code: it may be a
 * retail barcode, a weighed-goods label, a GS1 element string or Digital Link with a lot and an expiry,
 * a shopper's wallet or member code, a staff badge, or noise — and each gets a typed answer. Pure:
 * the till (services/checkout) decides what to do with it.
 */
import { splitAddOn } from './add-on';
import { classifyCode, maskPaymentCode, type CompiledCodePatterns } from './code-patterns';
import {
  GS,
  gs1Fields,
  parseDigitalLink,
  parseElementString,
  type Gs1Element,
  type Gs1Fields,
  type Gs1Warning,
} from './gs1';
import { checkGtin } from './gtin';
import { splitSymbologyId } from './symbology';
import { expandUpcE } from './upc-e';
import { parseVariableMeasure, type Measure, type VariableMeasureScheme } from './variable-measure';

/** What the store has configured about the codes it meets. */
export interface ScanRules {
  patterns: CompiledCodePatterns;
  /** The store's in-store (prefix 20–29) label layout, or null when it prints none. */
  variableMeasure: VariableMeasureScheme | null;
  /** Digits after the decimal point of the store currency (2 for CNY, 0 for JPY). */
  currencyMinorDigits: number;
  /** GS1 two-digit years are read against this year; core has no clock, so the caller passes it. */
  referenceYear: number;
}

export type RetailSymbology = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'UPC-E' | 'GTIN-14' | 'EAN-8 or UPC-E';

export type ScanInterpretation = { aim: string | null } & (
  | {
      kind: 'retail';
      symbology: RetailSymbology;
      /** The main code as printed. */
      printed: string;
      /** The GTIN-14s it may stand for, the likelier first (an 8-digit code may be EAN-8 or UPC-E). */
      candidates: string[];
      addOn: string | null;
    }
  | {
      kind: 'variable_measure';
      printed: string;
      scheme: string;
      itemCode: string;
      /** The catalog key: the label with its value zeroed. */
      lookupGtin14: string;
      measure: Measure;
      /** Grams for weight, minor units for price, pieces for count. */
      value: number;
    }
  | {
      kind: 'gs1';
      form: 'element_string' | 'digital_link';
      elements: Gs1Element[];
      fields: Gs1Fields;
      /** For a Digital Link: where it points, and its non-AI parameters. */
      link?: { domain: string; pathPrefix: string; otherParams: Record<string, string> };
      /** AIs whose required partner (GS1 `req=`) is missing; the code is still used. Absent when none. */
      warnings?: Gs1Warning[];
    }
  | { kind: 'wallet'; provider: string; code: string; masked: string }
  | { kind: 'member'; program: string; memberId: string }
  | { kind: 'staff'; badgeId: string }
  | { kind: 'unrecognised'; reason: string; message: string }
);

type Meaning = ScanInterpretation extends infer T ? (T extends unknown ? Omit<T, 'aim'> : never) : never;

/** Interprets raw scanner input (with or without an AIM identifier); never throws. */
export function interpretScan(raw: string, rules: ScanRules): ScanInterpretation {
  const { aim, data } = splitSymbologyId(raw.trim());
  return { aim: aim?.id ?? null, ...meaningOf(data, aim?.id, aim?.gs1 === true, rules) };
}

function meaningOf(data: string, aimId: string | undefined, gs1Aim: boolean, rules: ScanRules): Meaning {
  if (!data) return unrecognised('empty', 'The scan was empty');
  const coded = classifyCode(data, rules.patterns, aimId);
  if (coded?.kind === 'wallet') return { ...coded, masked: maskPaymentCode(coded.code) };
  if (coded) return coded;
  if (/^https?:\/\//i.test(data)) return digitalLink(data, rules);
  if (gs1Aim || looksLikeElementString(data)) return elementString(data, rules);
  if (/^\d+$/.test(data)) return digits(data, aimId, rules);
  return unrecognised(
    'unknown_format',
    `"${preview(data)}" is not a product barcode, a GS1 code, or a member or payment code`,
  );
}

/** GS1 data sent without an AIM identifier: a GS inside, the bracketed form, or 01 + GTIN and more. */
function looksLikeElementString(data: string): boolean {
  return data.includes(GS) || data.startsWith('(') || (/^01\d{14}./.test(data) && data.length > 16);
}

function elementString(data: string, rules: ScanRules): Meaning {
  const parsed = parseElementString(data, { referenceYear: rules.referenceYear });
  if (!parsed.ok) return unrecognised(parsed.reason, `This GS1 code cannot be read: ${parsed.message}`);
  return {
    kind: 'gs1',
    form: 'element_string',
    elements: parsed.elements,
    fields: gs1Fields(parsed.elements),
    ...(parsed.warnings ? { warnings: parsed.warnings } : {}),
  };
}

function digitalLink(data: string, rules: ScanRules): Meaning {
  const parsed = parseDigitalLink(data, { referenceYear: rules.referenceYear });
  if (!parsed.ok) {
    if (parsed.reason === 'not_digital_link')
      return unrecognised('unknown_url', `The link ${preview(data)} is not a GS1 Digital Link of a product`);
    return unrecognised(parsed.reason, `This GS1 Digital Link cannot be read: ${parsed.message}`);
  }
  const { domain, pathPrefix, otherParams, elements, warnings } = parsed;
  return {
    kind: 'gs1',
    form: 'digital_link',
    elements,
    fields: gs1Fields(elements),
    link: { domain, pathPrefix, otherParams },
    ...(warnings ? { warnings } : {}),
  };
}

function digits(data: string, aimId: string | undefined, rules: ScanRules): Meaning {
  const split = splitAddOn(data, aimId);
  if (!split.ok) {
    // A length that is no code with or without an add-on is simply the wrong length for a GTIN.
    const gtin = checkGtin(data);
    if (split.reason === 'ambiguous_length' && !gtin.ok) return unrecognised(gtin.reason, gtin.message);
    return unrecognised(split.reason, split.message);
  }
  const { main, addOn } = split;
  const weighed = variableMeasure(main, rules);
  if (weighed) return weighed;
  const retail = retailCandidates(main, aimId);
  if (typeof retail === 'string') return unrecognised(retailReason(main), retail);
  return { kind: 'retail', ...retail, printed: main, addOn };
}

/** An in-store label under the store's scheme; null when the code is not one (it is read as retail). */
function variableMeasure(main: string, rules: ScanRules): Meaning | null {
  if (!rules.variableMeasure) return null;
  // A UPC-A with number system 2 is the same in-store code as the EAN-13 02…
  const code13 = main.length === 12 ? `0${main}` : main;
  if (code13.length !== 13) return null;
  const parsed = parseVariableMeasure(code13, rules.variableMeasure, rules.currencyMinorDigits);
  if (parsed.ok) {
    const { itemCode, lookupGtin14, measure, value } = parsed;
    return {
      kind: 'variable_measure',
      printed: main,
      scheme: rules.variableMeasure.id,
      itemCode,
      lookupGtin14,
      measure,
      value,
    };
  }
  if (parsed.reason === 'not_variable_measure' || parsed.reason === 'no_rule') return null;
  return unrecognised(parsed.reason, `This scale label cannot be read: ${parsed.message}`);
}

/** GTIN-14s an EAN/UPC can stand for, or why it cannot be one. */
function retailCandidates(
  main: string,
  aimId: string | undefined,
): { symbology: RetailSymbology; candidates: string[] } | string {
  const gtin = checkGtin(main);
  if (main.length !== 8) {
    if (!gtin.ok) return `This code cannot be read as a product barcode: ${gtin.message}`;
    return { symbology: gtin.kind, candidates: [gtin.gtin14] };
  }
  // Eight digits: `]E4` says EAN-8; `]E0` on 8 digits is a UPC-E; without an identifier both are tried.
  const upcA = aimId === ']E4' ? null : expandUpcE(main);
  const ean8 = gtin.ok && aimId !== ']E0' ? gtin.gtin14 : null;
  const candidates = [ean8, upcA?.padStart(14, '0')].filter((c): c is string => !!c);
  if (!candidates.length) return `"${main}" is neither a valid EAN-8 nor a valid UPC-E`;
  const symbology = ean8 && upcA ? 'EAN-8 or UPC-E' : ean8 ? 'EAN-8' : 'UPC-E';
  return { symbology, candidates };
}

function retailReason(main: string): string {
  const check = checkGtin(main);
  return check.ok ? 'bad_check_digit' : check.reason;
}

function unrecognised(reason: string, message: string): Meaning {
  return { kind: 'unrecognised', reason, message };
}

/** Enough of an unknown scan to recognise it in a message, never a whole wall of text. */
function preview(text: string): string {
  const printable = Array.from(text, (c) => (c < ' ' || c === '\u007f' ? '·' : c)).join('');
  return printable.length > 40 ? `${printable.slice(0, 37)}…` : printable;
}

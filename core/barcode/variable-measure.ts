/**
 * In-store variable-measure EAN-13 (GS1 restricted circulation numbers 20–29, and 02 = UPC-A number
 * system 2): the label carries an item reference plus a weight, price or count, laid out by a rule table
 * that each country or retailer chooses. Values come out as integers (grams, minor units, pieces).
 */
import { checkGtin, withCheckDigit } from './gtin';

export type Measure = 'weight' | 'price' | 'count';

export interface VariableMeasureRule {
  /** Two-digit (or longer) leading digits of the EAN-13 that select this rule, e.g. ['20', '21']. */
  prefixes: string[];
  /** How many digits after the prefix identify the item (the PLU / article). */
  itemDigits: number;
  measure: Measure;
  /** Digits carrying the weight / price / count. */
  valueDigits: number;
  /** Decimals printed in the value: weight 3 = grams (kg with 3 decimals); price = decimals as printed. */
  decimals: number;
  /** A GS1 price (measure) verifier digit precedes the value and is checked. Only for 4 or 5 value digits. */
  priceCheckDigit: boolean;
}

export interface VariableMeasureScheme {
  id: string;
  name: string;
  rules: VariableMeasureRule[];
}

export type VariableMeasureRefusal =
  'not_ean13' | 'not_variable_measure' | 'bad_check_digit' | 'no_rule' | 'bad_rule' | 'bad_price_check_digit';

export type VariableMeasureParse =
  | {
      ok: true;
      itemCode: string;
      /** The catalog key: value and verifier zeroed, check digit recomputed, as GTIN-14. */
      lookupGtin14: string;
      measure: Measure;
      /** Grams for weight, minor units for price, pieces for count. */
      value: number;
      rule: VariableMeasureRule;
    }
  | { ok: false; reason: VariableMeasureRefusal; message: string };

export type VariableMeasureEncode =
  | { ok: true; code: string }
  | { ok: false; reason: 'bad_rule' | 'bad_prefix' | 'bad_item_code' | 'bad_value'; message: string };

// GS1 General Specifications §7.9.2: the product tables of the weighting factors. "2-" and "5-" take
// the units digit of (d × w − tens digit), "5+" of (d × w + tens digit), "3" plainly of d × 3.
type WeightTable = readonly number[];
const TWO_MINUS: WeightTable = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE: WeightTable = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS: WeightTable = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS: WeightTable = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];
const FOUR_DIGIT_WEIGHTS: readonly WeightTable[] = [TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS];
const FIVE_DIGIT_WEIGHTS: readonly WeightTable[] = [FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS];

function weightedSum(field: string, weights: readonly WeightTable[]): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += weights[i]![field.charCodeAt(i) - 48]!;
  return sum;
}

/**
 * The GS1 price/measure verifier digit of a 4- or 5-digit value field (GS1 General Specifications
 * §7.9.3 and §7.9.4); null for any other field.
 */
export function priceCheckDigit(field: string): number | null {
  if (/^\d{4}$/.test(field)) return (weightedSum(field, FOUR_DIGIT_WEIGHTS) * 3) % 10;
  if (!/^\d{5}$/.test(field)) return null;
  // §7.9.4: subtract the sum from the next multiple of ten, then find the digit whose "5-" product is that.
  const target = (10 - (weightedSum(field, FIVE_DIGIT_WEIGHTS) % 10)) % 10;
  return FIVE_MINUS.indexOf(target);
}

/** Decimal places of the integer unit each measure is counted in (grams, minor units, pieces). */
function unitDecimals(measure: Measure, currencyMinorDigits: number): number {
  if (measure === 'weight') return 3;
  return measure === 'price' ? currencyMinorDigits : 0;
}

function isCount(n: number, min: number): boolean {
  return Number.isInteger(n) && n >= min;
}

/** Why a rule cannot be used (lengths that do not make 13 digits, decimals finer than the unit), or null. */
export function ruleProblem(rule: VariableMeasureRule, currencyMinorDigits = 2): string | null {
  const { itemDigits, valueDigits, decimals, measure } = rule;
  if (!isCount(itemDigits, 0) || !isCount(valueDigits, 1) || !isCount(decimals, 0)) {
    return 'itemDigits, valueDigits and decimals must be whole numbers (valueDigits at least 1)';
  }
  if (rule.prefixes.length === 0) return 'the rule has no prefixes';
  if (rule.priceCheckDigit && valueDigits !== 4 && valueDigits !== 5) {
    return `a price check digit needs 4 or 5 value digits, not ${valueDigits}`;
  }
  if (!isCount(currencyMinorDigits, 0)) {
    return `currencyMinorDigits ${currencyMinorDigits} is not a whole number`;
  }
  const finest = unitDecimals(measure, currencyMinorDigits);
  if (decimals > finest) {
    return `a ${measure} printed with ${decimals} decimals cannot be counted in whole units with ${finest}`;
  }
  const body = itemDigits + (rule.priceCheckDigit ? 1 : 0) + valueDigits + 1;
  for (const prefix of rule.prefixes) {
    if (!/^\d{2,}$/.test(prefix)) return `prefix "${prefix}" is not two or more digits`;
    if (prefix.length + body !== 13) {
      return `prefix "${prefix}" + ${itemDigits} item + ${rule.priceCheckDigit ? '1 check + ' : ''}${valueDigits} value + 1 check digits is ${prefix.length + body}, not 13`;
    }
  }
  return null;
}

/** Why a scheme cannot be used (a bad rule, or one prefix claimed twice), or null when it is sound. */
export function schemeProblem(scheme: VariableMeasureScheme, currencyMinorDigits = 2): string | null {
  const seen = new Set<string>();
  for (const [index, rule] of scheme.rules.entries()) {
    const problem = ruleProblem(rule, currencyMinorDigits);
    if (problem) return `scheme "${scheme.id}" rule ${index + 1}: ${problem}`;
    for (const prefix of rule.prefixes) {
      if (seen.has(prefix)) return `scheme "${scheme.id}": prefix "${prefix}" is in two rules`;
      seen.add(prefix);
    }
  }
  return null;
}

/** The rule whose prefix is the longest one the code starts with, so "245" can refine "24". */
function findRule(
  code: string,
  scheme: VariableMeasureScheme,
): { rule: VariableMeasureRule; prefix: string } | null {
  let best: { rule: VariableMeasureRule; prefix: string } | null = null;
  for (const rule of scheme.rules) {
    for (const prefix of rule.prefixes) {
      if (code.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { rule, prefix };
    }
  }
  return best;
}

function refuse(reason: VariableMeasureRefusal, message: string): VariableMeasureParse {
  return { ok: false, reason, message };
}

/**
 * Reads a variable-measure EAN-13 by a scheme's rules: the item, its catalog key, and the value in
 * integer units (grams, minor units of a currency with `currencyMinorDigits` decimals, or pieces).
 */
export function parseVariableMeasure(
  code13: string,
  scheme: VariableMeasureScheme,
  currencyMinorDigits = 2,
): VariableMeasureParse {
  if (!/^\d{13}$/.test(code13)) return refuse('not_ean13', `"${code13}" is not a 13-digit EAN-13`);
  const found = findRule(code13, scheme);
  // 2X and 02 are restricted circulation numbers; anything else is an ordinary GTIN to look up as it is.
  const restricted = code13.startsWith('2') || code13.startsWith('02');
  if (!found && !restricted) {
    return refuse('not_variable_measure', `"${code13}" is not an in-store (2X or 02) number`);
  }
  const check = checkGtin(code13);
  if (!check.ok) return refuse('bad_check_digit', check.message);
  if (!found) {
    return refuse(
      'no_rule',
      `"${code13}": scheme "${scheme.id}" has no rule for prefix ${code13.slice(0, 2)}`,
    );
  }
  const { rule, prefix } = found;
  const problem = ruleProblem(rule, currencyMinorDigits);
  if (problem) return refuse('bad_rule', `scheme "${scheme.id}", prefix "${prefix}": ${problem}`);

  const itemEnd = prefix.length + rule.itemDigits;
  const valueStart = itemEnd + (rule.priceCheckDigit ? 1 : 0);
  const valueField = code13.slice(valueStart, valueStart + rule.valueDigits);
  if (rule.priceCheckDigit) {
    const expected = priceCheckDigit(valueField);
    if (expected !== Number(code13[itemEnd])) {
      return refuse(
        'bad_price_check_digit',
        `"${code13}" has price check digit ${code13[itemEnd]} for ${rule.measure} ${valueField}; it should be ${expected}`,
      );
    }
  }
  const scale = 10 ** (unitDecimals(rule.measure, currencyMinorDigits) - rule.decimals);
  const zeroed = code13.slice(0, itemEnd) + '0'.repeat(valueStart + rule.valueDigits - itemEnd);
  return {
    ok: true,
    itemCode: code13.slice(prefix.length, itemEnd),
    lookupGtin14: withCheckDigit(zeroed).padStart(14, '0'),
    measure: rule.measure,
    value: Number(valueField) * scale,
    rule,
  };
}

/**
 * Builds the label a scale would print for an item and a value in integer units (grams, minor units,
 * pieces), under `prefix` (default the rule's first) — for fixtures, the demo and round-trip tests.
 */
export function encodeVariableMeasure(
  itemCode: string,
  value: number,
  rule: VariableMeasureRule,
  options: { prefix?: string; currencyMinorDigits?: number } = {},
): VariableMeasureEncode {
  const currencyMinorDigits = options.currencyMinorDigits ?? 2;
  const problem = ruleProblem(rule, currencyMinorDigits);
  if (problem) return { ok: false, reason: 'bad_rule', message: problem };
  const prefix = options.prefix ?? rule.prefixes[0]!;
  if (!rule.prefixes.includes(prefix)) {
    return {
      ok: false,
      reason: 'bad_prefix',
      message: `prefix "${prefix}" is not one of this rule's prefixes`,
    };
  }
  if (!new RegExp(`^\\d{${rule.itemDigits}}$`).test(itemCode)) {
    return {
      ok: false,
      reason: 'bad_item_code',
      message: `item code "${itemCode}" is not ${rule.itemDigits} digits`,
    };
  }
  const scale = 10 ** (unitDecimals(rule.measure, currencyMinorDigits) - rule.decimals);
  const printed = Number.isSafeInteger(value) && value >= 0 && value % scale === 0 ? value / scale : -1;
  if (printed < 0 || printed >= 10 ** rule.valueDigits) {
    return {
      ok: false,
      reason: 'bad_value',
      message: `${rule.measure} ${value} cannot be printed in ${rule.valueDigits} digits with ${rule.decimals} decimals`,
    };
  }
  const field = String(printed).padStart(rule.valueDigits, '0');
  const verifier = rule.priceCheckDigit ? String(priceCheckDigit(field)) : '';
  return { ok: true, code: withCheckDigit(prefix + itemCode + verifier + field) };
}

const TWO_X = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];

/**
 * 2X IIIII V PPPP K: five item digits, a price verifier, a 4-digit price. This is the first structure of
 * GS1 General Specifications figure 2.1.14.2-2 and the US UPC-A number-system-2 layout (02… as EAN-13).
 */
function priceWithVerifier(prefixes: string[]): VariableMeasureRule {
  return { prefixes, itemDigits: 5, measure: 'price', valueDigits: 4, decimals: 2, priceCheckDigit: true };
}

/** Germany: 2X IIII V NNNNN K, a 5-digit value behind a verifier, as German scan-and-go apps read it. */
function germanRule(prefixes: string[], measure: Measure, decimals: number): VariableMeasureRule {
  return { prefixes, itemDigits: 4, measure, valueDigits: 5, decimals, priceCheckDigit: true };
}

/** Sweden (GS1 Sweden "viktvarunummer"): 2X + 6 more digits of prefix and serial, a 4-digit value, no verifier. */
function swedishRule(prefix: string, measure: Measure, decimals: number): VariableMeasureRule {
  return { prefixes: [prefix], itemDigits: 6, measure, valueDigits: 4, decimals, priceCheckDigit: false };
}

/** China: 2X IIIII VVVVV K, five item digits and a 5-digit value with no verifier, the scale default. */
function chineseRule(prefixes: string[], measure: Measure, decimals: number): VariableMeasureRule {
  return { prefixes, itemDigits: 5, measure, valueDigits: 5, decimals, priceCheckDigit: false };
}

/** Ready-made schemes; a store picks one by id or configures its own rule table. */
export const PRESETS: Record<string, VariableMeasureScheme> = {
  generic: {
    id: 'generic',
    name: 'GS1 price with verifier (2X/02 IIIII V PPPP K)',
    rules: [priceWithVerifier(['02', ...TWO_X])],
  },
  uk: {
    id: 'uk',
    name: 'United Kingdom (GS1 UK variable measure, price in pence)',
    rules: [
      // GS1 UK, "How to barcode variable measure items" (gs1uk.org): branded VM numbers are
      // 20XXX/28XXX + RR item + V price verifier + PPPP pence + C — i.e. 2X and 5 item digits.
      priceWithVerifier(['20', '28']),
      // In-store labels: a retailer's own use of the other 2X (and 02) numbers. Convention, not a GS1 UK
      // rule: we assume the same layout as the branded numbers, which is what UK scales print by default.
      priceWithVerifier(['02', '21', '22', '23', '24', '25', '26', '27', '29']),
    ],
  },
  de: {
    id: 'de',
    name: 'Germany (2X IIII V NNNNN K)',
    // The layout is the snabble SDK's "ean13_instore_chk" template ("2{code:5}{i}{embed:5}{_}") used by
    // German retailers, checked against its fixtures. Which 2X means weight, count or price is each
    // retailer's choice; this split (21–24 weight in g, 25 pieces, 26–29 price in cent) is our convention.
    rules: [
      germanRule(['21', '22', '23', '24'], 'weight', 3),
      germanRule(['25'], 'count', 0),
      germanRule(['26', '27', '28', '29'], 'price', 2),
    ],
  },
  se: {
    id: 'se',
    name: 'Sweden (GS1 Sweden viktvarunummer)',
    // GS1 Sweden, "Så skapar du viktvarunummer" (gs1.se): 2X where X = 0/1/2 price in kronor with 2/1/0
    // decimals, 3/4/5 weight in kg with 3/2/1 decimals; prefix + serial fill 8 digits, then 4 value digits.
    rules: [
      swedishRule('20', 'price', 2),
      swedishRule('21', 'price', 1),
      swedishRule('22', 'price', 0),
      swedishRule('23', 'weight', 3),
      swedishRule('24', 'weight', 2),
      swedishRule('25', 'weight', 1),
    ],
  },
  cn: {
    id: 'cn',
    name: 'China (2X IIIII VVVVV K scale labels)',
    // Convention: Chinese in-store codes (店内码) are commonly 2 prefix + 5 item + 5 price or weight + check,
    // e.g. 21 06013 04008 = ¥40.08. GB/T 18283-2008 also allows a verifier form; scales are configured per
    // store, so this split (20–21 price in fen, 22 weight in g) is ours.
    rules: [chineseRule(['20', '21'], 'price', 2), chineseRule(['22'], 'weight', 3)],
  },
};

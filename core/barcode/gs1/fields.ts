/** The few facts a till wants from GS1 elements, in the units the rest of OpenLane uses. */
import { parseDecimalToMinor } from '../../money';
import type { Gs1Element, Gs1Value } from './types';

type Measure = Extract<Gs1Value, { kind: 'measure' }>;
type Amount = Extract<Gs1Value, { kind: 'amount' }>;

export interface Gs1Fields {
  gtin14?: string;
  /** AI (02): the GTIN of the trade items inside a logistic unit. */
  contentGtin14?: string;
  sscc?: string;
  lot?: string;
  serial?: string;
  /** Dates as `YYYY-MM-DD`, day 00 already turned into the month's last day. */
  productionDate?: string;
  packagingDate?: string;
  bestBefore?: string;
  sellBy?: string;
  expiry?: string;
  /** Date-times as `YYYY-MM-DDTHH:MM:SS`. */
  productionDateTime?: string;
  expiryDateTime?: string;
  /** From 310n or 320n, rounded to the nearest gram. */
  netWeightGrams?: number;
  /** From 315n or 316n, rounded to the nearest millilitre. */
  netVolumeMillilitres?: number;
  /** AI (30): items in a variable-count trade item. */
  count?: number;
  /** AI (37): trade items in a logistic unit. */
  tradeItemCount?: number;
  /** AI (392n) or (393n): the price printed on a variable-measure item. */
  price?: { digits: string; decimals: number; currencyNumeric?: string };
  productUrl?: string;
}

// Exact conversion factors as integers over powers of ten, so rounding happens once, at the end.
const GRAMS_PER_UNIT: Partial<Record<Measure['unit'], [number, number]>> = {
  kg: [1000, 0],
  lb: [45_359_237, 5], // 1 lb = 453.59237 g exactly
};
const MILLILITRES_PER_UNIT: Partial<Record<Measure['unit'], [number, number]>> = {
  l: [1000, 0],
  m3: [1_000_000, 0],
};

/** value × factor / 10^(shift + decimals), rounded half up; all terms stay safe integers (< 2^53). */
function scaled(measure: Measure, [factor, shift]: [number, number]): number {
  const numerator = measure.value * factor;
  const denominator = 10 ** (shift + measure.decimals);
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

const DATE_FIELDS: Readonly<Record<string, keyof Gs1Fields>> = {
  '11': 'productionDate',
  '13': 'packagingDate',
  '15': 'bestBefore',
  '16': 'sellBy',
  '17': 'expiry',
  '8008': 'productionDateTime',
  '7003': 'expiryDateTime',
};
const TEXT_FIELDS: Readonly<Record<string, 'lot' | 'serial' | 'productUrl'>> = {
  '10': 'lot',
  '21': 'serial',
  '8200': 'productUrl',
};

/** A summary of validated elements for the till: GTIN, lot, serial, dates, weight, price. */
export function gs1Fields(elements: readonly Gs1Element[]): Gs1Fields {
  const fields: Gs1Fields = {};
  for (const { ai, raw, value } of elements) {
    const dateField = DATE_FIELDS[ai];
    const textField = TEXT_FIELDS[ai];
    if (dateField && (value.kind === 'date' || value.kind === 'datetime')) {
      Object.assign(fields, { [dateField]: value.iso });
    } else if (textField) {
      fields[textField] = raw;
    } else if (value.kind === 'gtin' && (ai === '01' || ai === '02')) {
      // AI (03), a made-to-order GTIN, names no product a till sells as such.
      fields[ai === '01' ? 'gtin14' : 'contentGtin14'] = value.gtin14;
    } else if (value.kind === 'sscc') {
      fields.sscc = value.sscc;
    } else if (value.kind === 'count') {
      fields[ai === '30' ? 'count' : 'tradeItemCount'] = value.count;
    } else if (value.kind === 'amount') {
      fields.price = { digits: value.digits, decimals: value.decimals };
      if (value.currencyNumeric !== undefined) fields.price.currencyNumeric = value.currencyNumeric;
    } else if (value.kind === 'measure' && /^3(1[05]|16|20)/.test(ai)) {
      const grams = GRAMS_PER_UNIT[value.unit];
      const millilitres = MILLILITRES_PER_UNIT[value.unit];
      if (grams) fields.netWeightGrams = scaled(value, grams);
      if (millilitres) fields.netVolumeMillilitres = scaled(value, millilitres);
    }
  }
  return fields;
}

/**
 * An amount in minor units of a currency with `exponent` decimals (2 for EUR, 0 for JPY), or null
 * when it has a non-zero digit finer than the currency's minor unit or does not fit a safe integer.
 */
export function amountToMinorUnits(
  amount: Pick<Amount, 'digits' | 'decimals'>,
  exponent: number,
): number | null {
  if (!/^\d+$/.test(amount.digits) || !Number.isInteger(amount.decimals) || amount.decimals < 0) return null;
  const padded = amount.digits.padStart(amount.decimals + 1, '0');
  const whole = padded.slice(0, padded.length - amount.decimals);
  // Zeros beyond the minor unit carry no value; anything else would need rounding, which money never does.
  const fraction = padded.slice(padded.length - amount.decimals).replace(/0+$/, '');
  return parseDecimalToMinor(fraction ? `${whole}.${fraction}` : whole, exponent);
}

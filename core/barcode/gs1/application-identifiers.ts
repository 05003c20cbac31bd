/**
 * The GS1 Application Identifiers a store meets, as in the GS1 General Specifications and the GS1
 * Barcode Syntax Dictionary: data title, length, character set, check digit, dates, decimals.
 */
import type { MeasureUnit } from './types';

/** `numeric` digits only; `cset82` the GS1 AI encodable character set 82; `cset39` set 39. */
export type Gs1Charset = 'numeric' | 'cset82' | 'cset39';

/** How a valid data field turns into a `Gs1Value`. */
export type AiFormat =
  'text' | 'gtin' | 'sscc' | 'gln' | 'date' | 'datetime' | 'measure' | 'amount' | 'amount-currency' | 'count';

export interface AiDefinition {
  ai: string;
  title: string;
  fixedLength: boolean;
  /** Length of the data field (without the AI). */
  minLength: number;
  maxLength: number;
  charset: Gs1Charset;
  /** A GS1 mod-10 check digit ends the field, or for ITIP (8006) its first 14 digits. */
  checkDigit: boolean;
  date: boolean;
  /** YYMM00 is allowed and means the last day of the month (AIs 11–17). */
  dayZeroAllowed: boolean;
  /** For the n-suffixed AIs (310n, 392n…): the implied decimal places, n. */
  decimals?: number;
  unit?: MeasureUnit;
  format: AiFormat;
  /** In GS1's table of predefined lengths, so no FNC1/GS separator follows it. */
  predefinedLength: boolean;
}

/**
 * GS1 General Specifications figure 5.10.1-2: AIs starting with these two digits have a
 * predefined total length (AI + data) and are never followed by a separator. The table is fixed
 * forever, so a decoder may rely on it even for AIs it does not know.
 */
// prettier-ignore
export const PREDEFINED_LENGTHS: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18,
  '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8, '18': 8, '19': 8,
  '20': 4,
  '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10,
  '41': 16,
};

/** Whether an AI is in the predefined-length table, i.e. needs no separator after its data. */
export function hasPredefinedLength(ai: string): boolean {
  return Object.hasOwn(PREDEFINED_LENGTHS, ai.slice(0, 2));
}

type Extra = Partial<Omit<AiDefinition, 'ai' | 'title' | 'minLength' | 'maxLength'>>;

function define(ai: string, title: string, min: number, max: number, extra: Extra): AiDefinition {
  const format = extra.format ?? 'text';
  const date = format === 'date' || format === 'datetime';
  return {
    ai,
    title,
    fixedLength: min === max,
    minLength: min,
    maxLength: max,
    charset: 'cset82',
    checkDigit: false,
    date,
    dayZeroAllowed: false,
    format,
    predefinedLength: hasPredefinedLength(ai),
    ...extra,
  };
}

const numeric = (ai: string, title: string, min: number, max: number, extra: Extra = {}) =>
  define(ai, title, min, max, { charset: 'numeric', ...extra });
const text = (ai: string, title: string, max: number) => define(ai, title, 1, max, {});
const key = (ai: string, title: string, length: number, format: AiFormat) =>
  numeric(ai, title, length, length, { checkDigit: true, format });
const labelDate = (ai: string, title: string) =>
  numeric(ai, title, 6, 6, { format: 'date', dayZeroAllowed: true });

/** One entry per decimal position n for the AI families like 310n and 392n. */
function family(prefix: string, maxN: number, make: (ai: string, n: number) => AiDefinition) {
  return Array.from({ length: maxN + 1 }, (_, n) => make(prefix + n, n));
}

const measure = (prefix: string, title: string, unit: MeasureUnit) =>
  family(prefix, 5, (ai, decimals) => numeric(ai, title, 6, 6, { format: 'measure', unit, decimals }));

const DEFINITIONS: readonly AiDefinition[] = [
  key('00', 'SSCC', 18, 'sscc'),
  key('01', 'GTIN', 14, 'gtin'),
  key('02', 'CONTENT', 14, 'gtin'),
  text('10', 'BATCH/LOT', 20),
  labelDate('11', 'PROD DATE'),
  labelDate('12', 'DUE DATE'),
  labelDate('13', 'PACK DATE'),
  labelDate('15', 'BEST BEFORE or BEST BY'),
  labelDate('16', 'SELL BY'),
  labelDate('17', 'USE BY or EXPIRY'),
  numeric('20', 'VARIANT', 2, 2),
  text('21', 'SERIAL', 20),
  text('22', 'CPV', 20),
  text('235', 'TPX', 28),
  text('240', 'ADDITIONAL ID', 30),
  text('241', 'CUST. PART No.', 30),
  text('250', 'SECONDARY SERIAL', 30),
  text('251', 'REF. TO SOURCE', 30),
  text('254', 'GLN EXTENSION COMPONENT', 20),
  numeric('30', 'VAR. COUNT', 1, 8, { format: 'count' }),
  ...measure('310', 'NET WEIGHT (kg)', 'kg'),
  ...measure('311', 'LENGTH (m)', 'm'),
  ...measure('312', 'WIDTH (m)', 'm'),
  ...measure('313', 'HEIGHT (m)', 'm'),
  ...measure('314', 'AREA (m²)', 'm2'),
  ...measure('315', 'NET VOLUME (l)', 'l'),
  ...measure('316', 'NET VOLUME (m³)', 'm3'),
  ...measure('320', 'NET WEIGHT (lb)', 'lb'),
  ...measure('330', 'GROSS WEIGHT (kg)', 'kg'),
  numeric('37', 'COUNT', 1, 8, { format: 'count' }),
  ...family('392', 9, (ai, decimals) => numeric(ai, 'PRICE', 1, 15, { format: 'amount', decimals })),
  ...family('393', 9, (ai, decimals) => numeric(ai, 'PRICE', 4, 18, { format: 'amount-currency', decimals })),
  text('400', 'ORDER NUMBER', 30),
  key('410', 'SHIP TO LOC', 13, 'gln'),
  key('411', 'BILL TO', 13, 'gln'),
  key('412', 'PURCHASE FROM', 13, 'gln'),
  key('413', 'SHIP FOR LOC', 13, 'gln'),
  key('414', 'LOC No.', 13, 'gln'),
  numeric('422', 'ORIGIN', 3, 3),
  numeric('7003', 'EXPIRY TIME', 10, 10, { format: 'datetime' }),
  numeric('8006', 'ITIP', 18, 18, { checkDigit: true }),
  numeric('8008', 'PROD TIME', 8, 12, { format: 'datetime' }),
  define('8010', 'CPID', 1, 30, { charset: 'cset39' }),
  numeric('8011', 'CPID SERIAL', 1, 12),
  key('8017', 'GSRN - PROVIDER', 18, 'text'),
  key('8018', 'GSRN - RECIPIENT', 18, 'text'),
  numeric('8019', 'SRIN', 1, 10),
  text('8020', 'REF No.', 25),
  text('8200', 'PRODUCT URL', 70),
  text('90', 'INTERNAL', 30),
  ...Array.from({ length: 9 }, (_, i) => text(String(91 + i), 'INTERNAL', 90)),
];

const BY_AI: ReadonlyMap<string, AiDefinition> = new Map(DEFINITIONS.map((d) => [d.ai, d]));

/** Every AI this module knows, in AI order. */
export const APPLICATION_IDENTIFIERS: readonly AiDefinition[] = DEFINITIONS;

/** The definition of an AI given exactly (`"3103"`, not `"310n"`), or undefined. */
export function lookupAi(ai: string): AiDefinition | undefined {
  return BY_AI.get(ai);
}

/** The known AI that `data` starts with at `position`; GS1 AIs are prefix-free, so at most one fits. */
export function aiAt(data: string, position: number): AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    const found = BY_AI.get(data.slice(position, position + length));
    if (found) return found;
  }
  return undefined;
}

const CHARSETS: Readonly<Record<Gs1Charset, RegExp>> = {
  numeric: /^[0-9]$/,
  cset82: /^[!"%-?A-Z_a-z]$/,
  cset39: /^[#\-/0-9A-Z]$/,
};

/** The 0-based index of the first character of `text` outside `charset`, or -1 when all fit. */
export function firstOutsideCharset(text: string, charset: Gs1Charset): number {
  const pattern = CHARSETS[charset];
  for (let i = 0; i < text.length; i++) {
    if (!pattern.test(text[i]!)) return i;
  }
  return -1;
}

/**
 * Every GS1 Application Identifier, from GS1's Barcode Syntax Dictionary (ai-table.generated.ts):
 * data title, components, lengths, character sets, check routines, FNC1 need and pairing rules;
 * plus, for the AIs a till reads a meaning from, how the value decodes (GTIN, date, weight, price…).
 */
import { DICTIONARY_AIS } from './ai-table.generated';
import type { DictionaryAi, DictionaryComponent } from './dictionary-types';
import type { MeasureUnit } from './types';

/** `numeric` digits; `cset82` the GS1 AI encodable character set 82; `cset39` set 39; `cset64` base64url. */
export type Gs1Charset = 'numeric' | 'cset82' | 'cset39' | 'cset64';

/** How a valid data field turns into a `Gs1Value`. */
export type AiFormat =
  'text' | 'gtin' | 'sscc' | 'gln' | 'date' | 'datetime' | 'measure' | 'amount' | 'amount-currency' | 'count';

export interface AiDefinition {
  ai: string;
  /** GS1's data title; the dictionary gives none for a few AIs (8110, 8112), then it is empty. */
  title: string;
  fixedLength: boolean;
  /** Length of the data field (without the AI): the required components' minimum… */
  minLength: number;
  /** …and all components' maximum. */
  maxLength: number;
  /** The character set of the whole field when its components share one, else `cset82`. */
  charset: Gs1Charset;
  /** A GS1 mod-10 check digit ends a component (the whole field, or for ITIP (8006) its first 14 digits). */
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
  /** The field's parts in order, each with its character set, length and check routines. */
  components: DictionaryComponent[];
  /** AIs and patterns (`310n`) that may not appear with this one. */
  ex: readonly string[];
  /** Rules of AIs that must accompany this one: each rule's alternatives, each a group needed together. */
  req: DictionaryAi['req'];
  /** As a Digital Link primary key, its alternative orders of key qualifiers; null if it is not one. */
  dlpkey: DictionaryAi['dlpkey'];
  /** Whether it may be a Digital Link query attribute. */
  dlAttribute: boolean;
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

/** Whether an AI needs no separator after its data: the dictionary's `*` flag, or the fixed table. */
export function hasPredefinedLength(ai: string): boolean {
  return BY_AI.get(ai)?.predefinedLength ?? Object.hasOwn(PREDEFINED_LENGTHS, ai.slice(0, 2));
}

/** The Gs1Charset of a dictionary component type letter. */
export const CHARSET_OF: Readonly<Record<DictionaryComponent['charset'], Gs1Charset>> = {
  N: 'numeric',
  X: 'cset82',
  Y: 'cset39',
  Z: 'cset64',
};

const MEASURE_UNITS: Readonly<Record<string, MeasureUnit>> = {
  '310': 'kg',
  '311': 'm',
  '312': 'm',
  '313': 'm',
  '314': 'm2',
  '315': 'l',
  '316': 'm3',
  '320': 'lb',
  '330': 'kg',
};

type Meaning = Pick<AiDefinition, 'format' | 'unit' | 'decimals'>;

/** What a till reads from an AI's value; an AI with no meaning here is kept as its text. */
function meaningOf(ai: string, components: readonly DictionaryComponent[]): Meaning {
  // 31nn–36nn and 390n–395n carry their decimal places in the last digit of the AI.
  const decimals = /^(3[1-6]\d|39[0-5])\d$/.test(ai) ? { decimals: Number(ai[3]) } : {};
  const unit = ai.length === 4 ? MEASURE_UNITS[ai.slice(0, 3)] : undefined;
  if (unit) return { format: 'measure', unit, ...decimals };
  if (ai.startsWith('392')) return { format: 'amount', ...decimals };
  if (ai.startsWith('393')) return { format: 'amount-currency', ...decimals };
  if (ai === '00') return { format: 'sscc' };
  if (ai === '01' || ai === '02' || ai === '03') return { format: 'gtin' };
  if (/^41[0-7]$/.test(ai)) return { format: 'gln' };
  if (ai === '30' || ai === '37') return { format: 'count' };
  if (ai === '7003' || ai === '8008') return { format: 'datetime' };
  const [only] = components;
  if (components.length === 1 && only!.linters.some((l) => l === 'yymmdd' || l === 'yymmd0'))
    return { format: 'date' };
  return { format: 'text', ...decimals };
}

function defineFrom(entry: DictionaryAi): AiDefinition {
  const { ai, title, components, ex, req, dlpkey, dlAttribute } = entry;
  const minLength = components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0);
  const maxLength = components.reduce((sum, c) => sum + c.max, 0);
  const charsets = new Set(components.map((c) => CHARSET_OF[c.charset]));
  const linters = new Set(components.flatMap((c) => c.linters));
  const meaning = meaningOf(ai, components);
  return {
    ai,
    title,
    fixedLength: minLength === maxLength,
    minLength,
    maxLength,
    charset: charsets.size === 1 ? [...charsets][0]! : 'cset82',
    checkDigit: linters.has('csum'),
    date: meaning.format === 'date' || meaning.format === 'datetime',
    dayZeroAllowed: linters.has('yymmd0'),
    ...meaning,
    predefinedLength: !entry.fnc1,
    components: components.map((c) => ({ ...c, linters: [...c.linters] })),
    ex,
    req,
    dlpkey,
    dlAttribute,
  };
}

const DEFINITIONS: readonly AiDefinition[] = DICTIONARY_AIS.map(defineFrom);

const BY_AI: ReadonlyMap<string, AiDefinition> = new Map(DEFINITIONS.map((d) => [d.ai, d]));

/** Every AI of the GS1 Barcode Syntax Dictionary, in its (lexical) order. */
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
  cset64: /^[-0-9A-Z_a-z=]$/,
};

/** The 0-based index of the first character of `text` outside `charset`, or -1 when all fit. */
export function firstOutsideCharset(text: string, charset: Gs1Charset): number {
  const pattern = CHARSETS[charset];
  for (let i = 0; i < text.length; i++) {
    if (!pattern.test(text[i]!)) return i;
  }
  return -1;
}

/**
 * The catalog file's columns for shoppers in other languages and for loose produce: `name_<tag>` (a
 * product's name in a BCP 47 language, e.g. `name_zh-CN`), `plu` (its IFPS price look-up number) and
 * `grid` (whether the kiosk's "Fruit & vegetables" grid shows it). Kept apart from import-rows.ts,
 * which reads the fixed columns.
 */
import type { Unit } from '../types';
import { canonicalTag, MAX_TAG_LENGTH, type LocalizedNames } from './language-tag';

/** A product of the kiosk's produce grid, as its tiles show it (the catalog's `grid` rows). */
export interface GridProduct {
  gtin: string;
  /** What the kiosk scans when the shopper picks the tile. */
  barcode: string;
  name: string;
  names: LocalizedNames | null;
  plu: string | null;
  /** Minor units: per kilogram for `kg`, per piece for `each`. */
  price: number;
  unit: Unit;
}

/** The prefix of a localized name column: `name_zh-CN`. */
export const NAME_PREFIX = 'name_';
/** At most this many name columns: a catalog for a handful of shopper languages, not a dictionary. */
export const MAX_NAME_LANGUAGES = 20;

/** A `name_<tag>` column of the header: where it is and its tag in canonical case. */
export interface NameColumn {
  tag: string;
  index: number;
}

/**
 * A header field that starts with `name_`: its column, or why it is refused. `raw` keeps its case,
 * since the header itself is matched in lower case but a tag's case is shown back canonical.
 */
export function readNameColumn(
  raw: string,
  index: number,
  known: readonly NameColumn[],
): NameColumn | { error: string } {
  const written = raw.trim().slice(NAME_PREFIX.length);
  if (written.length > MAX_TAG_LENGTH)
    return { error: `column "${raw}": a language tag has at most ${MAX_TAG_LENGTH} characters` };
  const tag = canonicalTag(written);
  if (tag === null)
    return {
      error:
        `column "${raw}": "${written}" is not a BCP 47 language tag; ` +
        'write it like name_zh-CN, name_en or name_pt-BR',
    };
  if (known.some((column) => column.tag === tag))
    return { error: `column "${NAME_PREFIX}${tag}" appears twice in the header` };
  if (known.length >= MAX_NAME_LANGUAGES)
    return { error: `at most ${MAX_NAME_LANGUAGES} ${NAME_PREFIX}<language> columns are allowed` };
  return { tag, index };
}

/**
 * A PLU as the IFPS assigns them: 4 digits from 3000 to 4999 (conventional produce), or 5 digits,
 * a leading 9 for organic (94011) or IFPS's 83000–84999 range. Empty is no PLU.
 */
export function parsePlu(text: string, problems: string[]): string | null {
  if (text === '') return null;
  if (/^[34]\d{3}$/.test(text) || /^9[34]\d{3}$/.test(text) || /^8[34]\d{3}$/.test(text)) return text;
  problems.push(
    `plu "${text}" is not a produce PLU: 4 digits from 3000 to 4999, ` +
      'or 5 digits starting with 9 (organic, like 94011) or 83/84',
  );
  return null;
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** `grid`: yes/no (or true/false, 1/0); empty means "in the grid when it has a PLU". */
export function parseGrid(text: string, plu: string | null, problems: string[]): boolean {
  const value = text.toLowerCase();
  if (value === '') return plu !== null;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  problems.push(`grid "${text}" is not yes or no`);
  return false;
}

/**
 * Why a `names` value from elsewhere (HQ's catalog feed) is not one the catalog file could have made,
 * or null when it is fine: an object of well-formed BCP 47 tags to names of 1–`maxName` characters
 * without control characters, at most MAX_NAME_LANGUAGES of them.
 */
export function namesProblem(names: unknown, maxName: number): string | null {
  if (names === null || names === undefined) return null;
  if (typeof names !== 'object' || Array.isArray(names)) return 'names must be an object of language → name';
  const entries = Object.entries(names as Record<string, unknown>);
  if (entries.length > MAX_NAME_LANGUAGES) return `names has more than ${MAX_NAME_LANGUAGES} languages`;
  for (const [tag, name] of entries) {
    if (canonicalTag(tag) === null) return `names: "${tag}" is not a BCP 47 language tag`;
    if (typeof name !== 'string' || name.trim() === '') return `names.${tag} must be a name`;
    if ([...name].length > maxName) return `names.${tag} is longer than ${maxName} characters`;
    // eslint-disable-next-line no-control-regex -- C0 and DEL are what is refused
    if (/[\u0000-\u001f\u007f]/.test(name)) return `names.${tag} contains a control character`;
  }
  return null;
}

/** Whether a PLU from elsewhere has the catalog file's form (parsePlu); null and absent are none. */
export function isPlu(plu: unknown): boolean {
  return plu === null || plu === undefined || (typeof plu === 'string' && parsePlu(plu, []) === plu);
}

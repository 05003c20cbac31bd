/**
 * The GS1 check routines ("linters") the Syntax Dictionary names for AI components, written from
 * their descriptions in the GS1 General Specifications and the dictionary's reference linters.
 * Each takes one component's data (already the right length and character set) and returns what is
 * wrong with it, or null. A name this module does not know is skipped, not refused: the dictionary
 * may name a new routine before the till learns it, and a label should not fail for that.
 */
import { gs1CheckDigit } from '../gtin';
import { ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC } from './code-lists';
import { daysInMonth, readDate } from './dates';
import type { Gs1ErrorReason } from './types';

export interface LintProblem {
  reason: Gs1ErrorReason;
  problem: string;
}

type Linter = (data: string, referenceYear: number) => LintProblem | null;

/**
 * Routines the dictionary names that this module does not check: coupon codes (8110, 8112) follow
 * the North American coupon layouts, and package types (7041) need UN/ECE Recommendation 21's list,
 * which the till has no use for. AIs with them are still read; only that routine is not run.
 */
export const UNCHECKED_LINTERS: ReadonlySet<string> = new Set([
  'couponcode',
  'couponposoffer',
  'packagetype',
]);

const bad = (problem: string): LintProblem => ({ reason: 'bad_value', problem });
const badDate = (problem: string): LintProblem => ({ reason: 'bad_date', problem });
const badCheck = (problem: string): LintProblem => ({ reason: 'bad_check_digit', problem });
const pad2 = (n: number) => String(n).padStart(2, '0');

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The first `count` primes: the weights of the alphanumeric check character pair. */
function primes(count: number): number[] {
  const found: number[] = [];
  for (let n = 2; found.length < count; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
}
const PRIME_WEIGHTS = primes(97);

/** GS1 General Specifications 7.9.5: the check character pair of an alphanumeric key (GMN, MUDI). */
function csumalpha(data: string): LintProblem | null {
  if (data.length < 2) return badCheck('too short to end in its two check characters');
  const body = data.slice(0, -2);
  if (body.length > PRIME_WEIGHTS.length) return badCheck('too long for the check character pair');
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[i]!) * PRIME_WEIGHTS[body.length - 1 - i]!;
  sum %= 1021;
  const expected = CSET32[sum >> 5]! + CSET32[sum & 31]!;
  const given = data.slice(-2);
  return given === expected ? null : badCheck(`check characters ${given} should be ${expected}`);
}

function csum(data: string): LintProblem | null {
  const expected = gs1CheckDigit(data.slice(0, -1));
  return expected === Number(data.at(-1))
    ? null
    : badCheck(`check digit ${data.at(-1)} should be ${expected}`);
}

/** A GS1 Company Prefix starts at `from`: at least its shortest length (four) of digits. */
const gcpAt =
  (from: number): Linter =>
  (data) =>
    /^\d{4}/.test(data.slice(from)) ? null : bad('does not start with a GS1 Company Prefix');

function fullDate(data: string, dayZero: boolean): LintProblem | null {
  const [year, month, day] = [data.slice(0, 4), data.slice(4, 6), data.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return badDate(`month ${pad2(month)} does not exist`);
  if (day === 0) return dayZero ? null : badDate('day 00 is not allowed in this AI');
  if (day <= daysInMonth(year, month)) return null;
  return badDate(`day ${pad2(day)} does not exist in ${data.slice(0, 4)}-${data.slice(4, 6)}`);
}

const upTo =
  (limit: number, unit: string): Linter =>
  (data) =>
    Number(data) <= limit ? null : badDate(`${unit} ${data} does not exist`);

function hhmi(data: string): LintProblem | null {
  return upTo(23, 'hour')(data.slice(0, 2), 0) ?? upTo(59, 'minute')(data.slice(2, 4), 0);
}

const oneOf =
  (allowed: ReadonlySet<string>, what: string): Linter =>
  (data) =>
    allowed.has(data) ? null : bad(`${JSON.stringify(data)} is not ${what}`);

/** ISO 13616 IBAN: country, two check digits, then letters and digits; mod 97 of the rearranged number is 1. */
function iban(data: string): LintProblem | null {
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{1,30}$/.test(data))
    return bad('is not an IBAN (country, check digits, account)');
  if (!ISO3166_ALPHA2.has(data.slice(0, 2))) return bad(`${data.slice(0, 2)} is not a country code`);
  const digits = Array.from(data.slice(4) + data.slice(0, 4), (c) => parseInt(c, 36)).join('');
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1 ? null : badCheck('the IBAN check digits do not match');
}

function pieceOfTotal(data: string): LintProblem | null {
  const half = data.length / 2;
  const [piece, total] = [Number(data.slice(0, half)), Number(data.slice(half))];
  if (piece === 0 || total === 0) return bad('piece and total must both be at least 1');
  return piece <= total ? null : bad(`piece ${piece} of ${total} does not exist`);
}

function positionInSequence(data: string): LintProblem | null {
  const match = /^([1-9]\d*)\/([1-9]\d*)$/.exec(data);
  if (!match) return bad('is not a position and a count separated by "/", e.g. 1/2');
  return Number(match[1]) <= Number(match[2])
    ? null
    : bad(`position ${match[1]} of ${match[2]} does not exist`);
}

const LINTERS: Readonly<Record<string, Linter>> = {
  csum,
  csumalpha,
  gcppos1: gcpAt(0),
  gcppos2: gcpAt(1),
  yymmdd: (data, year) => {
    const date = readDate(data, false, year);
    return date.ok ? null : badDate(date.problem);
  },
  yymmd0: (data, year) => {
    const date = readDate(data, true, year);
    return date.ok ? null : badDate(date.problem);
  },
  yyyymmdd: (data) => fullDate(data, false),
  yyyymmd0: (data) => fullDate(data, true),
  hh: upTo(23, 'hour'),
  mi: upTo(59, 'minute'),
  ss: upTo(59, 'second'),
  hhmi,
  iso3166: oneOf(ISO3166_NUMERIC, 'an ISO 3166 country code'),
  iso3166999: (data) =>
    data === '999' || ISO3166_NUMERIC.has(data)
      ? null
      : bad(`${data} is not an ISO 3166 country code or 999`),
  iso3166alpha2: oneOf(ISO3166_ALPHA2, 'an ISO 3166 two-letter country code'),
  iso4217: oneOf(ISO4217_NUMERIC, 'an ISO 4217 currency code'),
  iso5218: oneOf(new Set(['0', '1', '2', '9']), 'an ISO/IEC 5218 sex code (0, 1, 2 or 9)'),
  yesno: oneOf(new Set(['0', '1']), '0 (no) or 1 (yes)'),
  winding: oneOf(new Set(['0', '1', '9']), 'a winding direction (0, 1 or 9)'),
  zero: oneOf(new Set(['0']), '0'),
  nonzero: (data) => (/^0+$/.test(data) ? bad('may not be zero') : null),
  nozeroprefix: (data) => (data.length > 1 && data.startsWith('0') ? bad('may not start with 0') : null),
  hasnondigit: (data) =>
    /\D/.test(data) ? null : bad('must hold at least one character that is not a digit'),
  hyphen: (data) => (/^-+$/.test(data) ? null : bad('may only be "-"')),
  importeridx: (data) => (/^[-0-9A-Z_a-z]$/.test(data) ? null : bad('is not an importer index character')),
  mediatype: (data) => {
    const n = Number(data);
    return (n >= 1 && n <= 10) || n >= 80 ? null : bad(`${data} is not an AIDC media type`);
  },
  latitude: (data) => (Number(data) <= 1_800_000_000 ? null : bad(`latitude ${data} is beyond the poles`)),
  longitude: (data) => (Number(data) <= 3_600_000_000 ? null : bad(`longitude ${data} is beyond ±180°`)),
  pcenc: (data) =>
    /%(?![0-9A-Fa-f]{2})/.test(data) ? bad('has a "%" not followed by two hexadecimal digits') : null,
  pieceoftotal: pieceOfTotal,
  posinseqslash: positionInSequence,
  iban,
};

/** Whether this module checks a routine of that name. */
export function isKnownLinter(name: string): boolean {
  return Object.hasOwn(LINTERS, name);
}

/** Runs one named routine on a component's data; an unknown routine passes. */
export function lint(name: string, data: string, referenceYear: number): LintProblem | null {
  return Object.hasOwn(LINTERS, name) ? LINTERS[name]!(data, referenceYear) : null;
}

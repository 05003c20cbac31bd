/** Validates one AI's data field against its definition and decodes it; shared by every GS1 syntax. */
import { gs1CheckDigit } from '../gtin';
import { type AiDefinition, firstOutsideCharset, lookupAi } from './application-identifiers';
import { readDate, readDateTime } from './dates';
import type { Gs1Element, Gs1ErrorReason, Gs1Failure, Gs1Pair, Gs1Value } from './types';

/** Quotes data for a message; long or hostile input is cut so messages stay readable. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** `AI (17) USE BY or EXPIRY`, the way every message names an AI. */
export function aiName(def: AiDefinition): string {
  return `AI (${def.ai}) ${def.title}`;
}

/** A failure whose message names the AI, its data and what was wrong with it. */
export function fail(reason: Gs1ErrorReason, def: AiDefinition, raw: string, problem: string): Gs1Failure {
  return { ok: false, reason, message: `${aiName(def)} ${quote(raw)}: ${problem}` };
}

const CHARSET_NAMES = {
  numeric: 'digits only',
  cset82: 'GS1 character set 82',
  cset39: 'GS1 character set 39',
} as const;

function lengthProblem(def: AiDefinition, length: number): string | null {
  if (def.fixedLength) {
    return length === def.maxLength ? null : `${length} characters; exactly ${def.maxLength} required`;
  }
  if (length > def.maxLength) return `${length} characters; at most ${def.maxLength} allowed`;
  if (length < def.minLength) return `${length} characters; at least ${def.minLength} required`;
  if (def.format === 'datetime' && length % 2 !== 0) return `${length} digits; 8, 10 or 12 required`;
  return null;
}

/** Length, character set and check digit: the syntax every AI of a definition shares. */
function checkSyntax(def: AiDefinition, raw: string): Gs1Failure | null {
  const lengthIssue = lengthProblem(def, raw.length);
  if (lengthIssue) return fail('bad_length', def, raw, lengthIssue);
  const bad = firstOutsideCharset(raw, def.charset);
  if (bad >= 0) {
    const shown = String.fromCodePoint(raw.codePointAt(bad)!);
    const problem = `character ${JSON.stringify(shown)} at position ${bad + 1} is not allowed (${CHARSET_NAMES[def.charset]})`;
    return fail('bad_charset', def, raw, problem);
  }
  if (def.checkDigit) {
    // ITIP (8006) is a GTIN followed by piece and total; the check digit closes the GTIN.
    const checked = def.ai === '8006' ? raw.slice(0, 14) : raw;
    const expected = gs1CheckDigit(checked.slice(0, -1));
    if (expected !== Number(checked.at(-1))) {
      return fail('bad_check_digit', def, raw, `check digit ${checked.at(-1)} should be ${expected}`);
    }
  }
  return null;
}

function decode(def: AiDefinition, raw: string, referenceYear: number): Gs1Value | string {
  switch (def.format) {
    case 'gtin':
      return { kind: 'gtin', gtin14: raw };
    case 'sscc':
      return { kind: 'sscc', sscc: raw };
    case 'gln':
      return { kind: 'gln', gln: raw };
    case 'date': {
      const date = readDate(raw, def.dayZeroAllowed, referenceYear);
      return date.ok ? date.value : date.problem;
    }
    case 'datetime': {
      const dateTime = readDateTime(raw, referenceYear);
      return dateTime.ok ? dateTime.value : dateTime.problem;
    }
    case 'measure':
      return { kind: 'measure', value: Number(raw), decimals: def.decimals ?? 0, unit: def.unit ?? 'kg' };
    case 'amount':
      return { kind: 'amount', digits: raw, decimals: def.decimals ?? 0 };
    case 'amount-currency':
      return {
        kind: 'amount',
        digits: raw.slice(3),
        decimals: def.decimals ?? 0,
        currencyNumeric: raw.slice(0, 3),
      };
    case 'count':
      return { kind: 'count', count: Number(raw) };
    case 'text':
      return { kind: 'text', text: raw };
  }
}

/** Validates and decodes one data field of a known AI. */
export function decodeElement(
  def: AiDefinition,
  raw: string,
  referenceYear: number,
): Gs1Element | Gs1Failure {
  const syntaxIssue = checkSyntax(def, raw);
  if (syntaxIssue) return syntaxIssue;
  const value = decode(def, raw, referenceYear);
  if (typeof value === 'string') return fail('bad_date', def, raw, value);
  return { ai: def.ai, title: def.title, raw, value };
}

/** Validates and decodes an AI given by its code; an AI this module does not know is refused. */
export function decodePair(pair: Gs1Pair, referenceYear: number): Gs1Element | Gs1Failure {
  const def = lookupAi(pair.ai);
  if (!def) {
    return {
      ok: false,
      reason: 'unknown_ai',
      message: `AI (${pair.ai}) is not a GS1 Application Identifier this till knows`,
    };
  }
  return decodeElement(def, pair.raw, referenceYear);
}

/** AIs of one family (3102 and 3103; 3922 and 3932) state the same thing and may not appear together. */
function familyOf(element: Gs1Element): string | null {
  if (element.value.kind === 'measure') return element.ai.slice(0, 3);
  if (element.value.kind === 'amount') return '392/393';
  return null;
}

/**
 * Drops exact repeats (the same AI read twice says nothing new) and refuses an AI repeated with
 * a different value, or two AIs of one family, since the label then contradicts itself.
 */
export function checkCombination(elements: Gs1Element[]): { ok: true; elements: Gs1Element[] } | Gs1Failure {
  const byAi = new Map<string, Gs1Element>();
  const byFamily = new Map<string, Gs1Element>();
  const kept: Gs1Element[] = [];
  for (const element of elements) {
    const seen = byAi.get(element.ai);
    if (seen) {
      if (seen.raw === element.raw) continue;
      const message = `AI (${element.ai}) ${element.title} appears twice with different values ${quote(seen.raw)} and ${quote(element.raw)}`;
      return { ok: false, reason: 'duplicate_ai', message };
    }
    const family = familyOf(element);
    const sibling = family === null ? undefined : byFamily.get(family);
    if (sibling) {
      const message = `AI (${element.ai}) ${element.title} may not appear together with AI (${sibling.ai}) ${sibling.title}`;
      return { ok: false, reason: 'conflicting_ai', message };
    }
    byAi.set(element.ai, element);
    if (family !== null) byFamily.set(family, element);
    kept.push(element);
  }
  return { ok: true, elements: kept };
}

/** Type guard for the failure side of a decode. */
export function isFailure<T extends object, R extends string>(
  result: T | Gs1Failure<R>,
): result is Gs1Failure<R> {
  return 'ok' in result && result.ok === false;
}

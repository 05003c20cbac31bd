/** Validates one AI's data field against its definition and decodes it; shared by every GS1 syntax. */
import {
  type AiDefinition,
  CHARSET_OF,
  type Gs1Charset,
  firstOutsideCharset,
  lookupAi,
} from './application-identifiers';
import { readDate, readDateTime } from './dates';
import type { DictionaryComponent } from './dictionary-types';
import { lint } from './linters';
import type { Gs1Element, Gs1ErrorReason, Gs1Failure, Gs1Pair, Gs1Value } from './types';

/** Quotes data for a message; long or hostile input is cut so messages stay readable. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** `AI (17) USE BY or EXPIRY`, the way every message names an AI. */
export function aiName(def: Pick<AiDefinition, 'ai' | 'title'>): string {
  return def.title ? `AI (${def.ai}) ${def.title}` : `AI (${def.ai})`;
}

/** A failure whose message names the AI, its data and what was wrong with it. */
export function fail(reason: Gs1ErrorReason, def: AiDefinition, raw: string, problem: string): Gs1Failure {
  return { ok: false, reason, message: `${aiName(def)} ${quote(raw)}: ${problem}` };
}

const CHARSET_NAMES: Readonly<Record<Gs1Charset, string>> = {
  numeric: 'digits only',
  cset82: 'GS1 character set 82',
  cset39: 'GS1 character set 39',
  cset64: 'GS1 character set 64',
};

function lengthProblem(def: AiDefinition, length: number): string | null {
  if (def.fixedLength) {
    return length === def.maxLength ? null : `${length} characters; exactly ${def.maxLength} required`;
  }
  if (length > def.maxLength) return `${length} characters; at most ${def.maxLength} allowed`;
  if (length < def.minLength) return `${length} characters; at least ${def.minLength} required`;
  return null;
}

type Part = { component: DictionaryComponent; data: string; offset: number };

/** The dictionary's spelling of a component list, e.g. `N6 N2 [N2] [N2]`. */
function describeComponents(components: readonly DictionaryComponent[]): string {
  return components
    .map((c) => {
      const text = `${c.charset}${c.min === c.max ? '' : '..'}${c.max}`;
      return c.optional ? `[${text}]` : text;
    })
    .join(' ');
}

/**
 * Cuts a field into its components: each fixed one takes its length, a variable (last) one the
 * rest; optional ones may be left out once the data is used up, but not cut short.
 */
function splitComponents(def: AiDefinition, raw: string): Part[] | string {
  const parts: Part[] = [];
  let offset = 0;
  for (const component of def.components) {
    const left = raw.length - offset;
    if (left === 0 && component.optional) break;
    const take = component.min === component.max ? component.max : Math.min(left, component.max);
    if (left < take || take < component.min) {
      return `${raw.length} characters do not fit its parts ${describeComponents(def.components)}`;
    }
    parts.push({ component, data: raw.slice(offset, offset + take), offset });
    offset += take;
  }
  if (offset !== raw.length) {
    return `${raw.length} characters do not fit its parts ${describeComponents(def.components)}`;
  }
  return parts;
}

/** Length, character set and check routines of every component: the syntax the dictionary gives. */
function checkSyntax(def: AiDefinition, raw: string, referenceYear: number): Gs1Failure | null {
  const lengthIssue = lengthProblem(def, raw.length);
  if (lengthIssue) return fail('bad_length', def, raw, lengthIssue);
  const parts = splitComponents(def, raw);
  if (typeof parts === 'string') return fail('bad_length', def, raw, parts);
  for (const { component, data, offset } of parts) {
    const charset = CHARSET_OF[component.charset];
    const bad = firstOutsideCharset(data, charset);
    if (bad >= 0) {
      const shown = String.fromCodePoint(data.codePointAt(bad)!);
      const problem = `character ${JSON.stringify(shown)} at position ${offset + bad + 1} is not allowed (${CHARSET_NAMES[charset]})`;
      return fail('bad_charset', def, raw, problem);
    }
  }
  for (const { component, data } of parts) {
    for (const name of component.linters) {
      const issue = lint(name, data, referenceYear);
      if (issue) return fail(issue.reason, def, raw, issue.problem);
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
  const syntaxIssue = checkSyntax(def, raw, referenceYear);
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

/** Type guard for the failure side of a decode. */
export function isFailure<T extends object, R extends string>(
  result: T | Gs1Failure<R>,
): result is Gs1Failure<R> {
  return 'ok' in result && result.ok === false;
}

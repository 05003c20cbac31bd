/**
 * GS1 element strings as scanners send them (AIs concatenated, variable-length fields ended by
 * GS) and in the bracketed human-readable form `(01)09506000134352(10)ABC`.
 */
import { splitSymbologyId } from '../symbology';
import { type AiDefinition, aiAt, hasPredefinedLength, lookupAi } from './application-identifiers';
import { referenceYearOf } from './dates';
import type { Gs1Element, Gs1Failure, Gs1Pair, Gs1ParseOptions, Gs1ParseResult } from './types';
import { checkCombination } from './pairing';
import { decodeElement, fail, isFailure, quote } from './values';

/** ASCII 29, which scanners send for FNC1 when it separates fields. */
export const GS = '\u001d';

type Split = { ok: true; pairs: { def: AiDefinition; raw: string }[] } | Gs1Failure;

/**
 * Parses a GS1 element string, GS-separated or bracketed, into validated elements; never throws.
 * A leading GS1 AIM identifier (`]C1`, `]d2`…), a leading FNC1/GS and a trailing GS are tolerated.
 */
export function parseElementString(data: string, options: Gs1ParseOptions = {}): Gs1ParseResult {
  if (typeof data !== 'string' || data === '') {
    return { ok: false, reason: 'empty', message: 'the scan holds no GS1 data' };
  }
  const { aim, data: afterAim } = splitSymbologyId(data);
  let body = aim?.gs1 ? afterAim : data;
  if (body.startsWith(GS)) body = body.slice(1);
  if (body.endsWith(GS)) body = body.slice(0, -1);
  if (body === '') return { ok: false, reason: 'empty', message: 'the scan holds no GS1 data' };

  const split = body.startsWith('(') ? splitBracketed(body) : splitConcatenated(body);
  if (!split.ok) return split;
  const referenceYear = referenceYearOf(options.referenceYear);
  const elements: Gs1Element[] = [];
  for (const { def, raw } of split.pairs) {
    const element = decodeElement(def, raw, referenceYear);
    if (isFailure(element)) return element;
    elements.push(element);
  }
  return checkCombination(elements);
}

/**
 * Cuts the scanner form into fields: a predefined-length AI takes exactly its length, any other
 * runs to the next GS or the end (so a fixed-length AI like 422 still needs its separator).
 */
function splitConcatenated(body: string): Split {
  const pairs: { def: AiDefinition; raw: string }[] = [];
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === GS) {
      const message = `unexpected GS separator at position ${pos + 1}, where an AI should start`;
      return { ok: false, reason: 'bad_separator', message };
    }
    const def = aiAt(body, pos);
    if (!def) {
      const message = `no GS1 AI this till knows starts ${quote(body.slice(pos, pos + 4))} at position ${pos + 1}`;
      return { ok: false, reason: 'unknown_ai', message };
    }
    const start = pos + def.ai.length;
    if (def.predefinedLength) {
      const field = body.slice(start, start + def.maxLength);
      const gsAt = field.indexOf(GS);
      const got = gsAt >= 0 ? gsAt : field.length;
      if (got < def.maxLength) {
        const problem = `ends after ${got} characters; exactly ${def.maxLength} required`;
        return fail('bad_length', def, field.slice(0, got), problem);
      }
      pairs.push({ def, raw: field });
      // Some encoders put a separator after predefined-length fields too; it is harmless.
      pos = body[start + def.maxLength] === GS ? start + def.maxLength + 1 : start + def.maxLength;
    } else {
      const gsAt = body.indexOf(GS, start);
      const end = gsAt < 0 ? body.length : gsAt;
      pairs.push({ def, raw: body.slice(start, end) });
      pos = end + 1;
    }
  }
  return { ok: true, pairs };
}

const BRACKETED_AI = /\((\d{2,4})\)/y;

function bracketedAiAt(body: string, pos: number): RegExpExecArray | null {
  BRACKETED_AI.lastIndex = pos;
  return BRACKETED_AI.exec(body);
}

/**
 * Cuts the bracketed form into fields. A data field runs to the next "(NN)"; a literal "(" in data
 * is written "\(" (the GS1 Syntax Engine's convention, which `formatElementString` follows).
 */
function splitBracketed(body: string): Split {
  const pairs: { def: AiDefinition; raw: string }[] = [];
  let pos = 0;
  while (pos < body.length) {
    const match = bracketedAiAt(body, pos);
    if (!match) {
      const message = `expected "(AI)" at position ${pos + 1} but found ${quote(body.slice(pos, pos + 8))}`;
      return { ok: false, reason: 'bad_syntax', message };
    }
    const ai = match[1]!;
    const def = lookupAi(ai);
    if (!def) {
      const message = `AI (${ai}) at position ${pos + 1} is not a GS1 AI this till knows`;
      return { ok: false, reason: 'unknown_ai', message };
    }
    let i = pos + match[0].length;
    let raw = '';
    while (i < body.length) {
      if (body[i] === '\\' && body[i + 1] === '(') {
        raw += '(';
        i += 2;
      } else if (body[i] === '(' && bracketedAiAt(body, i)) {
        break;
      } else {
        raw += body[i];
        i += 1;
      }
    }
    pairs.push({ def, raw });
    pos = i;
  }
  return { ok: true, pairs };
}

/** The bracketed human-readable form, e.g. `(01)09506000134352(17)261231(10)ABC123`. */
export function formatElementString(elements: readonly Gs1Pair[]): string {
  return elements.map(({ ai, raw }) => `(${ai})${raw.replaceAll('(', '\\(')}`).join('');
}

/**
 * The GS-separated form a GS1 barcode carries: a GS after every field except predefined-length
 * ones and the last. The pairs are not validated; parse the result to check them.
 */
export function encodeElementString(pairs: readonly Gs1Pair[]): string {
  return pairs
    .map(({ ai, raw }, i) => ai + raw + (i < pairs.length - 1 && !hasPredefinedLength(ai) ? GS : ''))
    .join('');
}

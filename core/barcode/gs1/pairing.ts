/**
 * The GS1 Syntax Dictionary's rules on which AIs go together, applied to all the AIs of one scan:
 * `ex=` pairs contradict each other (GTIN 01 with CONTENT 02, two net weights 3102 and 3103), so
 * the code is refused with the rule named; a missing `req=` partner (a lot without a GTIN) makes
 * the label incomplete but not wrong, so it is a warning and the data is still used.
 */
import { type AiDefinition, lookupAi } from './application-identifiers';
import type { Gs1Element, Gs1Failure, Gs1Warning } from './types';
import { aiName, quote } from './values';

/** Whether an AI matches a dictionary pattern: the same length, `n` standing for any digit. */
export function matchesPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  }
  return true;
}

const named = (def: AiDefinition | undefined, ai: string) => aiName(def ?? { ai, title: '' });

/** The `ex=` rule of `a` or `b` that forbids them together, as the dictionary writes it; null if none. */
function exclusion(a: AiDefinition, b: AiDefinition): string | null {
  if (a.ex.some((p) => matchesPattern(b.ai, p))) return `${a.ai} ex=${a.ex.join(',')}`;
  if (b.ex.some((p) => matchesPattern(a.ai, p))) return `${b.ai} ex=${b.ex.join(',')}`;
  return null;
}

/** A `req=` rule as the dictionary writes it, e.g. `req=01+21,03+21`. */
function ruleText(rule: AiDefinition['req'][number]): string {
  return `req=${rule.map((group) => group.join('+')).join(',')}`;
}

/** `(01) + (30) or (01) + (31nn)`: the alternatives of a rule in words. */
function alternatives(rule: AiDefinition['req'][number]): string {
  const groups = rule.map((group) => group.map((ai) => `(${ai})`).join(' + '));
  return groups.length === 1 ? groups[0]! : `${groups.slice(0, -1).join(', ')} or ${groups.at(-1)}`;
}

function missingPartners(elements: readonly Gs1Element[]): Gs1Warning[] {
  const present = elements.map((e) => e.ai);
  const has = (pattern: string) => present.some((ai) => matchesPattern(ai, pattern));
  const warnings: Gs1Warning[] = [];
  for (const { ai } of elements) {
    const def = lookupAi(ai);
    for (const rule of def?.req ?? []) {
      if (rule.some((group) => group.every(has))) continue;
      const message = `${named(def, ai)} needs AI ${alternatives(rule)} on the same label (GS1 rule "${ai} ${ruleText(rule)}")`;
      warnings.push({ code: 'missing_required_ai', ai, message });
    }
  }
  return warnings;
}

export type Combined = { ok: true; elements: Gs1Element[]; warnings?: Gs1Warning[] } | Gs1Failure;

/**
 * Drops exact repeats (the same AI read twice says nothing new), refuses an AI repeated with a
 * different value or a pair the dictionary forbids, and warns of a missing required partner.
 */
export function checkCombination(elements: readonly Gs1Element[]): Combined {
  const byAi = new Map<string, Gs1Element>();
  const kept: Gs1Element[] = [];
  for (const element of elements) {
    const seen = byAi.get(element.ai);
    if (seen) {
      if (seen.raw === element.raw) continue;
      const message = `AI (${element.ai}) ${element.title} appears twice with different values ${quote(seen.raw)} and ${quote(element.raw)}`;
      return { ok: false, reason: 'duplicate_ai', message };
    }
    const def = lookupAi(element.ai);
    for (const other of kept) {
      const otherDef = lookupAi(other.ai);
      const rule = def && otherDef ? exclusion(otherDef, def) : null;
      if (rule) {
        const message = `${named(otherDef, other.ai)} and ${named(def, element.ai)} must not appear together (GS1 rule "${rule}")`;
        return { ok: false, reason: 'conflicting_ai', message };
      }
    }
    byAi.set(element.ai, element);
    kept.push(element);
  }
  const warnings = missingPartners(kept);
  return warnings.length ? { ok: true, elements: kept, warnings } : { ok: true, elements: kept };
}

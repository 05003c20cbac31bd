// Every AI of the GS1 Barcode Syntax Dictionary, driven from the generated table itself: each is
// read in every syntax, each `ex=` rule refuses its pair naming the rule, each `req=` rule warns
// until its partner is there.
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../gtin';
import { DICTIONARY_AIS } from './ai-table.generated';
import type { DictionaryAi, DictionaryComponent } from './dictionary-types';
import { parseDigitalLink } from './digital-link';
import { encodeElementString, parseElementString } from './element-string';
import { isKnownLinter, UNCHECKED_LINTERS } from './linters';
import { matchesPattern } from './pairing';
import type { Gs1Pair } from './types';

const GTIN = '09506000134352';

/** A valid value for a component that carries a check routine, by routine. */
const BY_LINTER: Readonly<Record<string, (c: DictionaryComponent) => string>> = {
  csum: (c) => withCheckDigit('9506000134'.padEnd(c.max - 1, '5')),
  gcppos1: (c) => '9506'.padEnd(c.min, '0'),
  csumalpha: () => '1987654Ad4X4bL5ttr2310c2K', // the GS1 reference linter's own valid GMN
  yymmdd: () => '261231',
  yymmd0: () => '261200',
  yyyymmdd: () => '20261231',
  hh: () => '23',
  mi: () => '59',
  ss: () => '59',
  hhmi: () => '2359',
  iso3166: () => '276',
  iso3166999: () => '999',
  iso3166alpha2: () => 'DE',
  iso4217: () => '978',
  iso5218: () => '9',
  yesno: () => '1',
  winding: () => '9',
  zero: () => '0',
  nonzero: (c) => '1'.repeat(c.min),
  nozeroprefix: () => '1',
  pieceoftotal: () => '0102',
  posinseqslash: () => '1/2',
  importeridx: () => '_',
  mediatype: () => '80',
  latitude: () => '1800000000',
  longitude: () => '0000000000',
  hyphen: () => '-',
  iban: () => 'GB82WEST12345698765432',
};

function sampleComponent(c: DictionaryComponent): string {
  const routine = c.linters.find((l) => BY_LINTER[l]);
  if (routine) return BY_LINTER[routine]!(c);
  const unit = { N: '7', X: 'A', Y: 'A', Z: 'A' }[c.charset];
  return unit.repeat(c.min);
}

/** A valid data field for an AI: each required component once, optional ones left out. */
function sample(entry: DictionaryAi): string {
  return entry.components
    .filter((c) => !c.optional)
    .map(sampleComponent)
    .join('');
}

/** A concrete AI of the dictionary matching a pattern such as `310n` or `31nn`, other than `except`. */
function concrete(pattern: string, except = ''): DictionaryAi {
  return DICTIONARY_AIS.find((e) => e.ai !== except && matchesPattern(e.ai, pattern))!;
}
const pair = (entry: DictionaryAi): Gs1Pair => ({ ai: entry.ai, raw: sample(entry) });
const bracketed = (pairs: Gs1Pair[]) => pairs.map(({ ai, raw }) => `(${ai})${raw}`).join('');

describe('the GS1 Barcode Syntax Dictionary', () => {
  it('is read whole: 541 AIs from 00 to 99, each with at least one component', () => {
    expect(DICTIONARY_AIS).toHaveLength(541);
    expect(DICTIONARY_AIS[0]!.ai).toBe('00');
    expect(DICTIONARY_AIS.at(-1)!.ai).toBe('99');
  });

  it('names only check routines this till runs, or knowingly skips', () => {
    const names = new Set(DICTIONARY_AIS.flatMap((e) => e.components.flatMap((c) => c.linters)));
    const unknown = [...names].filter((name) => !isKnownLinter(name) && !UNCHECKED_LINTERS.has(name));
    expect(unknown).toEqual([]);
    expect([...UNCHECKED_LINTERS].sort()).toEqual(['couponcode', 'couponposoffer', 'packagetype']);
  });

  it('has every AI understood in the bracketed form, the scanner form and a Digital Link', () => {
    for (const entry of DICTIONARY_AIS) {
      const value = pair(entry);
      const text = parseElementString(bracketed([value]));
      expect(text.ok && text.elements.map((e) => e.raw), `${entry.ai}: ${JSON.stringify(text)}`).toEqual([
        value.raw,
      ]);
      // With a GTIN after it, so the scanner form needs the AI's separator (or none) to be right.
      const gtin = { ai: '01', raw: entry.ai === '01' ? value.raw : GTIN };
      const scanned = parseElementString(encodeElementString([value, gtin]));
      const conflict = !scanned.ok && scanned.reason === 'conflicting_ai';
      if (!conflict) expect(scanned.ok && scanned.elements[0]!.raw, entry.ai).toBe(value.raw);
      if (entry.dlAttribute && !entry.dlpkey && !conflict) {
        const link = parseDigitalLink(
          `https://id.gs1.org/01/${GTIN}?${entry.ai}=${encodeURIComponent(value.raw)}`,
        );
        if (link.ok || link.reason !== 'bad_qualifier') {
          expect(link.ok && link.elements.at(-1)!.raw, `${entry.ai}: ${JSON.stringify(link)}`).toBe(
            value.raw,
          );
        }
      }
    }
  });

  it('needs no separator after exactly the AIs flagged "*" (predefined length)', () => {
    for (const entry of DICTIONARY_AIS) {
      const value = pair(entry);
      const glued = parseElementString(`${entry.ai}${value.raw}10LOT`);
      if (entry.fnc1) {
        // Without its GS the field runs on into "10LOT": too long, or a wrong value.
        expect(glued.ok && glued.elements.length === 2, entry.ai).toBe(false);
      } else {
        expect(glued.ok && glued.elements.map((e) => e.ai), entry.ai).toEqual([entry.ai, '10']);
      }
    }
  });

  it('refuses every ex= pair, naming the rule', () => {
    for (const entry of DICTIONARY_AIS) {
      for (const pattern of entry.ex) {
        const other = concrete(pattern, entry.ai);
        const result = parseElementString(bracketed([pair(entry), pair(other)]));
        expect(result, `${entry.ai} with ${other.ai}`).toMatchObject({
          ok: false,
          reason: 'conflicting_ai',
          message: expect.stringContaining(
            `must not appear together (GS1 rule "${entry.ai} ex=${entry.ex.join(',')}")`,
          ),
        });
      }
    }
  });

  it('lets an AI that matches its own ex= pattern stand alone (3103 ex=310n)', () => {
    expect(parseElementString(`(01)${GTIN}(3103)000750`)).toMatchObject({ ok: true });
  });

  it('warns of every missing req= partner, and stops warning once any one alternative is there', () => {
    for (const entry of DICTIONARY_AIS) {
      if (!entry.req.length) {
        const alone = parseElementString(bracketed([pair(entry)]));
        expect(alone.ok && alone.warnings, entry.ai).toBeUndefined();
        continue;
      }
      const alone = parseElementString(bracketed([pair(entry)]));
      expect(alone.ok && alone.warnings?.map((w) => w.ai), entry.ai).toEqual(entry.req.map(() => entry.ai));
      for (const group of entry.req.flat()) {
        const partners = group.map((pattern) => pair(concrete(pattern)));
        const together = parseElementString(bracketed([pair(entry), ...partners]));
        expect(together.ok, `${entry.ai} with ${group.join('+')}: ${JSON.stringify(together)}`).toBe(true);
        const own = together.ok ? (together.warnings ?? []).filter((w) => w.ai === entry.ai) : [];
        expect(own.length, `${entry.ai} with ${group.join('+')}`).toBe(entry.req.length - 1);
      }
    }
  });
});

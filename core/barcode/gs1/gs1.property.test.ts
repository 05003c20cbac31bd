import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../gtin';
import { daysInMonth, gs1Year } from './dates';
import { formatDigitalLink, parseDigitalLink } from './digital-link';
import { GS, encodeElementString, formatElementString, parseElementString } from './element-string';
import type { Gs1Element, Gs1Pair } from './types';

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const REFERENCE_YEAR = 2026;

const gtin = fc.stringMatching(/^\d{13}$/).map(withCheckDigit);
const cset82Text = fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: 20 });
const labelDate = fc
  .record({ yy: fc.integer({ min: 0, max: 99 }), mm: fc.integer({ min: 1, max: 12 }) })
  .chain(({ yy, mm }) =>
    fc
      .integer({ min: 0, max: daysInMonth(gs1Year(yy, REFERENCE_YEAR), mm) })
      .map((dd) => [yy, mm, dd].map((n) => String(n).padStart(2, '0')).join('')),
  );

const pair = (ai: string, raw: fc.Arbitrary<string>) => raw.map((r): Gs1Pair => ({ ai, raw: r }));
const optional = (arb: fc.Arbitrary<Gs1Pair>) => fc.option(arb, { nil: undefined });

/** A valid element list (GTIN plus a random subset of lot, serial, expiry, weight, count, price) in random order. */
const validPairs = fc
  .tuple(
    pair('01', gtin),
    optional(pair('10', cset82Text)),
    optional(pair('21', cset82Text)),
    optional(pair('17', labelDate)),
    optional(pair('3103', fc.stringMatching(/^\d{6}$/))),
    optional(pair('30', fc.stringMatching(/^\d{1,8}$/))),
    optional(pair('3922', fc.stringMatching(/^\d{1,15}$/))),
  )
  .chain((pairs) => {
    const present = pairs.filter((p): p is Gs1Pair => p !== undefined);
    return fc.shuffledSubarray(present, { minLength: present.length });
  });

const pairsOf = (elements: readonly Gs1Element[]) => elements.map(({ ai, raw }) => ({ ai, raw }));
const byAi = (a: { ai: string }, b: { ai: string }) => a.ai.localeCompare(b.ai);

describe('GS1 round trips', () => {
  it('encodeElementString → parseElementString gives back the same elements', () => {
    fc.assert(
      fc.property(validPairs, (pairs) => {
        const parsed = parseElementString(encodeElementString(pairs), { referenceYear: REFERENCE_YEAR });
        expect(parsed.ok).toBe(true);
        expect(parsed.ok && pairsOf(parsed.elements)).toEqual(pairs);
      }),
    );
  });

  it('the bracketed form and a Digital Link carry the same elements as the barcode', () => {
    fc.assert(
      fc.property(
        validPairs,
        fc.constantFrom('https://id.gs1.org', 'http://example.com/shop/'),
        (pairs, base) => {
          const scanned = parseElementString(encodeElementString(pairs), { referenceYear: REFERENCE_YEAR });
          if (!scanned.ok) throw new Error(scanned.message);

          const bracketed = parseElementString(formatElementString(scanned.elements), {
            referenceYear: REFERENCE_YEAR,
          });
          expect(bracketed).toEqual(scanned);

          const link = formatDigitalLink(scanned.elements, base);
          if (!link.ok) throw new Error(link.message);
          const linked = parseDigitalLink(link.uri, { referenceYear: REFERENCE_YEAR });
          if (!linked.ok) throw new Error(`${link.uri}: ${linked.message}`);
          expect([...linked.elements].sort(byAi)).toEqual([...scanned.elements].sort(byAi));
          expect(linked.pathPrefix).toBe(base.includes('/shop') ? '/shop' : '');
        },
      ),
    );
  });
});

/** Either result shape, and nothing else. */
function expectResult(answer: ReturnType<typeof parseElementString> | ReturnType<typeof parseDigitalLink>) {
  const result: Record<string, unknown> = { ...answer };
  expect([true, false]).toContain(result.ok);
  if (result.ok) {
    expect(Array.isArray(result.elements)).toBe(true);
  } else {
    expect(typeof result.reason).toBe('string');
    expect(typeof result.message).toBe('string');
    expect(result.message).not.toBe('');
  }
}

const gs1ish = fc.string({
  unit: fc.constantFrom('0', '1', '3', '7', '8', '9', '2', '(', ')', '\\', GS, 'A', 'é', ']', 'd'),
  maxLength: 60,
});
const linkish = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'HTTPS://', 'ftp://', ''),
    fc.constantFrom('id.gs1.org', 'example.com:80', 'a@b', ''),
    fc.array(
      fc.constantFrom(
        '01',
        '09506000134352',
        '9506000134352',
        '10',
        '21',
        '22',
        '00',
        '414',
        '8004',
        '%',
        '%E0%A4',
        'lot',
        'AbC123xyz0',
        '',
        '?',
      ),
      {
        maxLength: 8,
      },
    ),
    fc.array(
      fc.constantFrom(
        '17=261231',
        '3103=000750',
        'linkType=gs1:pip',
        '10=A',
        '=',
        '&',
        '%ZZ',
        '__proto__=1',
        'exp=2602',
      ),
      {
        maxLength: 4,
      },
    ),
  )
  .map(([scheme, host, path, query]) => `${scheme}${host}/${path.join('/')}?${query.join('&')}`);

describe('hostile input', () => {
  const arbitraryStrings = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    gs1ish,
    linkish,
  );

  it('parseElementString never throws and always answers ok true or false', () => {
    fc.assert(
      fc.property(arbitraryStrings, (data) => expectResult(parseElementString(data))),
      { numRuns: 2000 },
    );
  });

  it('parseDigitalLink never throws and always answers ok true or false', () => {
    fc.assert(
      fc.property(arbitraryStrings, (uri) => expectResult(parseDigitalLink(uri))),
      { numRuns: 2000 },
    );
  });
});

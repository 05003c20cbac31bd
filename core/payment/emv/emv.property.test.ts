import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentVectors } from '../../../test/helpers/fixtures';
import { minorToDecimal } from '../../money';
import { numericExponent } from './currency';
import { decodeEmv } from './decode';
import { buildEmv, encodeEmv } from './encode';
import { serialiseObjects } from './tree';
import type { EmvDataObject } from './types';

const ASCII = [...' ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-/:*@#&'];
// Text for "S" fields: ASCII, accents, Chinese and Thai, and characters outside the BMP (two UTF-16 units).
const WIDE = [...ASCII, 'é', 'ç', 'ã', '最', '佳', '运', '输', '北', '京', 'ก', 'ไ', '😀', '𝄞'];

const text = (alphabet: string[], maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength });
const ans = (maxLength: number) => text(ASCII, maxLength);
const wide = (maxLength: number) => text(WIDE, maxLength);
const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const primitive = (id: string, value: fc.Arbitrary<string>) =>
  value.map((v): EmvDataObject => ({ id, value: v }));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const ids = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((n) => String(n).padStart(2, '0'));

/** A template with a GUI and up to three more children, kept within 99 characters by the limits. */
const template = (id: string) =>
  fc
    .tuple(ans(20), fc.uniqueArray(fc.tuple(ids(1, 99), wide(15)), { maxLength: 3, selector: ([k]) => k }))
    .map(([gui, rest]): EmvDataObject => ({
      id,
      children: [{ id: '00', value: gui }, ...rest.map(([k, v]) => ({ id: k, value: v }))],
    }));

const account = ids(2, 51).chain((id) => (Number(id) >= 26 ? template(id) : primitive(id, ans(30))));

const currency = fc.constantFrom('986', '764', '702', '156', '840', '704', '392', '999');
const amountIn = (code: string) =>
  fc.integer({ min: 1, max: 10 ** 9 }).map((minor) => minorToDecimal(minor, numericExponent(code) ?? 2));

const tipIn = (code: string) =>
  fc.oneof(
    fc.constant<EmvDataObject[]>([{ id: '55', value: '01' }]),
    amountIn(code).map((fee): EmvDataObject[] => [
      { id: '55', value: '02' },
      { id: '56', value: fee },
    ]),
    fc.constantFrom('0.5', '10', '99.99').map((pct): EmvDataObject[] => [
      { id: '55', value: '03' },
      { id: '57', value: pct },
    ]),
  );

const additional = fc
  .uniqueArray(fc.tuple(ids(1, 8), ans(25)), { minLength: 1, maxLength: 3, selector: ([k]) => k })
  .map((pairs): EmvDataObject => ({ id: '62', children: pairs.map(([id, value]) => ({ id, value })) }));

const language = fc
  .tuple(fc.constantFrom('ZH', 'zh', 'th', 'PT'), wide(25), optional(wide(15)))
  .map(([preference, name, city]): EmvDataObject => ({
    id: '64',
    children: [
      { id: '00', value: preference },
      { id: '01', value: name },
      ...(city === undefined ? [] : [{ id: '02', value: city }]),
    ],
  }));

/** Random data objects that satisfy every rule, in any order (the builder sorts them). */
const validObjects = fc
  .record({
    initiation: optional(fc.constantFrom('11', '12')),
    accounts: fc.uniqueArray(account, { minLength: 1, maxLength: 2, selector: (o) => o.id }),
    mcc: digits(4),
    currency,
    amount: fc.boolean(),
    tip: fc.boolean(),
    country: fc.constantFrom('CN', 'US', 'DE', 'JP', 'XX'),
    name: ans(25),
    city: ans(15),
    postal: optional(ans(10)),
    additional: optional(additional),
    language: optional(language),
    rfu: optional(ids(65, 79).chain((id) => primitive(id, wide(20)))),
    unreserved: optional(ids(80, 99).chain(template)),
  })
  .chain((r) =>
    fc
      .tuple(amountIn(r.currency), tipIn(r.currency))
      .map(([amount, tip]) =>
        [
          r.initiation && { id: '01', value: r.initiation },
          ...r.accounts,
          { id: '52', value: r.mcc },
          { id: '53', value: r.currency },
          r.amount && { id: '54', value: amount },
          ...(r.tip ? tip : []),
          { id: '58', value: r.country },
          { id: '59', value: r.name },
          { id: '60', value: r.city },
          r.postal && { id: '61', value: r.postal },
          r.additional,
          r.language,
          r.rfu,
          r.unreserved,
        ].filter((o): o is EmvDataObject => typeof o === 'object' && o !== null),
      ),
  )
  // EMVCo's 512-character cap; "000201" and "6304XXXX" make up the rest.
  .filter((objects) => [...serialiseObjects(objects)].length <= 512 - 14)
  .chain((objects) => fc.shuffledSubarray(objects, { minLength: objects.length }));

const fixturePayloads = paymentVectors()
  .filter((v) => v.kind === 'emv-mpm' && v.expectValid)
  .map((v) => v.payload);

describe('EMV round trips', () => {
  it('a code built from random valid data objects decodes with no deviation, and re-encodes exactly', () => {
    fc.assert(
      fc.property(validObjects, (objects) => {
        const built = buildEmv(objects);
        if (!built.ok) throw new Error(built.error.message);
        const decoded = decodeEmv(built.payload);
        expect(decoded.ok && decoded.deviations).toEqual([]);
        const byId = (a: EmvDataObject, b: EmvDataObject) => (a.id < b.id ? -1 : 1);
        const ids = decoded.ok ? decoded.dataObjects.map((o) => o.id) : [];
        expect(ids.at(-1)).toBe('63');
        expect(ids.slice(0, -1)).toEqual(ids.slice(0, -1).sort());
        expect(decoded.ok && decoded.dataObjects.slice(1, -1).map((o) => o.id)).toEqual(
          [...objects].sort(byId).map((o) => o.id),
        );
        expect(encodeEmv(JSON.parse(JSON.stringify(decoded)))).toEqual(built);
      }),
    );
  });

  it('decode(encode(x)) is x for a decoded payload x, through JSON', () => {
    fc.assert(
      fc.property(validObjects, (objects) => {
        const built = buildEmv(objects);
        const x = built.ok ? decodeEmv(built.payload) : undefined;
        const json = JSON.parse(JSON.stringify(x));
        const encoded = encodeEmv(json);
        expect(encoded.ok && decodeEmv(encoded.payload)).toEqual(json);
      }),
    );
  });
});

describe('EMV decoding of anything', () => {
  it('never throws on arbitrary text, and says why when it refuses', () => {
    const anyText = fc.oneof(
      // Any code point, lone surrogates included (fast-check's own 'binary' unit is slow to set up).
      fc.string({ unit: fc.nat(0x10ffff).map((cp) => String.fromCodePoint(cp)), maxLength: 120 }),
      fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF*.'), maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `000201${s}`),
    );
    fc.assert(
      fc.property(anyText, (payload) => {
        const decoded = decodeEmv(payload);
        if (!decoded.ok) expect(decoded.error.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws on a published payload with a slice cut out or pasted in', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixturePayloads),
        fc.nat(),
        fc.nat(40),
        fc.string({ maxLength: 10 }),
        (payload, at, cut, pasted) => {
          const i = at % payload.length;
          expect(() => decodeEmv(payload.slice(0, i) + pasted + payload.slice(i + cut))).not.toThrow();
        },
      ),
    );
  });

  it('refuses a published payload with any one ASCII character changed: the CRC catches every such error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixturePayloads),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        (payload, at, code) => {
          const chars = [...payload];
          const i = at % chars.length;
          const next = String.fromCharCode(code);
          fc.pre(chars[i]!.charCodeAt(0) < 0x80 && chars[i] !== next);
          // Lower-case CRC hex is accepted (and reported), so only a change of case there is not an error.
          fc.pre(!(i >= chars.length - 4 && chars[i]!.toLowerCase() === next.toLowerCase()));
          chars[i] = next;
          expect(decodeEmv(chars.join('')).ok).toBe(false);
        },
      ),
    );
  });
});

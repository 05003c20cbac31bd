import { describe, expect, it } from 'vitest';
import { CanonicalFormError, canonicalJson } from './canonical';
import { GENESIS_HASH, chainInput, entryReceiptNumber, isJournalHash, isJournalKind } from './entry';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('gives the same text however the keys were ordered, and survives a JSON round trip', () => {
    const one = { amount: 2140, currency: 'CNY', lines: [{ name: '苹果 富士', quantity: 333 }] };
    const two = { lines: [{ quantity: 333, name: '苹果 富士' }], currency: 'CNY', amount: 2140 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(JSON.parse(canonicalJson(one)))).toBe(canonicalJson(one));
  });

  it('sorts by UTF-16 code unit, as RFC 8785 does, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('leaves out undefined keys, as JSON would', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('keeps strings exact: non-ASCII as UTF-8 text, control characters and lone surrogates escaped', () => {
    expect(canonicalJson('收据 "1"\n')).toBe('"收据 \\"1\\"\\n"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('refuses what money must never be: floats, NaN, unsafe integers — naming where it sits', () => {
    expect(() => canonicalJson({ data: { amount: 12.5 } })).toThrow(/\$\.data\.amount is 12\.5/);
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\] is NaN/);
    expect(() => canonicalJson(2 ** 53)).toThrow(CanonicalFormError);
    expect(canonicalJson(-0)).toBe('0');
  });

  it('refuses values JSON has no single form for', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/\$\.at is a Date/);
    expect(() => canonicalJson([undefined])).toThrow(/\$\[0\] is undefined/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(() => 1)).toThrow(/function/);
  });
});

describe('the chain model', () => {
  it('starts from 64 zeros and hashes the previous hash followed by the canonical entry', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(isJournalHash(GENESIS_HASH)).toBe(true);
    expect(isJournalHash('A'.repeat(64))).toBe(false);
    expect(chainInput(GENESIS_HASH, '{"seq":1}')).toBe(`${'0'.repeat(64)}{"seq":1}`);
  });

  it('knows its kinds, the attendant override included, and finds an entry’s receipt number', () => {
    expect(['sale', 'payment', 'void', 'override', 'shift', 'staff', 'refund'].every(isJournalKind)).toBe(
      true,
    );
    expect(isJournalKind('gift')).toBe(false);
    expect(entryReceiptNumber({ receiptNumber: 'S001-K01-000001' })).toBe('S001-K01-000001');
    expect(entryReceiptNumber({ receiptNumber: null })).toBeNull();
    expect(entryReceiptNumber('x')).toBeNull();
  });
});

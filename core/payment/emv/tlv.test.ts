import { describe, expect, it } from 'vitest';
import { charLength, parseTlv, tlv } from './tlv';

describe('the TLV layer', () => {
  it('counts lengths in characters, not bytes or UTF-16 units', () => {
    expect(tlv('01', '最佳运输')).toBe('0104最佳运输');
    expect(tlv('01', '😀é')).toBe('0102😀é');
    expect(charLength('😀')).toBe(1);
    expect(parseTlv('0104最佳运输0202北京')).toEqual({
      ok: true,
      objects: [
        { id: '01', value: '最佳运输', position: 0 },
        { id: '02', value: '北京', position: 8 },
      ],
    });
    expect(parseTlv('0101😀0000')).toMatchObject({ ok: true, objects: [{ value: '😀' }, { value: '' }] });
  });

  it('refuses a cut-off object, naming where', () => {
    expect(parseTlv('000201010')).toMatchObject({ ok: false, error: { code: 'truncated', position: 6 } });
    expect(parseTlv('0002015905ACME')).toEqual({
      ok: false,
      error: {
        code: 'truncated',
        path: '59',
        message: '59 at character 6 says 5 characters but only 4 follow',
        position: 6,
      },
    });
  });

  it('refuses a length or ID that is not two digits', () => {
    expect(parseTlv('0002015A02XX')).toMatchObject({ ok: false, error: { code: 'bad_id', position: 6 } });
    expect(parseTlv('00020159X2XX')).toMatchObject({ ok: false, error: { code: 'bad_length', path: '59' } });
    // Non-ASCII digits are not digits.
    expect(parseTlv('00٠2XX')).toMatchObject({ ok: false, error: { code: 'bad_length' } });
  });

  it('refuses a duplicate ID, and places errors inside templates', () => {
    expect(parseTlv('0002010002O1')).toMatchObject({
      ok: false,
      error: { code: 'duplicate_id', path: '00' },
    });
    expect(parseTlv('0104abc', '62', 40)).toMatchObject({
      ok: false,
      error: {
        path: '62.01',
        position: 40,
        message: 'in 62, 01 at character 40 says 4 characters but only 3 follow',
      },
    });
  });

  it('will not write a value past 99 characters', () => {
    expect(() => tlv('59', 'x'.repeat(100))).toThrow(RangeError);
    expect(tlv('59', 'x'.repeat(99))).toHaveLength(103);
  });
});

import { describe, expect, it } from 'vitest';
import { LOT_OR_SERIAL, matchRecall, parseRecallCursor, type RecallRule } from '.';

const GTIN = '09506000134352';
const rule = (id: string, over: Partial<RecallRule> = {}): RecallRule => ({
  id,
  gtin: GTIN,
  lots: [],
  serials: [],
  reason: 'possible contamination',
  ...over,
});

describe('which recall covers a scanned pack', () => {
  it('covers every pack of a GTIN recalled whole, whatever the code says, and no other GTIN', () => {
    const whole = rule('r1');
    expect(matchRecall([whole], { gtin: GTIN })?.kind).toBe('gtin');
    expect(matchRecall([whole], { gtin: GTIN, lot: 'L1', serial: 'S1' })?.kind).toBe('gtin');
    expect(matchRecall([whole], { gtin: '04006381333931' })).toBeNull();
  });

  it('covers a listed lot, lets another lot of the same GTIN sell, and holds a pack whose lot is unknown', () => {
    const lots = rule('r1', { lots: ['L2411', 'L2412'] });
    expect(matchRecall([lots], { gtin: GTIN, lot: 'L2412' })).toEqual({
      kind: 'lot',
      recall: lots,
      value: 'L2412',
    });
    expect(matchRecall([lots], { gtin: GTIN, lot: 'L2413' })).toBeNull();
    expect(matchRecall([lots], { gtin: GTIN, lot: 'l2411' })).toBeNull(); // lots are case-sensitive
    expect(matchRecall([lots], { gtin: GTIN })?.kind).toBe('unknown'); // a plain EAN names no lot
    expect(matchRecall([lots], { gtin: GTIN, serial: 'S9' })?.kind).toBe('unknown');
  });

  it('covers a listed serial, and asks when the code carries no serial', () => {
    const serials = rule('r1', { serials: ['SER-7'] });
    expect(matchRecall([serials], { gtin: GTIN, lot: 'L1', serial: 'SER-7' })?.kind).toBe('serial');
    expect(matchRecall([serials], { gtin: GTIN, lot: 'L1', serial: 'SER-8' })).toBeNull();
    expect(matchRecall([serials], { gtin: GTIN, lot: 'L1' })?.kind).toBe('unknown');
  });

  it('prefers the most certain of several recalls', () => {
    const lots = rule('lots', { lots: ['L1'] });
    const serials = rule('serials', { serials: ['S1'] });
    const whole = rule('whole');
    expect(matchRecall([lots, serials, whole], { gtin: GTIN, lot: 'L1' })?.recall.id).toBe('whole');
    expect(matchRecall([lots, serials], { gtin: GTIN, lot: 'L1', serial: 'S1' })?.kind).toBe('serial');
    expect(matchRecall([serials, lots], { gtin: GTIN, lot: 'L1' })).toMatchObject({ kind: 'lot' });
    expect(matchRecall([lots, serials], { gtin: GTIN, lot: 'L2', serial: 'S2' })).toBeNull();
  });
});

describe('the recall feed cursor and values', () => {
  it('reads 0 and version:id, and nothing else', () => {
    expect(parseRecallCursor('0')).toEqual({ version: 0, id: '' });
    const id = '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';
    expect(parseRecallCursor(`12:${id}`)).toEqual({ version: 12, id });
    for (const bad of ['', '12', '-1:' + id, '12:nope', `x:${id}`]) expect(parseRecallCursor(bad)).toBeNull();
  });

  it('accepts what GS1 AI 10 and 21 can carry', () => {
    for (const ok of ['L2411', 'A-1/2.3_x', '12345678901234567890'])
      expect(LOT_OR_SERIAL.test(ok)).toBe(true);
    for (const bad of ['', '123456789012345678901', 'lot 1', '批次', 'a#b'])
      expect(LOT_OR_SERIAL.test(bad)).toBe(false);
  });
});

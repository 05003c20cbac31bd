import { describe, expect, it } from 'vitest';
import { ageHold, approvalProblem, type AgeLine } from './age-hold';

const line = (position: number, ageLimit: number | null): AgeLine => ({
  lineId: `l${position}`,
  name: `item ${position}`,
  ageLimit,
  position,
});

describe('the age hold', () => {
  it('is not there without a restricted line', () => {
    expect(ageHold([line(1, null)], [], 'later_items')).toBeNull();
  });

  it('holds every restricted line until an approval, naming the highest limit waiting', () => {
    const hold = ageHold([line(1, null), line(2, 18), line(3, 21)], [], 'later_items');
    expect(hold).toMatchObject({ state: 'needed', ageLimit: 21 });
    expect(hold?.pending.map((l) => l.lineId)).toEqual(['l2', 'l3']);
  });

  it('is approved when an approval at or above every limit covers them', () => {
    const hold = ageHold([line(1, 18), line(2, 16)], [{ ageLimit: 18, coversPosition: 2 }], 'later_items');
    expect(hold).toEqual({ state: 'approved', ageLimit: 18, pending: [] });
  });

  // The store's choice, at its edges: a later line with the same, a lower or a higher limit.
  it.each([
    ['later_items', 18, 'approved'],
    ['later_items', 16, 'approved'],
    ['later_items', 21, 'needed'],
    ['checked_items', 18, 'needed'],
    ['checked_items', 16, 'needed'],
  ] as const)('with %s, a line scanned after an 18+ approval at limit %i is %s', (cover, limit, state) => {
    const hold = ageHold([line(1, 18), line(2, limit)], [{ ageLimit: 18, coversPosition: 1 }], cover);
    expect(hold?.state).toBe(state);
    if (state === 'needed') expect(hold?.pending.map((l) => l.lineId)).toEqual(['l2']);
  });

  it('takes a second approval for the line the first did not cover', () => {
    const approvals = [
      { ageLimit: 18, coversPosition: 1 },
      { ageLimit: 21, coversPosition: 2 },
    ];
    expect(ageHold([line(1, 18), line(2, 21)], approvals, 'checked_items')?.state).toBe('approved');
  });
});

describe('what the attendant typed', () => {
  it.each([
    [18, null, null, null],
    [18, 30, null, null],
    [18, 17, null, /under the limit/],
    [18, null, 2008, null], // 18 this year: old enough if the birthday has passed, which the attendant saw
    [18, null, 2009, /under 18/],
    [18, 0, null, /1 to 130/],
    [18, null, 2027, /birth year/],
    [18, null, 1800, /birth year/],
  ])('limit %i, age %s, born %s → %s', (limit, age, born, problem) => {
    const found = approvalProblem(limit, age, born, 2026);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

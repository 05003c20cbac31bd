import { describe, expect, it } from 'vitest';
import { isRealTime } from './values';

describe('isRealTime', () => {
  it('takes real instants in the forms terminals send', () => {
    for (const t of [
      '2026-12-07T01:02:03.456Z',
      '2024-02-29T00:00:00Z',
      '2000-02-29T23:59:59.999999+08:00',
      '0001-01-01T00:00:00-15:59',
      '9999-12-31T23:59:59Z',
    ])
      expect(isRealTime(t), t).toBe(true);
  });

  it('refuses what matches the pattern but is not on the calendar or the clock', () => {
    for (const t of [
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00:00+16:00',
      '2026-01-01T10:00:00+01:60',
      '0000-01-01T00:00:00Z',
      '2026-01-01 10:00:00Z',
    ])
      expect(isRealTime(t), t).toBe(false);
  });
});

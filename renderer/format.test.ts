import { describe, expect, it } from 'vitest';
import { calendarDate, maskedMemberId } from './format';

describe('calendarDate', () => {
  it('shows a pack date in each language without moving it a day', () => {
    expect(calendarDate('2026-12-31', 'en')).toBe('31 Dec 2026');
    expect(calendarDate('2026-01-01', 'en')).toBe('1 Jan 2026');
    expect(calendarDate('2026-12-31', 'zh-CN')).toBe('2026-12-31');
  });

  it('shows the month alone for day 00 and anything unexpected as it came', () => {
    expect(calendarDate('2026-02-00', 'en')).toBe('Feb 2026');
    expect(calendarDate('2026-02-00', 'zh-CN')).toBe('2026-02');
    expect(calendarDate('2026-13-01', 'en')).toBe('2026-13-01');
    expect(calendarDate('20261231', 'en')).toBe('20261231');
  });
});

describe('maskedMemberId', () => {
  it('keeps the first two and last two characters', () => {
    expect(maskedMemberId('20260001')).toBe('20****01');
    expect(maskedMemberId('2026000001')).toBe('20******01');
    expect(maskedMemberId('12345')).toBe('12*45');
  });

  it('hides all but the last character of a very short id', () => {
    expect(maskedMemberId('1234')).toBe('***4');
    expect(maskedMemberId('7')).toBe('7');
  });
});

import { describe, expect, it } from 'vitest';
import { knownTimeZone, startOfDay } from './search';

const at = (date: string, tz: string) => new Date(startOfDay(date, tz)).toISOString();

describe('the store-local day of a sale search', () => {
  it('begins at the zone’s midnight', () => {
    expect(at('2026-03-02', 'Asia/Shanghai')).toBe('2026-03-01T16:00:00.000Z');
    expect(at('2026-03-02', 'UTC')).toBe('2026-03-02T00:00:00.000Z');
    expect(at('2026-07-01', 'Asia/Kolkata')).toBe('2026-06-30T18:30:00.000Z');
  });

  it('takes the offset that holds at midnight on a day the clocks change', () => {
    // New York springs forward at 02:00 on 8 March 2026: that day begins at −5 h, the next at −4 h.
    expect(at('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(at('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    // Autumn back at 02:00 on 1 November: that day begins at −4 h, the next at −5 h.
    expect(at('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(at('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('knows IANA zones and nothing else', () => {
    expect(knownTimeZone('Asia/Shanghai')).toBe(true);
    expect(knownTimeZone('Mars/Olympus')).toBe(false);
    expect(knownTimeZone("UTC'; DROP TABLE sales; --")).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatCursor, parseCursor } from './changes';

describe('catalog cursors', () => {
  it('reads a version, a version and GTIN, and a snapshot cursor', () => {
    expect(parseCursor('0')).toEqual({ version: 0, gtin: '', base: 0 });
    expect(parseCursor('12:06901234567892')).toEqual({ version: 12, gtin: '06901234567892', base: 0 });
    expect(parseCursor('3:06901234567892:40')).toEqual({ version: 3, gtin: '06901234567892', base: 40 });
  });

  it('refuses anything else', () => {
    for (const bad of ['', '-1', 'x', '1:123', '1:06901234567892:', '1;2', '9999999999999999', ' 1']) {
      expect(parseCursor(bad), bad).toBeNull();
    }
  });

  it('writes what it reads, dropping a snapshot base once the cursor has passed it', () => {
    for (const text of ['0', '7', '12:06901234567892', '3:06901234567892:40']) {
      expect(formatCursor(parseCursor(text)!)).toBe(text);
    }
    expect(formatCursor({ version: 41, gtin: '06901234567892', base: 40 })).toBe('41:06901234567892');
    expect(formatCursor({ version: 0, gtin: '', base: 5 })).toBe('0::5');
    expect(parseCursor('0::5')).toEqual({ version: 0, gtin: '', base: 5 });
  });
});

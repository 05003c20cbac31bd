import { describe, expect, it } from 'vitest';
import { WedgeBuffer } from './wedge';

/** Feeds keys `gapMs` apart, starting long after any earlier key; returns what the buffer reported. */
function type(buffer: WedgeBuffer, keys: string[], gapMs: number, startMs = 10_000): (string | null)[] {
  return keys.map((key, i) => buffer.key(key, startMs + i * gapMs));
}
const keysOf = (code: string) => [...code, 'Enter'];

describe('keyboard-wedge scans told apart from typing', () => {
  it('reads an EAN-13 and an 8-digit EAN-8 typed by a scanner (a few ms per key)', () => {
    const buffer = new WedgeBuffer();
    expect(type(buffer, keysOf('6901234567892'), 4).at(-1)).toBe('6901234567892');
    expect(type(buffer, keysOf('96385074'), 8, 20_000).at(-1)).toBe('96385074');
  });

  it('ignores a person typing the same digits and pressing Enter', () => {
    const buffer = new WedgeBuffer();
    expect(type(buffer, keysOf('96385074'), 140)).toEqual(Array(9).fill(null));
  });

  it('keeps capitals that a scanner types with Shift', () => {
    const buffer = new WedgeBuffer();
    const keys = ['Shift', 'M', '0', '0', '1', '2', 'Shift', 'A', 'Enter'];
    expect(type(buffer, keys, 5).at(-1)).toBe('M0012A');
  });

  it('drops a burst interrupted by a pause, or by keys a scanner never sends', () => {
    const buffer = new WedgeBuffer();
    const paused = [...type(buffer, [...'6901234'], 5), ...type(buffer, keysOf('567892'), 5, 11_000)];
    expect(paused.at(-1)).toBe('567892'); // only the fast run after the pause counts
    expect(type(buffer, ['1', '2', '3', 'ArrowLeft', '4', 'Enter'], 5, 30_000).at(-1)).toBeNull();
  });

  it('does not take a stray Enter or a two-key burst as a scan', () => {
    const buffer = new WedgeBuffer();
    expect(type(buffer, ['Enter'], 5)).toEqual([null]);
    expect(type(buffer, keysOf('12'), 5, 20_000).at(-1)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { commandForKey } from './keys';

describe('the counter keyboard', () => {
  it('moves the selection and opens camera and payment whatever is typed', () => {
    for (const empty of [true, false]) {
      expect(commandForKey('ArrowUp', empty)).toBe('select-up');
      expect(commandForKey('ArrowDown', empty)).toBe('select-down');
      expect(commandForKey('F2', empty)).toBe('camera');
      expect(commandForKey('F12', empty)).toBe('pay');
      // The counter's tools: the entry's text is F7's label and F11's kiosk number, so they act either way.
      expect(commandForKey('F3', empty)).toBe('lookup');
      expect(commandForKey('F7', empty)).toBe('suspend');
      expect(commandForKey('F11', empty)).toBe('kiosk-basket');
    }
  });

  it('changes or removes the selected line only while the entry is empty', () => {
    expect(commandForKey('+', true)).toBe('more');
    expect(commandForKey('-', true)).toBe('less');
    expect(commandForKey('Delete', true)).toBe('remove');
    // With text in the entry they are text: STAFF-0042 has a hyphen, and Delete edits the entry.
    expect(commandForKey('+', false)).toBeNull();
    expect(commandForKey('-', false)).toBeNull();
    expect(commandForKey('Delete', false)).toBeNull();
  });

  it('clears a typed entry with Escape, and leaves digits and Enter to the entry', () => {
    expect(commandForKey('Escape', false)).toBe('clear');
    expect(commandForKey('Escape', true)).toBeNull();
    expect(commandForKey('7', true)).toBeNull();
    expect(commandForKey('Enter', true)).toBeNull();
  });
});

describe('Returns on the counter keyboard', () => {
  it('opens with F1 whatever is typed (the selling screen refuses it while a sale is on screen)', () => {
    expect(commandForKey('F1', true)).toBe('returns');
    expect(commandForKey('F1', false)).toBe('returns');
  });
});

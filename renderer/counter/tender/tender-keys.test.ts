import { describe, expect, it } from 'vitest';
import { looksLikeWalletCode, tenderCommandForKey } from './tender-keys';

describe('the tender screen’s keys', () => {
  it('maps the function keys to acts and leaves digits to the entry', () => {
    expect(tenderCommandForKey('F5')).toEqual({ kind: 'quick', index: 0 });
    expect(tenderCommandForKey('F7')).toEqual({ kind: 'quick', index: 2 });
    expect(tenderCommandForKey('F8')).toEqual({ kind: 'qr' });
    expect(tenderCommandForKey('Delete')).toEqual({ kind: 'remove' });
    expect(tenderCommandForKey('Escape')).toEqual({ kind: 'back' });
    expect(tenderCommandForKey('5')).toBeNull();
    expect(tenderCommandForKey('.')).toBeNull();
  });

  it('tells a scanned wallet code from cash typed', () => {
    expect(looksLikeWalletCode('134512345678901230')).toBe(true);
    expect(looksLikeWalletCode('100000')).toBe(false);
    expect(looksLikeWalletCode('37.50')).toBe(false);
  });
});

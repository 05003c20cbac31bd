import { describe, expect, it } from 'vitest';
import { PayTypeAhead } from './type-ahead';

describe('the keys typed between Pay and the tender screen', () => {
  it('hands the tender what was typed after Pay, not what the sale entry held before it', () => {
    const ahead = new PayTypeAhead();
    ahead.begin('3*');
    ahead.keep('3*50');
    expect(ahead.take()).toEqual({ text: '50', enter: false });
    expect(ahead.waiting).toBe(false);
  });

  it('keeps the text an Enter sent, whatever the field reads after it', () => {
    const ahead = new PayTypeAhead();
    ahead.begin('');
    ahead.keep('50', true);
    ahead.keep('');
    expect(ahead.take()).toEqual({ text: '50', enter: true });
  });

  it('keeps nothing while no Pay waits, and nothing after Pay was given up', () => {
    const ahead = new PayTypeAhead();
    ahead.keep('50', true);
    expect(ahead.take()).toEqual({ text: '', enter: false });
    ahead.begin('');
    ahead.cancel();
    ahead.keep('7', true);
    expect(ahead.take()).toEqual({ text: '', enter: false });
  });
});

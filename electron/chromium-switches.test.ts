import { describe, expect, it } from 'vitest';
import { TILL_CHROMIUM_SWITCHES, tillChromiumArgs } from './chromium-switches';

describe('the shell’s Chromium switches', () => {
  it('keep the page’s tasks from waiting behind the frame after a key press, as switches and as arguments', () => {
    expect(TILL_CHROMIUM_SWITCHES).toContainEqual(['disable-features', 'DeferRendererTasksAfterInput']);
    expect(tillChromiumArgs()).toEqual(['--disable-features=DeferRendererTasksAfterInput']);
  });
});

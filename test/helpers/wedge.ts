// Types like a keyboard-wedge scanner: every key event carries a time a few milliseconds after the
// last, as a scanner's USB keyboard reports it, however busy the machine running the test is.
// (Playwright's keyboard.type has no timestamps, so a loaded machine would make it look like a person.)
import type { Page } from 'playwright-core';

export async function typeLikeScanner(page: Page, code: string, gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const start = Date.now() / 1000;
    const keys = [...code, 'Enter'];
    for (const [i, key] of keys.entries()) {
      const timestamp = start + (i * gapMs) / 1000;
      const enter = key === 'Enter';
      const text = enter ? '\r' : key;
      const base = { key, ...keyCodes(key), timestamp };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, ...base });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base, timestamp: timestamp + 0.001 });
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * A US keyboard's punctuation a scanner types in a link (https://…/r/S01-C01-000001?join=1&training=1):
 * its key code and Windows virtual key. Without them '.' would be sent as VK 46 (Delete) and '&' as
 * VK 38 (ArrowUp), which Chromium acts on as those keys.
 */
const PUNCTUATION: Readonly<Record<string, [code: string, vk: number]>> = {
  '.': ['Period', 190],
  '/': ['Slash', 191],
  '?': ['Slash', 191],
  ':': ['Semicolon', 186],
  ';': ['Semicolon', 186],
  '-': ['Minus', 189],
  _: ['Minus', 189],
  '=': ['Equal', 187],
  '+': ['Equal', 187],
  '&': ['Digit7', 55],
  '*': ['Digit8', 56],
  '%': ['Digit5', 53],
  '#': ['Digit3', 51],
  '~': ['Backquote', 192],
  ' ': ['Space', 32],
};

function keyCodes(key: string): { code: string; windowsVirtualKeyCode: number } {
  if (key === 'Enter') return { code: 'Enter', windowsVirtualKeyCode: 13 };
  if (/\d/.test(key)) return { code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0) };
  if (/[a-z]/i.test(key))
    return { code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0) };
  const [code, vk] = PUNCTUATION[key] ?? ['Unidentified', 0];
  return { code, windowsVirtualKeyCode: vk };
}

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
      const base = {
        key,
        code: enter ? 'Enter' : /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`,
        windowsVirtualKeyCode: enter ? 13 : key.toUpperCase().charCodeAt(0),
        timestamp,
      };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, ...base });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base, timestamp: timestamp + 0.001 });
    }
  } finally {
    await cdp.detach();
  }
}

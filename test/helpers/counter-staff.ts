// The cashier's keyboard sign-in on a counter's page, for end-to-end tests (the staff are written into
// settings.json by seedCounterStaff, ./staff.ts, before `openlane serve --role counter` starts).
import type { Page } from 'playwright-core';
import { CASHIER, STAFF_PINS } from './staff';

export { seedCounterStaff } from './staff';

/**
 * Signs in at the counter's sign-in screen by keyboard (badge, Enter, PIN, Enter) and waits to sell.
 * Playwright's own waits, not expect.poll, so a beforeAll may call it too.
 */
export async function signInAtCounter(page: Page, who = CASHIER): Promise<void> {
  await page.getByTestId('counter-signin').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-input');
  await page.keyboard.type(STAFF_PINS[who.role]);
  await page.keyboard.press('Enter');
  await page.getByTestId('counter-staff').waitFor({ timeout: 10_000 });
}

// The cashier's keyboard sign-in on a counter's page, for end-to-end tests (the staff are written into
// settings.json by seedCounterStaff, ./staff.ts, before `openlane serve --role counter` starts).
import type { Page } from 'playwright-core';
import { CASHIER, STAFF_PINS } from './staff';

export { seedCounterStaff } from './staff';

/**
 * Signs in at the counter's sign-in screen by keyboard (badge, Enter, PIN, Enter) and waits to sell.
 * Playwright's own waits, not expect.poll, so a beforeAll may call it too.
 */
export async function signInAtCounter(
  page: Page,
  who = CASHIER,
  options: { openShift?: boolean } = {},
): Promise<void> {
  await page.getByTestId('counter-signin').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pin-input');
  await page.keyboard.type(STAFF_PINS[who.role]);
  await page.keyboard.press('Enter');
  await page.getByTestId('counter-staff').waitFor({ timeout: 10_000 });
  if (options.openShift !== false) await openShiftIfAsked(page);
}

/**
 * A counter with no open shift asks for the float before selling (renderer/counter/shift): counts one
 * ¥100 note by keyboard and opens the shift. Does nothing when a shift is already open.
 */
export async function openShiftIfAsked(page: Page): Promise<void> {
  const first = page.locator('[data-testid="float-count"], [data-testid="code-entry"]').first();
  await first.waitFor({ timeout: 10_000 });
  if ((await first.getAttribute('data-testid')) !== 'float-count') return;
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid')?.startsWith('count-'));
  await page.keyboard.type('1');
  await page.getByTestId('count-submit').press('Enter');
  await page.getByTestId('code-entry').waitFor({ timeout: 10_000 });
}

// A counter terminal's staff for end-to-end tests: written into the data directory's settings.json
// before `openlane serve --role counter` starts, and the cashier's keyboard sign-in on the page.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { CASHIER, COUNTER_STAFF, STAFF_PINS } from './staff';

/**
 * Adds COUNTER_STAFF (one of each role) to DATA_DIR/settings.json, keeping what is there, and merges
 * `counter` (e.g. a short idleLockSeconds) into its counter settings.
 */
export function seedCounterStaff(dataDir: string, counter: Record<string, unknown> = {}): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'settings.json');
  const settings = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : {};
  const before = (settings.counter ?? {}) as Record<string, unknown>;
  writeFileSync(
    path,
    JSON.stringify({ ...settings, attendants: COUNTER_STAFF, counter: { ...before, ...counter } }, null, 2),
  );
}

/** Signs in at the counter's sign-in screen by keyboard (badge, Enter, PIN, Enter) and waits to sell. */
export async function signInAtCounter(page: Page, who = CASHIER): Promise<void> {
  await expect.poll(() => page.getByTestId('counter-signin').isVisible(), { timeout: 10_000 }).toBe(true);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
    .toBe('badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await page.keyboard.type(STAFF_PINS[who.role]);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('counter-staff').isVisible(), { timeout: 10_000 }).toBe(true);
}

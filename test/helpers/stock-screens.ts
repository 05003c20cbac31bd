// What the stock screens' end-to-end tests share: a store's catalog with names in Chinese, staff,
// a receipt printer on a pty, tomorrow's price change as HQ's sync stores it, staff sign-in on the
// stock screen, and the screenshots at a phone's and a counter's size.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../core/barcode/gtin';
import { savePriceChanges } from '../../db/price-changes';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { CASHIER, seedCounterStaff, STAFF_PINS } from './staff';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));

export const MILK = {
  barcode: withCheckDigit('690000000101'),
  name: 'Fresh Milk 1 L',
  zh: '鲜牛奶 1 升',
  department: 'Dairy',
};
export const BREAD = {
  barcode: withCheckDigit('690000000102'),
  name: 'Toast Bread',
  zh: '吐司面包',
  department: 'Bakery',
};
export const gtin14 = (barcode: string) => barcode.padStart(14, '0');

export const PHONE = { width: 390, height: 844 };
export const COUNTER_SCREEN = { width: 1280, height: 800 };

/**
 * A stock terminal's data directory: the catalog (names in English and Chinese; the milk's net content
 * 1 l, the bread's 400 g, for their unit prices), the staff, the
 * receipt printer at `printerPath`, and Toast Bread's price change to 7.90 in ten hours, stored as the
 * sync stores what HQ sends (db/price-changes.ts).
 */
export function seedStockStore(dir: string, data: string, printerPath: string | null = null): void {
  mkdirSync(data, { recursive: true });
  writeFileSync(
    join(dir, 'catalog.csv'),
    [
      'barcode,name,price,tax_rate,unit,department,name_zh-CN,net_content',
      `${MILK.barcode},${MILK.name},12.90,13,each,${MILK.department},${MILK.zh},1 l`,
      `${BREAD.barcode},${BREAD.name},8.50,13,each,${BREAD.department},${BREAD.zh},400 g`,
      '',
    ].join('\n'),
  );
  execFileSync(process.execPath, [BIN, 'catalog', 'import', join(dir, 'catalog.csv'), '--data', data]);
  writeFileSync(
    join(data, 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, printer: printerPath ? { path: printerPath } : null }, null, 2),
  );
  seedCounterStaff(data);
  const db = new Database(join(data, 'openlane.db'));
  try {
    const inTenHours = Date.now() + 10 * 3600_000;
    savePriceChanges(
      db,
      [{ hqId: 1, gtin: gtin14(BREAD.barcode), price: 790, effectiveAt: inTenHours, storeLevel: false }],
      '1',
      new Date(),
    );
  } finally {
    db.close();
  }
}

const focusedIs = (page: Page, testId: string) =>
  page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

/** Signs in on the stock screen by keyboard (badge, Enter, PIN, Enter) and waits for its home. */
export async function signInForStock(page: Page, who = CASHIER): Promise<void> {
  await page.getByTestId('counter-signin').waitFor({ timeout: 10_000 });
  await focusedIs(page, 'badge-input');
  await page.keyboard.type(who.badge);
  await page.keyboard.press('Enter');
  await focusedIs(page, 'pin-input');
  await page.keyboard.type(STAFF_PINS[who.role]);
  await page.keyboard.press('Enter');
  await page.getByTestId('counter-staff').waitFor({ timeout: 10_000 });
}

/** A screenshot at the phone's size and at the counter's, then back to `restore`. */
export async function stockShots(page: Page, dir: string, name: string, restore = PHONE): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const size of [PHONE, COUNTER_SCREEN]) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: join(dir, `${name}-${size.width}x${size.height}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
  await page.setViewportSize(restore);
}

// Steps of a counter's day in Chromium, by keyboard, for end-to-end tests: typing a drawer count row by
// row, a counter with a receipt printer to start, scanning products into the sale, and the customer's phone.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { startTerminal, type Terminal } from '../../services/terminal';
import { startWebHost, type WebHost } from '../../services/web/host';
import type { StandinWithMerchant } from '../standins/wechatpay/standin-merchant';
import { OPENLANE_BIN } from './cli';
import { COUNTER_STAFF } from './staff';

const RENDERER = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** The test id of the element holding the keyboard focus. */
export function focused(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
}

/**
 * A float or blind count typed by keyboard, one number per denomination row (largest first, as the
 * dialog lists them): each row's count then Enter, the last Enter submits the count.
 */
export async function typeCount(page: Page, counts: number[]): Promise<void> {
  await expect.poll(() => focused(page), { timeout: 10_000 }).toMatch(/^count-/);
  for (const count of counts) {
    if (count > 0) await page.keyboard.type(String(count));
    await page.keyboard.press('Enter');
  }
}

/** Types each code into the counter's entry and Enter, as a cashier keys or scans them. */
export async function scanAll(page: Page, codes: string[]): Promise<void> {
  for (const code of codes) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }
}

/** Writes DIR/catalog.csv (`header`, then one row a line) and imports it into DATA_DIR with the built CLI. */
export function importCatalog(dir: string, dataDir: string, header: string, rows: string[]): void {
  writeFileSync(join(dir, 'catalog.csv'), [header, ...rows, ''].join('\n'));
  execFileSync(process.execPath, [
    OPENLANE_BIN,
    'catalog',
    'import',
    join(dir, 'catalog.csv'),
    '--data',
    dataDir,
  ]);
}

/**
 * Counter C01 on DATA_DIR, its receipt printer (and drawer) at `printerPath`, one staff member of each
 * role, a cashier who may close at most 0.50 off alone; `extra` settings on top. Starts the terminal
 * and its web host (as `openlane serve` does), serving the built renderer.
 */
export async function startPrinterCounter(
  dataDir: string,
  printerPath: string,
  extra: Record<string, unknown> = {},
): Promise<{ terminal: Terminal; host: WebHost }> {
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      role: 'counter',
      terminalId: 'C01',
      printer: { path: printerPath },
      counter: { limits: { cashier: { discountPercent: 10, cashDifference: 50 } } },
      attendants: COUNTER_STAFF,
      ...extra,
    }),
  );
  const terminal = await startTerminal({ dataDir });
  const host = await startWebHost({
    api: terminal.api,
    subscribe: terminal.subscribe,
    rendererDir: RENDERER,
    port: 0,
  });
  return { terminal, host };
}

/** The customer's phone pays the QR (its code_url) over HTTP at the stand-in's phone endpoint. */
export async function payOnPhone(wx: StandinWithMerchant, codeUrl: string): Promise<boolean> {
  const response = await fetch(`${wx.standin.url}/standin/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code_url: codeUrl }),
  });
  return ((await response.json()) as { paid?: boolean }).paid === true;
}

/** The screen at 1280×800 and 1024×768 into `dir`, once any dialog has settled; then back to 1280×800. */
export async function shootBoth(page: Page, dir: string, name: string): Promise<void> {
  for (const [w, h] of [
    [1280, 800],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: join(dir, `${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

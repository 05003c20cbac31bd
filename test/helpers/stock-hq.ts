// What the stock screens' end-to-end tests against a real HQ share: HQ on PGlite with the store's
// catalog (milk and bread, both in Dairy), terminals of S001 enrolled with it, a terminal's API as a
// page or a script on this machine calls it, and the count screen driven as staff drive it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { createEnrolmentCode, importCatalogCsv, startServer, type RunningServer } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { call, startBackend, type TestBackend } from './postgres';
import { seedCounterStaff } from './staff';
import { BREAD, MILK } from './stock-screens';

export const HQ_ADMIN = 'stock-floor-e2e-admin-token-0123456789';

/** HQ on PGlite, on loopback, with milk and bread in one department (Dairy). */
export async function startStockHq(
  port = 0,
  backend?: TestBackend,
): Promise<{ backend: TestBackend; server: RunningServer }> {
  const fresh = backend === undefined;
  const hqBackend = backend ?? (await startBackend('pglite'));
  const server = await startServer({
    port,
    host: '127.0.0.1',
    dataDir: hqBackend.dataDir,
    adminToken: HQ_ADMIN,
    catalogPollMs: 100,
  });
  if (fresh) {
    const catalog = [
      'barcode,name,price,tax_rate,unit,department',
      `${MILK.barcode},${MILK.name},12.90,13,each,Dairy`,
      `${BREAD.barcode},${BREAD.name},8.50,13,each,Dairy`,
    ].join('\n');
    expect((await importCatalogCsv(server.db, catalog, { currency: 'CNY' })).ok).toBe(true);
  }
  return { backend: hqBackend, server };
}

/** Terminal `name` of S001 enrolled with HQ in `data` (made here), with the counter's staff on it. */
export async function enrolledData(server: RunningServer, data: string, name: string): Promise<void> {
  mkdirSync(data, { recursive: true });
  const { code } = await createEnrolmentCode(server.db, 'S001');
  await enrolTerminal({ dataDir: data, serverUrl: server.url, code, terminalName: name });
  seedCounterStaff(data);
  // The terminal's own number, as the store sets it up: it names the device of its counts and sales.
  const settingsPath = join(data, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsPath, JSON.stringify({ ...settings, storeId: 'S001', terminalId: name }));
}

/** HQ's admin API. */
export const hqAdmin = (server: RunningServer, method: string, path: string) =>
  call(server.url, method, path, { token: HQ_ADMIN });

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** A terminal's API, called from this machine (loopback: no pairing). */
export async function terminalApi(url: string, name: string, input: unknown = {}): Promise<Answer> {
  const response = await fetch(new URL(`/api/${name}`, url), { method: 'POST', body: JSON.stringify(input) });
  return (await response.json()) as Answer;
}

/** Waits until a signed-in stock terminal knows `barcode` from HQ's catalog (asking for syncs meanwhile). */
export async function catalogArrived(url: string, barcode: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await terminalApi(url, 'sync.now');
        return (await terminalApi(url, 'stock.item', { code: barcode })).ok;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** A kiosk sells one `barcode`, paid by a wallet code the payment simulator pays at once. */
export async function kioskSells(url: string, barcode: string, wallet: string): Promise<void> {
  // The kiosk may not have HQ's catalog yet: its sync is asked for until the scan is taken.
  await expect
    .poll(
      async () => {
        await terminalApi(url, 'sync.now');
        return (await terminalApi(url, 'basket.addScan', { code: barcode, source: 'keypad' })).ok;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(await terminalApi(url, 'basket.addScan', { code: wallet, source: 'keypad' })).toMatchObject({
    ok: true,
    value: { status: 'paid' },
  });
  expect(await terminalApi(url, 'sale.finish')).toMatchObject({ ok: true });
}

const focused = (page: Page) => () =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/** Scans `code` by wedge on a stock screen's code entry, types `quantity` and confirms it. */
export async function scanQuantity(page: Page, code: string, quantity: number): Promise<void> {
  await page.getByTestId('stock-entry').click();
  await expect.poll(focused(page)).toBe('stock-entry');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.getByTestId('stock-quantity').click();
  await page.keyboard.type(String(quantity));
  await page.keyboard.press('Enter');
}

/** On an open count session: sets where this device counts. */
export async function countAt(page: Page, location: string): Promise<void> {
  await page.getByTestId('stock-location').fill(location);
  await page.getByTestId('stock-location').press('Tab');
}

/** The count session's lines as the screen shows them: item, location and counted, one string each. */
export const countRows = (page: Page) => () =>
  page
    .getByTestId('stock-count-line')
    .allInnerTexts()
    .then((rows) => rows.map((r) => r.replace(/\s+/g, ' ').trim()));

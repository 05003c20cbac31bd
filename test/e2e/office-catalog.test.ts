// The catalog in the back office, as the chain's office uses it, with a real lane beside it: a CSV import
// whose progress bar reaches done (and a bad file's line-numbered errors), search as you type, a price
// edited on the product's page, and a price change effective in one minute that the enrolled lane sells
// at once the minute has come — its clock moved through OPENLANE_TEST_CLOCK_FILE instead of waiting.
// The product page's title is the product's name in the reader's language when it has one.
// axe finds nothing serious on the screens, in English and in Chinese.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../server';
import { TEST_CLOCK_ENV } from '../../services/clock';
import { enrolTerminal } from '../../services/sync';
import { axeProblems } from '../helpers/axe';
import { PRODUCTS } from '../helpers/checkout';
import { startOffice, type Office } from '../helpers/office';
import { schedulePriceInAMinute } from '../helpers/office-price-change';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const { milk, bread } = PRODUCTS;
const WAIT = { timeout: 10_000 };
const CATALOG = [
  'barcode,name,price,tax_rate,unit,department,name_zh-CN',
  `${milk.barcode},${milk.name},12.90,9,each,Dairy,鲜牛奶 1升`,
  `${bread.barcode},${bread.name},8.50,13,each,Bakery,吐司面包`,
  ...Array.from(
    { length: 2000 },
    (_, i) => `${ean13(200000000000 + i)},Shelf item ${i},${1 + (i % 50)}.00,13,each,Grocery,`,
  ),
].join('\n');

let office: Office;
let page: Page;
let lane: ServeProcess;
let dir: string;
let clockFile: string;
const setLaneClock = (at: Date) => writeFileSync(clockFile, at.toISOString());
const SHOTS = process.env.OPENLANE_SHOTS_DIR;
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

beforeAll(async () => {
  office = await startOffice();
  page = office.page;
  dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-office-catalog-'));
  clockFile = join(dir, 'clock');
  setLaneClock(new Date());
  const data = join(dir, 'data');
  mkdirSync(data);
  const { code } = await createEnrolmentCode(office.hq.db, 'S001');
  await enrolTerminal({ dataDir: data, serverUrl: office.hq.url, code, terminalName: 'K01' });
  lane = await startServe({ dataDir: data, env: { [TEST_CLOCK_ENV]: clockFile } });
});

afterAll(async () => {
  await lane?.stop();
  await office?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importFile(name: string, text: string) {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

describe('the catalog in the back office', () => {
  it('imports a CSV with a progress bar that reaches done, and shows a bad file’s line errors', async () => {
    await page.goto(`${office.hq.url}/#/catalog/import`);
    await importFile('catalog.csv', CATALOG);
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.getAttribute('data-state'), WAIT).toBe('done');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/Done: 2,002 rows, 2,002 changed/);
    expect(await axeProblems(page, 'catalog import')).toEqual([]);

    await importFile('bad.csv', `barcode,name,price\n${milk.barcode},Milk,12,90\n123,Bread,8.50\n`);
    await expect.poll(() => progress.getAttribute('data-state'), WAIT).toBe('failed');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('nothing was imported: 2 problems');
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      'Line 2: has 4 fields; the header has 3 (a value with a comma must be in double quotes)',
      expect.stringMatching(/^Line 3: barcode "123"/),
    ]);
    expect(await axeProblems(page, 'catalog import refused')).toEqual([]);
  });

  it('finds a product as its name is typed, in Chinese too, and edits its price', async () => {
    await page.goto(`${office.hq.url}/#/catalog`);
    const search = page.getByTestId('catalog-search');
    const results = page.getByTestId('catalog-results').locator('tbody tr');
    await search.pressSequentially('鲜牛', { delay: 40 });
    await expect.poll(() => results.allInnerTexts(), WAIT).toEqual([expect.stringContaining(milk.name)]);
    await search.fill('');
    await search.pressSequentially('shelf item 1999', { delay: 20 });
    await expect
      .poll(() => results.allInnerTexts(), WAIT)
      .toEqual([expect.stringContaining('Shelf item 1999')]);
    await search.fill(milk.barcode.slice(0, 9));
    await expect.poll(() => results.first().innerText(), WAIT).toContain(milk.name);
    expect(await axeProblems(page, 'catalog search')).toEqual([]);

    await results.first().getByRole('button').click();
    await page.getByRole('heading', { name: milk.name }).waitFor();
    const form = page.getByTestId('product-form');
    await form.getByLabel('Price (CNY)').fill('13.50');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), WAIT)
      .toMatch(/^Saved\. Terminals take it at catalog version \d+\.$/);
    expect(await axeProblems(page, 'product page')).toEqual([]);
    await shot('product-page-en');
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '定时调价' }).waitFor();
    // The title is the product's Chinese name, not the chain's English one.
    expect(await page.locator('#page-title').innerText()).toBe('鲜牛奶 1升');
    await shot('product-page-zh');
    expect(await axeProblems(page, 'product page in Chinese')).toEqual([]);
    await page.goto(`${office.hq.url}/#/catalog`);
    expect(await axeProblems(page, 'catalog search in Chinese')).toEqual([]);
    await page.goto(`${office.hq.url}/#/catalog/import`);
    expect(await axeProblems(page, 'catalog import in Chinese')).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('changes a price effective in one minute, and the lane sells at it once the minute has come', async () => {
    const effective = await schedulePriceInAMinute(page, office.hq.url, milk.gtin, '11.90');
    await expect
      .poll(() => page.getByTestId('price-changes').locator('tbody tr').allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(/Whole chain\s+\S*11\.90\s+Upcoming/)]);

    const kiosk = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await kiosk.goto(lane.url);
    await kiosk.getByTestId('welcome').waitFor();
    // The unit price of the line scanned last (a scan of the same price may add to an earlier line).
    const lastUnitPrice = () => kiosk.locator('.line-unit').last().innerText();
    // Scans until the lane sells at `price`: it syncs on HQ's announcement, a moment after the change.
    const sellsAt = async (price: string) => {
      await expect
        .poll(async () => {
          await typeLikeScanner(kiosk, milk.barcode);
          await kiosk.getByTestId('line-total').first().waitFor();
          return lastUnitPrice();
        }, WAIT)
        .toMatch(new RegExp(`^${price.replace(/[.$]/g, '\\$&')}\\b`));
    };
    await sellsAt('¥13.50'); // the edited price, before the minute
    setLaneClock(effective);
    await sellsAt('¥11.90');
    await kiosk.close();
  });
});

/** A GTIN-13 from its first 12 digits. */
function ean13(body: number): string {
  const digits = String(body).padStart(12, '0');
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + ((10 - (sum % 10)) % 10);
}

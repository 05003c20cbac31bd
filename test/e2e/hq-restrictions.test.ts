// Sale restrictions set at HQ as the chain's office and a shopper meet them (issue 14), on real parts:
// HQ on PGlite serving the back office in Chromium, an enrolled `openlane serve` kiosk in the same
// Chromium. "At most 2 per basket" set at HQ reaches the running lane through its sync (HQ's stream
// announces the change), and the lane refuses the third scan with the kiosk's existing words. The
// department rules screen (#/catalog/restrictions) and the product's panel (#/catalog/<gtin>) are
// driven in both languages, with nothing serious for axe.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { openDatabase } from '../../db/open';
import { createEnrolmentCode, importCatalogCsv } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { axeProblems } from '../helpers/axe';
import { OFFICE_ADMIN_TOKEN, startOffice, type Office } from '../helpers/office';
import { call } from '../helpers/postgres';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const PILLS = { barcode: withCheckDigit('690000000301'), name: 'Ibuprofen 200 mg' };
const WAIT = { timeout: 10_000, interval: 100 };
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'hq-restrictions');

let office: Office;
let dir: string;
let serve: ServeProcess;
let kiosk: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  office = await startOffice();
  const csv = `barcode,name,price,tax_rate,unit,age_limit,department\n${PILLS.barcode},${PILLS.name},15.80,13,each,,Pharmacy\n`;
  expect(await importCatalogCsv(office.hq.db, csv)).toMatchObject({ ok: true });
  dir = mkdtempSync(join(tmpdir(), 'openlane-hq-restrictions-'));
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  const { code } = await createEnrolmentCode(office.hq.db, 'S001');
  await enrolTerminal({ dataDir: data, serverUrl: office.hq.url, code, terminalName: 'K01' });
  serve = await startServe({ dataDir: data });
  kiosk = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await kiosk.goto(serve.url);
  await kiosk.getByTestId('welcome').waitFor();
});

afterAll(async () => {
  await office?.close();
  await serve?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The lane's own SQLite file, read as it stands: what the lane will enforce at its next scan. */
function laneMaximum(): number | null {
  const db = openDatabase(join(dir, 'data', 'openlane.db'), { skipMigrations: true });
  try {
    const row = db
      .prepare('SELECT max_per_basket AS max FROM products WHERE gtin = ?')
      .get(`0${PILLS.barcode}`) as { max: number | null } | undefined;
    return row?.max ?? null;
  } finally {
    db.close();
  }
}

describe('a limit set at HQ, at the lane', () => {
  it('reaches the running lane, which refuses the third scan in the shopper’s words', async () => {
    const set = await call(office.hq.url, 'PUT', `/admin/v1/products/${PILLS.barcode}/restrictions`, {
      token: OFFICE_ADMIN_TOKEN,
      body: { ageLimit: null, noSale: null, maxPerBasket: 2 },
    });
    expect(set).toMatchObject({ status: 200, body: { changed: true } });
    await expect.poll(laneMaximum, WAIT).toBe(2);
    for (const n of [1, 2]) {
      await typeLikeScanner(kiosk, PILLS.barcode);
      await expect.poll(() => kiosk.getByTestId('line-qty').first().innerText(), WAIT).toContain(String(n));
    }
    await typeLikeScanner(kiosk, PILLS.barcode);
    const refusal = kiosk.getByTestId('scan-message');
    await expect.poll(() => refusal.getAttribute('data-code'), WAIT).toBe('restricted_quantity');
    expect(await refusal.innerText()).toContain(
      `${PILLS.name}: you can buy up to 2 in one visit, so no more were added`,
    );
    expect(await axeProblems(kiosk, 'kiosk refusal')).toEqual([]);
  });
});

describe('the back office’s restriction screens', () => {
  it('sets a department rule and shows it in the product’s panel, in English and Chinese', async () => {
    const { page } = office;
    await page.goto(`${office.hq.url}/#/catalog/restrictions`);
    await page.getByRole('heading', { name: 'Sale rules by department' }).waitFor();
    await page.getByLabel('Department', { exact: true }).fill('Pharmacy');
    await page.getByLabel('At most per basket').fill('6');
    await page.getByLabel(/^No-sale hours/).fill('23:00-06:00');
    await page.getByRole('button', { name: 'Save' }).click();
    const table = page.getByTestId('department-rules');
    await expect
      .poll(() => table.locator('tbody tr').first().innerText(), WAIT)
      .toMatch(/Pharmacy\s+23:00-06:00\s+6/);
    expect(await axeProblems(page, 'department rules in English')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'department-rules-en.png') });
    // A bad time is named on the screen, and nothing is sent.
    await page.getByLabel('Department', { exact: true }).fill('Tobacco');
    await page.getByLabel(/^No-sale hours/).fill('25:00-06:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), WAIT).toMatch(/HH:MM-HH:MM/);
    expect(await table.locator('tbody tr').count()).toBe(1);

    await page.goto(`${office.hq.url}/#/catalog/0${PILLS.barcode}`);
    const panel = page.getByRole('form', { name: 'Sale restrictions' });
    await expect
      .poll(() => panel.getByLabel('At most per basket').inputValue({ timeout: 500 }), WAIT)
      .toBe('2');
    expect(await panel.innerText()).toContain(
      'Rule of department Pharmacy: not sold 23:00-06:00 · at most 6 per basket',
    );
    expect(await axeProblems(page, 'restrictions panel in English')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'panel-en.png') });

    await page.getByRole('button', { name: '简体中文' }).click();
    const panelZh = page.getByRole('form', { name: '销售限制' });
    await expect.poll(() => panelZh.getByLabel('每单最多数量').inputValue({ timeout: 500 }), WAIT).toBe('2');
    await page.screenshot({ path: join(ARTIFACTS, 'panel-zh.png') });
    expect(await axeProblems(page, 'restrictions panel in Chinese')).toEqual([]);
    await page.goto(`${office.hq.url}/#/catalog/restrictions`);
    await page.getByRole('heading', { name: '按部门的销售规则' }).waitFor();
    expect(await axeProblems(page, 'department rules in Chinese')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'department-rules-zh.png') });
  });
});

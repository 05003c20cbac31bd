// A recall as the chain's office makes it and a lane meets it, for real: the back office (Chromium) recalls
// one lot of milk; an enrolled, online `openlane serve` kiosk refuses a GS1 code of that lot within
// seconds of the recall (HQ's stream announces it) while another lot of the same milk still sells; the
// refused attempt reaches HQ and shows on the recall's page with store, terminal and lot. axe finds
// nothing serious on the recall screens in English or 简体中文. Ended, the recall lets the lot sell again.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, importCatalogCsv } from '../../server';
import { enrolTerminal } from '../../services/sync';
import { axeProblems } from '../helpers/axe';
import { PRODUCTS } from '../helpers/checkout';
import { openArea, startOffice, type Office } from '../helpers/office';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'office');
const { milk } = PRODUCTS;
const CSV = `barcode,name,price,tax_rate,unit,department\n${milk.barcode},${milk.name},12.90,9,each,Dairy`;
/** A GS1 element string as a wedge scanner types it: GTIN, then the lot (last, so no separator). */
const packOfLot = (lot: string) => `01${milk.gtin}10${lot}`;
const WAIT = { timeout: 15_000 };

describe('a recalled lot, from the back office to the lane', () => {
  let office: Office;
  let serve: ServeProcess;
  let kiosk: Page;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    office = await startOffice();
    expect(await importCatalogCsv(office.hq.db, CSV, { currency: 'CNY' })).toMatchObject({ ok: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-e2e-recalls-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    const { code } = await createEnrolmentCode(office.hq.db, 'S001');
    await enrolTerminal({ dataDir: data, serverUrl: office.hq.url, code, terminalName: 'K01' });
    serve = await startServe({ dataDir: data });
    kiosk = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await kiosk.goto(serve.url);
    await kiosk.getByTestId('welcome').waitFor();
    // The lane is online (its first sync went through) before anything is recalled.
    await kiosk.locator('[data-testid="sync-status"][data-online="true"]').waitFor(WAIT);
  });

  afterAll(async () => {
    await kiosk?.close();
    await serve?.stop();
    await office?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let recalledAt = 0;

  it('recalls one lot in the back office, in English and 简体中文, with nothing serious for axe', async () => {
    const { page } = office;
    await openArea(page, 'recalls');
    expect(await axeProblems(page, 'recalls, empty')).toEqual([]);
    await page.getByLabel('GTIN (barcode)').fill(milk.barcode);
    await page.getByLabel('Reason').fill('Possible glass fragments');
    await page.getByLabel('Lots (GS1 AI 10)').fill('L2411');
    await page.getByRole('button', { name: 'Recall', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toMatch(/Recall of Fresh Milk 1 L made/);
    recalledAt = Date.now();
    const list = page.getByTestId('recall-list');
    await expect.poll(() => list.innerText()).toContain('Lots: L2411');
    expect(await list.innerText()).toContain('Possible glass fragments');
    expect(await axeProblems(page, 'recalls, one active')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'recalls-en.png'), fullPage: true });

    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.locator('#page-title').innerText()).toBe('召回');
    await expect.poll(() => list.innerText()).toContain('批号：L2411');
    expect(await axeProblems(page, 'recalls in Chinese')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'recalls-zh.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('an online lane refuses that lot within seconds, and another lot of the same milk still sells', async () => {
    const message = kiosk.getByTestId('scan-message');
    // Each try scans the recalled pack; until the lane has the recall, the pack sells.
    await expect
      .poll(
        async () => {
          await typeLikeScanner(kiosk, packOfLot('L2411'));
          // A refusal shows a message; a sale shows none, and the next try scans again.
          await message.waitFor({ timeout: 1_000 }).catch(() => undefined);
          return message.getAttribute('data-code', { timeout: 200 }).catch(() => null);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('item_recalled');
    const seconds = (Date.now() - recalledAt) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(await message.innerText()).toMatch(/Fresh Milk 1 L has been recalled/);
    await kiosk.screenshot({ path: join(ARTIFACTS, 'recalls-kiosk-refused.png') });

    const lines = kiosk.getByTestId('basket-line');
    const before = await lines.count();
    await typeLikeScanner(kiosk, packOfLot('L2412'));
    await expect.poll(() => lines.count(), WAIT).toBe(before + 1);
    await expect.poll(() => lines.last().getByTestId('line-pack').innerText()).toContain('L2412');
    console.log(`recalls e2e: the lane refused the recalled lot ${seconds.toFixed(1)} s after the recall`);
  });

  it('shows the refused attempt on the recall’s page: store, terminal and lot', async () => {
    const { page } = office;
    await openArea(page, 'recalls');
    await page.getByRole('button', { name: 'Fresh Milk 1 L' }).click();
    const attempts = page.getByTestId('recall-attempts');
    await expect
      .poll(async () => {
        await page.reload();
        return attempts.innerText({ timeout: 5_000 }).catch(() => '');
      }, WAIT)
      .toMatch(/S001\s+K01\s+Kiosk\s+L2411/);
    expect(await axeProblems(page, 'recall with attempts')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'recall-detail-en.png'), fullPage: true });
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => attempts.innerText()).toContain('自助收银');
    expect(await axeProblems(page, 'recall with attempts in Chinese')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'recall-detail-zh.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('ends the recall, asked twice, and the lane sells the lot again', async () => {
    const { page } = office;
    await page.getByRole('button', { name: 'End recall…' }).click();
    expect(await axeProblems(page, 'ending a recall')).toEqual([]);
    await page.getByRole('button', { name: 'Yes, end the recall' }).click();
    await expect.poll(() => page.getByTestId('recall-status').innerText()).toMatch(/^Ended /);
    const lines = kiosk.getByTestId('basket-line');
    const before = await lines.count();
    // HQ announces the end on the stream; each try scans the pack until it sells again.
    await expect
      .poll(
        async () => {
          await typeLikeScanner(kiosk, packOfLot('L2411'));
          await lines
            .nth(before)
            .waitFor({ timeout: 1_000 })
            .catch(() => undefined);
          return lines.count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThan(before);
  });
});

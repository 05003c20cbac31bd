// HQ carries the names in other languages and the produce grid: a catalog with zh-CN names, PLUs and
// the grid column is imported at a real HQ (PGlite), reaches an enrolled `openlane serve` through sync,
// and the kiosk in Chromium shows it in Chinese — the basket line and the Fruit & vegetables tiles.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { importCatalogCsv } from '../../server';
import { startEnrolledKiosk, stopEnrolledKiosk, type EnrolledKiosk } from '../helpers/enrolled-kiosk';
import { typeLikeScanner } from '../helpers/wedge';

const PEACHES = withCheckDigit('690999000001');
const LYCHEES = withCheckDigit('690999000002');
const TEA = withCheckDigit('690999000003');
const CSV = [
  'barcode,name,price,tax_rate,unit,department,name_zh-CN,plu,grid',
  `${PEACHES},Flat Peaches,16.80,9,kg,Produce,蟠桃,4401,`,
  `${LYCHEES},Fresh Lychees,29.80,9,kg,Produce,新鲜荔枝,,yes`,
  `${TEA},Longjing Green Tea 250 g,88.00,13,each,Drinks,西湖龙井 250 g,,`,
].join('\n');

describe('names and produce from HQ', () => {
  let kiosk: EnrolledKiosk | undefined;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startEnrolledKiosk('openlane-e2e-names-', async (hq) => {
      expect(await importCatalogCsv(hq.db, CSV, { currency: 'CNY' })).toMatchObject({ ok: true, rows: 3 });
    });
    ({ page } = kiosk);
  });

  afterAll(async () => {
    await stopEnrolledKiosk(kiosk);
  });

  it('shows HQ’s Chinese names on the kiosk once the catalog has synced', async () => {
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('data-online'), { timeout: 15_000 }).toBe('true');
    await page.getByTestId('language-zh').click();
    await typeLikeScanner(page, TEA);
    await expect.poll(() => page.getByTestId('line-name').allInnerTexts()).toEqual(['西湖龙井 250 g']);

    await page.getByTestId('produce-button').click();
    await expect
      .poll(() => page.getByTestId('produce-tile').allInnerTexts())
      .toEqual([
        expect.stringMatching(/^蟠桃\s+¥16\.80 每公斤\s+PLU 4401$/),
        expect.stringMatching(/^新鲜荔枝\s+¥29\.80 每公斤$/),
      ]);
    await page.getByTestId('produce-search').fill('荔枝');
    await expect.poll(() => page.getByTestId('produce-tile').count()).toBe(1);
    await page.getByTestId('produce-tile').click();
    await page.getByTestId('weight-dialog').waitFor();
  });
});

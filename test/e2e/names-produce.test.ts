// Product names in the shopper's language and loose produce from the "Fruit & vegetables" grid, in
// Chromium against a real `openlane serve` selling the demo store: the shopper switches to 简体中文,
// the basket and the receipt speak it, a reload keeps it, the next shopper starts in the default; the
// grid finds bananas by 香蕉, by "banana" or by 4011 and starts the weighing, and adds an 'each' item.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../core/catalog/demo-store';
import { seriousViolations } from '../helpers/axe';
import { openKiosk } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { typeLikeScanner } from '../helpers/wedge';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'names-produce');
const products = demoProducts();
const byName = (name: string) => products.find((p) => p.name === name)!;
const MILK = byName('Whole Milk 1 L');
const TARTS = byName('Portuguese Egg Tarts 4-pack');

describe('names in the shopper’s language, and the produce grid', () => {
  let dir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const names = () => page.getByTestId('line-name').allInnerTexts();
  /** A scan as a keyboard-wedge scanner types it; waits until the basket has one more line. */
  const typeCode = async (code: string) => {
    const before = await page.getByTestId('basket-line').count();
    await typeLikeScanner(page, code);
    await expect.poll(() => page.getByTestId('basket-line').count()).toBe(before + 1);
  };
  const payAtPhone = async () => {
    const payUrl = await page.getByTestId('payment-qr').getAttribute('data-payload');
    const phone = await browser.newPage();
    await phone.goto(payUrl!);
    await phone.getByRole('button', { name: /approve/i }).click();
    await phone.waitForLoadState();
    await phone.close();
  };
  const shot = async (name: string, size: { width: number; height: number }) => {
    await page.setViewportSize(size);
    // The layout settles in a frame; the screenshot waits for fonts and that frame itself.
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'openlane-names-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ receiptIdleSeconds: 600 }));
    serve = await startServe({ dataDir: data });
    ({ browser, page } = await openKiosk(serve.url));
  });

  beforeEach(async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the basket and the receipt in Chinese, keeps the choice across a reload, and forgets it for the next shopper', async () => {
    await expect.poll(() => page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('language-zh').click();
    await typeCode(MILK.barcode);
    await typeCode(TARTS.barcode);
    await expect.poll(names).toEqual(['全脂牛奶 1 L', '葡式蛋挞 4个装']);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('basket-zh', { width: 1024, height: 768 });
    await shot('basket-zh', { width: 1080, height: 1920 });

    // The same shopper's session after a reload: still Chinese.
    await page.reload();
    await page.getByTestId('basket').waitFor();
    await expect.poll(() => page.getByTestId('language-zh').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(names).toEqual(['全脂牛奶 1 L', '葡式蛋挞 4个装']);

    await page.getByTestId('pay-button').click();
    await page.getByTestId('payment-qr').waitFor();
    await payAtPhone();
    await page.getByTestId('paid').waitFor();
    await expect
      .poll(() => page.locator('.receipt-name').allInnerTexts())
      .toEqual(['全脂牛奶 1 L', '葡式蛋挞 4个装']);
    await expect.poll(() => page.getByTestId('receipt-paid-by').innerText()).toBe('支付方式：扫码支付');

    // A reload on the receipt keeps it in Chinese too: the sale is still this shopper's.
    await page.reload();
    await page.getByTestId('paid').waitFor();
    await expect.poll(() => page.getByTestId('receipt-paid-by').innerText()).toBe('支付方式：扫码支付');

    // Done: the next shopper starts in the store's default, English, and a reload does not bring Chinese back.
    await page.getByTestId('done-button').click();
    await page.getByTestId('welcome').waitFor();
    await expect.poll(() => page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByTestId('welcome').waitFor();
    await expect.poll(() => page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');
    await typeCode(MILK.barcode);
    await expect.poll(names).toEqual(['Whole Milk 1 L']);
    await page.getByTestId('cancel-order').click();
    await page.getByTestId('confirm-yes').click();
    await page.getByTestId('welcome').waitFor();
  });

  it('finds bananas by 香蕉 in the grid, and picking them starts the weighing', async () => {
    await page.getByTestId('language-zh').click();
    await page.getByTestId('produce-button').click();
    await page.getByTestId('produce-grid').waitFor();
    await expect.poll(() => page.getByTestId('produce-tile').count()).toBeGreaterThanOrEqual(12);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('produce-grid-zh', { width: 1024, height: 768 });
    await shot('produce-grid-zh', { width: 1080, height: 1920 });
    await page.getByTestId('produce-search').fill('香蕉');
    await expect
      .poll(() => page.getByTestId('produce-tile').allInnerTexts())
      .toEqual([expect.stringMatching(/^香蕉\s+¥6\.90 每公斤\s+PLU 4011$/)]);
    await page.getByTestId('produce-tile').click();
    await expect.poll(() => page.getByTestId('produce-grid').count()).toBe(0);
    await page.getByTestId('weight-dialog').waitFor();
    await page.getByTestId('weight-input').fill('1250');
    await page.getByTestId('weight-submit').click();
    await expect.poll(names).toEqual(['香蕉']);
  });

  it('finds items by their English name and by PLU in English, and adds an item sold each at once', async () => {
    await page.getByTestId('language-en').click();
    await page.getByTestId('produce-button').click();
    await page.getByTestId('produce-search').fill('banana');
    await expect
      .poll(() => page.getByTestId('produce-tile').allInnerTexts())
      .toEqual([expect.stringMatching(/^Bananas\s+¥6\.90 per kg\s+PLU 4011$/)]);
    await shot('produce-grid-en', { width: 1024, height: 768 });
    await page.getByTestId('produce-search').fill('nothing like this');
    await page.getByTestId('produce-none').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('produce-search').fill('4053');
    await expect
      .poll(() => page.getByTestId('produce-tile').allInnerTexts())
      .toEqual([expect.stringMatching(/^Lemon\s+¥\d+\.\d\d each\s+PLU 4053$/)]);
    await page.getByTestId('produce-tile').click();
    await expect.poll(names).toEqual(['Bananas', 'Lemon']);
    await expect.poll(() => page.getByTestId('weight-dialog').count()).toBe(0);
  });
});
